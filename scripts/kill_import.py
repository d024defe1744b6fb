"""kill -9 `dieuhanh import --confirm` at random moments, then run it again and check nothing is lost.

    .venv/bin/python scripts/kill_import.py --files 12 --kills 20

Runs on a throwaway SQLite database in a temporary folder: a commune with four
units and `--files` directives (distinct numbers). Each round starts
`dieuhanh import FILES --confirm` and kills it with SIGKILL after a random
delay, then counts the original files that no document points to (orphans).
A last run goes to the end: it must resume (confirm the drafts left pending,
take over the files left behind), so that every file is registered once, every
draft confirmed, and no orphan file remains. Prints the figures; exit code 0
when nothing was lost or left behind.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from dieuhanh.cli import main; main()"]

DIRECTIVE = """\
ỦY BAN NHÂN DÂN
XÃ HÒA AN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: {number}/UBND-VP
V/v triển khai nhiệm vụ chuyển đổi số đợt {number}

Hòa An, ngày 02 tháng 7 năm 2026

Kính gửi: Các phòng, ban, đơn vị thuộc UBND xã.

1. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Công an xã rà soát, làm sạch dữ liệu dân cư \
đợt {number} trên địa bàn xã, hoàn thành trước ngày 20/7/2026.

2. Công an xã tổng hợp kết quả thực hiện Đề án 06 đợt {number}, báo cáo Ủy ban nhân dân xã \
trước ngày 18 hằng tháng.

3. Phòng Kinh tế rà soát hạ tầng mạng tại các thôn, kinh phí {number} triệu đồng từ ngân sách xã, \
hoàn thành trong Quý III/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""


def make_organisation() -> None:
    from dieuhanh.org.constants import UnitKind
    from dieuhanh.org.models import Unit

    commune = Unit.objects.create(
        kind=UnitKind.COMMUNE, name="Ủy ban nhân dân xã Hòa An", short_name="UBND xã Hòa An", code="xa-hoa-an"
    )
    for name, kind in [
        ("Phòng Văn hóa - Xã hội", UnitKind.COMMUNE_DEPT),
        ("Phòng Kinh tế", UnitKind.COMMUNE_DEPT),
        ("Văn phòng HĐND và UBND xã", UnitKind.COMMUNE_DEPT),
        ("Công an xã", UnitKind.POLICE),
    ]:
        Unit.objects.create(kind=kind, name=name, parent=commune, code=f"hoa-an-{len(name)}-{kind}")


def orphans(media: Path) -> int:
    from dieuhanh.documents.models import Document

    root = media / "documents"
    if not root.is_dir():
        return 0
    kept = set(Document.objects.exclude(original_file="").values_list("original_file", flat=True))
    return sum(1 for p in root.rglob("*") if p.is_file() and p.relative_to(media).as_posix() not in kept)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=12)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--max-delay", type=float, default=6.0, help="kill within this many seconds")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="dieuhanh-kill-import-") as data:
        data_dir = Path(data)
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(DIEUHANH_DATA_DIR=data, DJANGO_SETTINGS_MODULE="dieuhanh.settings", LOG_LEVEL="WARNING")
        os.environ.update(env)
        os.environ.pop("DATABASE_URL", None)
        subprocess.run([*CLI, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        import django

        django.setup()
        from django.conf import settings

        from dieuhanh.documents.models import Document
        from dieuhanh.intake.models import ImportDraft

        make_organisation()
        folder = data_dir / "van-ban"
        folder.mkdir()
        files = []
        for n in range(1, args.files + 1):
            path = folder / f"{300 + n}-UBND-VP.txt"
            path.write_text(DIRECTIVE.format(number=300 + n), encoding="utf-8")
            files.append(str(path))
        command = [*CLI, "import", *files, "--unit", "xa-hoa-an", "--confirm"]
        media = Path(settings.MEDIA_ROOT)

        left_orphans = 0
        for _ in range(args.kills):
            proc = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            time.sleep(rng.uniform(0.5, args.max_delay))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            left_orphans += orphans(media) > 0

        final = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        documents = Document.objects.count()
        confirmed = ImportDraft.objects.filter(status=ImportDraft.Status.CONFIRMED).count()
        pending = ImportDraft.objects.filter(status=ImportDraft.Status.PENDING).count()
        remaining = orphans(media)
        print(
            f"kill -9 của import --confirm: {args.kills} lần, {left_orphans} lần để lại tệp gốc chưa có văn bản"
        )
        print(f"lần chạy cuối: mã thoát {final.returncode}")
        print(f"văn bản: {documents} / {args.files}; bản nháp đã xác nhận: {confirmed}; còn chờ: {pending}")
        print(f"tệp gốc không có văn bản nào trỏ tới (mồ côi) sau lần chạy cuối: {remaining}")
        ok = final.returncode == 0 and documents == confirmed == args.files and not pending and not remaining
        if not ok:
            print(final.stdout[-2000:], final.stderr[-2000:])
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
