from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dieuhanh.org.access import Access
from dieuhanh.reports.constants import DEFAULT_CUTOFF_DAY, ReportFormat
from dieuhanh.reports.docx_report import Signing
from dieuhanh.reports.excel_export import EXPORTS
from dieuhanh.reports.generate import rankings_file, report_file
from dieuhanh.reports.periods import PeriodError, resolve_period
from dieuhanh.reports.scope import ScopeError, find_unit

BAD_INPUT = 2


def fail(message: str):
    return CommandError(message, returncode=BAD_INPUT)


class Command(BaseCommand):
    help = (
        "Lập báo cáo kết quả thực hiện nhiệm vụ theo kỳ (Nghị định 09/2019): tệp .docx theo thể thức "
        "Nghị định 30/2020 hoặc .xlsx; bảng xếp loại (--rankings); xuất danh sách ra Excel (--export). "
        "Ví dụ: dieuhanh report --period 2026-06 --unit xa-gia-loc --format docx --out bao-cao.docx"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            help="Kỳ báo cáo: 2026-06 (tháng), 2026-Q2 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng), 2026 (năm).",
        )
        parser.add_argument("--from", dest="date_from", help="Từ ngày (dd/mm/yyyy), thay cho --period.")
        parser.add_argument("--to", dest="date_to", help="Đến ngày (dd/mm/yyyy), đi cùng --from.")
        parser.add_argument("--unit", help="Mã hoặc tên đơn vị (tỉnh, xã hoặc phòng ban); mặc định: toàn bộ.")
        parser.add_argument("--format", default="", help="docx hoặc xlsx (mặc định theo đuôi tệp --out).")
        parser.add_argument("--out", help="Tệp kết quả.")
        parser.add_argument("--user", help="Lập báo cáo theo quyền xem của người dùng này.")
        parser.add_argument(
            "--cutoff",
            type=int,
            default=DEFAULT_CUTOFF_DAY,
            help="Ngày chốt số liệu hằng tháng (mặc định 14).",
        )
        parser.add_argument("--rankings", action="store_true", help="Chỉ lập bảng xếp loại (.xlsx).")
        parser.add_argument("--export", help="Xuất danh sách ra Excel: tasks, documents hoặc units.")
        parser.add_argument("--signer", default="", help="Họ tên người ký.")

    def handle(self, *args, **options):
        out = options["out"]
        if not out:
            raise fail("Thiếu tệp kết quả: dùng --out TÊN_TỆP.")
        user = self._user(options["user"])
        try:
            unit = find_unit(options["unit"]) if options["unit"] else None
            if options["export"]:
                made = self._export(options["export"], user, unit)
            else:
                if not 1 <= options["cutoff"] <= 27:
                    raise fail("Ngày chốt số liệu phải từ 1 đến 27.")
                period = resolve_period(
                    options["period"], options["date_from"], options["date_to"], options["cutoff"]
                )
                if options["rankings"]:
                    made = rankings_file(period, user, unit)
                else:
                    fmt = self._format(options["format"], out)
                    made = report_file(period, fmt, user, unit, signing=Signing(name=options["signer"]))
        except (PeriodError, ScopeError) as exc:
            raise fail(str(exc)) from exc
        try:
            Path(out).write_bytes(made if isinstance(made, bytes) else made.content)
        except OSError as exc:
            raise fail(f"Không ghi được tệp {out}: {exc.strerror}.") from exc
        self.stdout.write(f"Đã ghi {out}.")

    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise fail(f"Không có người dùng {username!r}.")
        return user

    def _format(self, fmt: str, out: str) -> str:
        fmt = (fmt or Path(out).suffix.lstrip(".")).lower()
        if fmt not in ReportFormat.values:
            raise fail("Định dạng phải là docx hoặc xlsx (--format).")
        return fmt

    def _export(self, kind: str, user, unit) -> bytes:
        if kind not in EXPORTS:
            raise fail("--export nhận một trong: tasks, documents, units.")
        if user is None:
            # Without --user the command acts for the whole installation, as an administrator would
            # (confidential documents stay out: nobody is named on them).
            return EXPORTS[kind](Access(user=get_user_model()(is_superuser=True)), unit)
        return EXPORTS[kind](Access.of(user), unit)
