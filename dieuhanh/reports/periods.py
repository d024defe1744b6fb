"""Report periods as the CLI, the page and the schedules ask for them.

Periodic reports follow Nghị định 09/2019 through `dieuhanh.vn.periods` (data
window from the 15th of the month before to the 14th, cut-off configurable);
a custom range is taken as given. Schedules run on the day after the cut-off
of each period's last month.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from dieuhanh.reports.constants import DEFAULT_CUTOFF_DAY, PERIOD_END_MONTHS, PeriodKind
from dieuhanh.vn.periods import ReportPeriod, parse_period_spec, report_period

RUN_HOUR = 7


class PeriodError(ValueError):
    """A period the person asked for cannot be read; the message is in Vietnamese."""


def format_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


# Reports cover the years a directive can be about (the forms refuse other dates too).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def custom_period(start: datetime.date, end: datetime.date) -> ReportPeriod:
    for day in (start, end):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise PeriodError(
                f"Ngày {format_date(day)} nằm ngoài khoảng từ năm {FIRST_YEAR} đến năm {LAST_YEAR}."
            )
    if end < start:
        raise PeriodError(f"Ngày kết thúc ({format_date(end)}) trước ngày bắt đầu ({format_date(start)}).")
    label = f"từ ngày {format_date(start)} đến ngày {format_date(end)}"
    return ReportPeriod("custom", end.year, None, label, start, end)


def parse_day(text: str) -> datetime.date:
    """A date written dd/mm/yyyy or yyyy-mm-dd."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise PeriodError(f"Ngày không hợp lệ: {text!r}. Dùng dạng dd/mm/yyyy, ví dụ 15/05/2026.")


def resolve_period(
    spec: str | None = None,
    date_from: str | datetime.date | None = None,
    date_to: str | datetime.date | None = None,
    cutoff_day: int = DEFAULT_CUTOFF_DAY,
) -> ReportPeriod:
    """A period from a spec ("2026-06", "2026-Q2", "2026-H1", "2026-9M", "2026") or a date range."""
    if spec and (date_from or date_to):
        raise PeriodError("Chỉ chọn một trong hai: kỳ báo cáo (--period) hoặc khoảng ngày (--from/--to).")
    if date_from or date_to:
        if not (date_from and date_to):
            raise PeriodError("Khoảng ngày cần cả ngày bắt đầu (--from) và ngày kết thúc (--to).")
        start = date_from if isinstance(date_from, datetime.date) else parse_day(date_from)
        end = date_to if isinstance(date_to, datetime.date) else parse_day(date_to)
        return custom_period(start, end)
    if not spec:
        raise PeriodError("Chưa chọn kỳ báo cáo: dùng --period (ví dụ 2026-06) hoặc --from/--to.")
    try:
        period = parse_period_spec(spec, cutoff_day)
    except ValueError as exc:
        raise PeriodError(str(exc)) from exc
    except OverflowError as exc:
        raise PeriodError(f"Kỳ báo cáo không hợp lệ: {spec!r}.") from exc
    if not FIRST_YEAR <= period.year <= LAST_YEAR:
        raise PeriodError(f"Kỳ báo cáo phải trong khoảng từ năm {FIRST_YEAR} đến năm {LAST_YEAR}.")
    return period


def _local_tz():
    return ZoneInfo(settings.TIME_ZONE)


def period_before(kind: str, day: datetime.date, cutoff_day: int = DEFAULT_CUTOFF_DAY) -> ReportPeriod:
    """The latest period of `kind` whose data window closed before `day` (what a schedule sends)."""
    year, month = day.year, day.month
    if day.day <= cutoff_day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    for _ in range(24):
        if month in PERIOD_END_MONTHS[PeriodKind(kind)]:
            break
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    if kind == PeriodKind.MONTH:
        return report_period("month", year, month, cutoff_day)
    if kind == PeriodKind.QUARTER:
        return report_period("quarter", year, month // 3, cutoff_day)
    if kind == PeriodKind.HALF:
        return report_period("half", year, 1 if month == 6 else 2, cutoff_day)
    return report_period(str(kind), year, None, cutoff_day)


def next_run_after(
    kind: str, now: datetime.datetime, cutoff_day: int = DEFAULT_CUTOFF_DAY
) -> datetime.datetime:
    """The first morning after a cut-off of `kind` that is later than `now` (aware, local 07:00)."""
    tz = _local_tz()
    local = now.astimezone(tz)
    year, month = local.year, local.month
    for _ in range(30):
        if month in PERIOD_END_MONTHS[PeriodKind(kind)]:
            run = datetime.datetime(year, month, cutoff_day + 1, RUN_HOUR, tzinfo=tz)
            if run > local:
                return run
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise AssertionError("no run found within 30 months")
