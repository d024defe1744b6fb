import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from dieuhanh.documents.models import Document
from dieuhanh.intake.models import ImportDraft
from dieuhanh.tasks.models import Task
from tests.intake.factories import build_org
from tests.intake.texts import COMMUNE_DIRECTIVE, PROVINCE_DIRECTIVE

pytestmark = pytest.mark.django_db

UNKNOWN = "Đội Quản lý trật tự đô thị"


@pytest.fixture
def org():
    return build_org()


@pytest.fixture
def files(tmp_path):
    commune = tmp_path / "215-UBND-VP.txt"
    commune.write_text(COMMUNE_DIRECTIVE, encoding="utf-8")
    clean = tmp_path / "215-sach.txt"
    clean.write_text(COMMUNE_DIRECTIVE.replace(f"4. {UNKNOWN}", "4. Phòng Kinh tế"), encoding="utf-8")
    province = tmp_path / "977.txt"
    province.write_text(PROVINCE_DIRECTIVE, encoding="utf-8")
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.4 tep bi cat ngang")
    return {"commune": commune, "clean": clean, "province": province, "broken": broken}


def run(*args, **options) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_documents", *map(str, args), stdout=out, stderr=err, **options)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_it_imports_a_file_and_prints_the_document_tasks_and_problems(org, files):
    code, out, err = run(files["commune"], unit=org.commune.code, user=org.tracker.username)
    assert (code, err) == (0, "")
    assert "Công văn số 215/UBND-VP ngày 02/07/2026" in out
    assert "Trích yếu: triển khai nhiệm vụ chuyển đổi số" in out
    draft = ImportDraft.objects.get()
    assert f"Nhiệm vụ đề xuất: {draft.tasks.count()}" in out
    assert f"Vướng mắc: Nhiệm vụ {draft.tasks.count()}: chưa xác định được đơn vị chủ trì “{UNKNOWN}”" in out
    assert f"Bản nháp số {draft.pk} chờ rà soát" in out
    assert (draft.status, draft.created_by) == (ImportDraft.Status.PENDING, org.tracker)


def test_confirm_creates_the_tasks_when_nothing_blocks(org, files):
    code, out, _ = run(files["clean"], unit="UBND xã Hòa An", confirm=True)
    draft = ImportDraft.objects.get()
    assert code == 0
    assert draft.status == ImportDraft.Status.CONFIRMED
    assert f"Đã xác nhận {draft.tasks.count()} nhiệm vụ." in out
    assert Task.objects.filter(document=draft.document, series=None).count() == draft.tasks.count()


def test_confirm_leaves_a_blocked_draft_for_review_and_exits_1(org, files):
    code, out, _ = run(files["commune"], unit=org.commune.code, confirm=True)
    assert code == 1
    assert "Chưa xác nhận" in out
    assert ImportDraft.objects.get().status == ImportDraft.Status.PENDING
    assert Task.objects.count() == 0


def test_a_bad_file_prints_one_line_exits_2_and_the_others_go_on(org, files):
    missing = files["clean"].parent / "khong-co.txt"
    code, out, err = run(files["broken"], files["clean"], missing, unit=org.commune.code)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{files['broken']}: ") and "không mở được" in lines[0]
    assert lines[1].startswith(f"{missing}: không đọc được tệp")
    assert Document.objects.get().original_name == files["clean"].name
    assert "215-sach.txt" in out


def test_importing_the_same_document_again_is_refused_with_exit_2(org, files):
    run(files["clean"], unit=org.commune.code)
    code, _, err = run(files["commune"], unit=org.commune.code)
    assert code == 2
    assert "đã có trong sổ văn bản" in err and "215/UBND-VP" in err
    assert Document.objects.count() == 1


def test_the_organisation_must_be_named_when_there_are_several(org, files):
    code, out, err = run(files["clean"])
    assert code == 2
    assert err.startswith("Có nhiều cơ quan, hãy chọn bằng --unit")
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"unit": "xa-khong-co"}, "Không tìm thấy đơn vị “xa-khong-co”"),
        ({"unit": "Công an xã"}, "trùng với nhiều đơn vị"),
        ({"unit": "UBND xã Hòa An", "user": "khongai"}, "Không tìm thấy người dùng “khongai”"),
    ],
)
def test_a_wrong_unit_or_user_imports_nothing(org, files, options, message):
    code, _, err = run(files["clean"], **options)
    assert code == 2 and message in err
    assert Document.objects.count() == 0


def test_a_unit_below_an_organisation_imports_into_that_organisation(org, files):
    run(files["clean"], unit="Phòng VH-XH")
    assert Document.objects.get().owner == org.commune


def test_a_person_without_the_right_is_refused(org, files):
    code, _, err = run(files["clean"], unit=org.commune.code, user=org.member.username)
    assert code == 2 and "không có quyền nhập văn bản" in err


def test_the_dieuhanh_command_reports_a_bad_file_without_a_traceback(tmp_path, files):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT")}
    env["DIEUHANH_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONPATH"] = str(settings.BASE_DIR)
    dieuhanh = str(Path(sys.executable).parent / "dieuhanh")

    def cli(*args):
        return subprocess.run(
            [dieuhanh, *args], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300
        )

    assert cli("migrate", "-v0").returncode == 0
    made = cli("shell", "-c", "from tests.intake.factories import build_org; build_org()")
    assert made.returncode == 0, made.stderr
    result = cli("import", str(files["broken"]), "--unit", "UBND xã Hòa An")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"{files['broken']}: Tệp hong.pdf bị hỏng hoặc không đầy đủ (không mở được như tệp PDF)."
    )


def media_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_running_again_after_an_interruption_confirms_the_pending_draft(org, files):
    run(files["clean"], unit=org.commune.code)  # as if killed after the import, before confirming
    code, out, err = run(files["clean"], unit=org.commune.code, confirm=True)
    assert code == 0, err
    assert "đã nhập ở lần chạy trước, tiếp tục bản nháp số" in out
    assert ImportDraft.objects.get().status == ImportDraft.Status.CONFIRMED
    assert Document.objects.count() == 1


def test_the_original_left_by_a_killed_import_is_taken_over_not_copied(org, files):
    run(files["clean"], unit=org.commune.code)
    document = Document.objects.get()
    left = document.original_file.name
    Document.objects.all().delete()  # what a rollback leaves: the file, no row
    assert media_files() == {left}
    run(files["clean"], unit=org.commune.code, confirm=True)
    assert Document.objects.get().original_file.name == left
    assert media_files() == {left}


def test_originals_nobody_points_to_are_deleted_after_an_hour(org, files):
    from dieuhanh.documents.services.registry import remove_orphan_originals

    run(files["clean"], unit=org.commune.code)
    kept = Document.objects.get().original_file.name
    root = Path(settings.MEDIA_ROOT)
    old, young = root / "documents/ab/abc/cu.txt", root / "documents/cd/cde/moi.txt"
    for path in (old, young):
        path.parent.mkdir(parents=True)
        path.write_text("tệp mồ côi")
    two_hours_ago = os.path.getmtime(young) - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    os.utime(root / kept, (two_hours_ago, two_hours_ago))
    assert remove_orphan_originals() == 1
    assert media_files() == {kept, "documents/cd/cde/moi.txt"}
