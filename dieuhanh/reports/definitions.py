"""Every figure of a report defined once: its label, its column, how it is read from the
counts, and what it means, in Vietnamese.

The report page, the .docx, the .xlsx and the province roll-up all lay out their summary
table and their tables by unit from `FIGURES`, and print the meanings in their notes
(`definition_notes`), so no output can count a figure its own way. The README quotes the
meanings; a test checks it still does, word for word.

Counts by status partition the tasks of the period: "Tổng số" is the sum of the six status
columns, and a table's total row is the sum of its unit rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from dieuhanh.reports.formatting import vn_date, vn_decimal, vn_int, vn_percent
from dieuhanh.tasks.rates import Rates

if TYPE_CHECKING:
    from dieuhanh.reports.figures import ReportFigures, UnitRow

COUNT, PERCENT = "count", "percent"
TOTAL_LABEL = "Tổng cộng"
CONFIDENTIAL_NOTE = "Báo cáo không gồm nhiệm vụ thuộc văn bản mật."


@dataclass(frozen=True)
class Figure:
    key: str  # the name a .docx template uses for it
    label: str  # its line in the summary table
    group: str  # the heading over its column in the tables by unit ("" when alone)
    column: str  # its column header under the group
    kind: str  # COUNT or PERCENT (one decimal place)
    meaning: str  # what it counts, in Vietnamese; "{soon_days}" is filled in
    of_rates: Callable[[Rates], int | Decimal | None] | None = None
    of_report: Callable[[ReportFigures], int | Decimal | None] | None = None
    sub: bool = False  # a "trong đó" line of the one above
    in_table: bool = True  # a column of the tables by unit

    def value(self, f: ReportFigures):
        return self.of_rates(f.rates) if self.of_rates else self.of_report(f)

    @property
    def header(self) -> str:
        """The column header in one line, as the .xlsx writes it."""
        return f"{self.group} - {self.column.lower()}" if self.group else self.column


DONE, OPEN, RATES = "Hoàn thành", "Chưa hoàn thành", "Tỷ lệ (%)"

FIGURES = [
    Figure(
        "tong_so",
        "Tổng số nhiệm vụ trong kỳ",
        "",
        "Tổng số",
        COUNT,
        "nhiệm vụ được giao, đưa vào theo dõi đến hết kỳ và chưa hoàn thành trước ngày đầu kỳ; "
        "không tính nhiệm vụ đã hủy; mỗi lần thực hiện của nhiệm vụ định kỳ là một nhiệm vụ. "
        "Tổng số bằng tổng sáu nhóm: hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện "
        "trong hạn, quá hạn chưa hoàn thành, không có thời hạn, tạm hoãn.",
        of_rates=lambda r: r.total,
    ),
    Figure(
        "hoan_thanh_dung_han",
        "Hoàn thành đúng hạn (kể cả trước hạn)",
        DONE,
        "Đúng hạn",
        COUNT,
        "đã hoàn thành, được lãnh đạo xác nhận, với ngày hoàn thành (ngày đơn vị báo hoàn thành) "
        "không muộn hơn thời hạn ban đầu, tức thời hạn trước mọi lần gia hạn; nhiệm vụ không có "
        "thời hạn đã hoàn thành được tính là đúng hạn.",
        of_rates=lambda r: r.done_early + r.done_on_time,
    ),
    Figure(
        "hoan_thanh_qua_han",
        "Hoàn thành quá hạn",
        DONE,
        "Quá hạn",
        COUNT,
        "đã hoàn thành với ngày hoàn thành sau thời hạn ban đầu, kể cả khi đã được gia hạn và "
        "hoàn thành trong thời hạn mới.",
        of_rates=lambda r: r.done_late,
    ),
    Figure(
        "trong_han",
        "Đang thực hiện trong hạn",
        OPEN,
        "Trong hạn",
        COUNT,
        "chưa hoàn thành và thời hạn hiện hành (thời hạn sau gia hạn, nếu có) chưa qua tại ngày "
        "xét; nhiệm vụ đơn vị đã báo hoàn thành, đang chờ lãnh đạo xác nhận, được xét theo ngày "
        "đơn vị báo hoàn thành.",
        of_rates=lambda r: r.in_time + r.due_soon,
    ),
    Figure(
        "sap_den_han",
        "trong đó sắp đến hạn",
        "",
        "Sắp đến hạn",
        COUNT,
        "trong số đang thực hiện trong hạn, thời hạn hiện hành còn không quá {soon_days} ngày "
        "kể từ ngày xét.",
        of_rates=lambda r: r.due_soon,
        sub=True,
        in_table=False,
    ),
    Figure(
        "qua_han",
        "Quá hạn chưa hoàn thành",
        OPEN,
        "Quá hạn",
        COUNT,
        "chưa hoàn thành và ngày xét đã sau thời hạn hiện hành, hoặc đơn vị báo hoàn thành sau "
        "thời hạn và đang chờ lãnh đạo xác nhận.",
        of_rates=lambda r: r.overdue,
    ),
    Figure(
        "khong_thoi_han",
        "Không có thời hạn",
        OPEN,
        "Không có thời hạn",
        COUNT,
        "chưa hoàn thành, văn bản giao không ấn định thời hạn.",
        of_rates=lambda r: r.no_deadline,
    ),
    Figure(
        "tam_hoan",
        "Tạm hoãn",
        "",
        "Tạm hoãn",
        COUNT,
        "lãnh đạo đã cho tạm hoãn thực hiện, tại ngày xét.",
        of_rates=lambda r: r.paused,
    ),
    Figure(
        "ty_le_dung_han",
        "Tỷ lệ hoàn thành đúng hạn (trên số đã hoàn thành)",
        RATES,
        "Đúng hạn",
        PERCENT,
        "số hoàn thành đúng hạn (kể cả trước hạn) chia cho số đã hoàn thành; để trống (—) khi "
        "chưa có nhiệm vụ hoàn thành.",
        of_rates=lambda r: r.on_time_rate,
    ),
    Figure(
        "ty_le_qua_han",
        "Tỷ lệ quá hạn trên tổng số nhiệm vụ",
        RATES,
        "Quá hạn / tổng số",
        PERCENT,
        "số quá hạn chưa hoàn thành chia cho tổng số nhiệm vụ trong kỳ.",
        of_rates=lambda r: r.overdue_rate_all,
    ),
    Figure(
        "ty_le_qua_han_den_han",
        "Tỷ lệ quá hạn trên số nhiệm vụ đã đến hạn",
        RATES,
        "Quá hạn / đã đến hạn",
        PERCENT,
        "số quá hạn chưa hoàn thành chia cho số nhiệm vụ đã đến hạn, tức nhiệm vụ (đã hoặc chưa "
        "hoàn thành) có thời hạn hiện hành không muộn hơn ngày xét; không tính nhiệm vụ tạm hoãn "
        "và nhiệm vụ không có thời hạn.",
        of_rates=lambda r: r.overdue_rate_due,
    ),
    Figure(
        "ty_le_cap_nhat",
        "Tỷ lệ cập nhật tiến độ trong kỳ",
        RATES,
        "Cập nhật tiến độ",
        PERCENT,
        "số nhiệm vụ chưa hoàn thành (trong hạn, quá hạn, không có thời hạn) có ít nhất một báo "
        "cáo tiến độ ghi ngày trong kỳ, chia cho số nhiệm vụ chưa hoàn thành.",
        of_rates=lambda r: r.update_rate,
    ),
    Figure(
        "gia_han",
        "Lượt gia hạn được duyệt trong kỳ",
        "",
        "Gia hạn",
        COUNT,
        "số lượt gia hạn được lãnh đạo duyệt với ngày duyệt trong kỳ, đến ngày xét; một nhiệm vụ "
        "gia hạn hai lần tính hai lượt.",
        of_report=lambda f: f.extensions_total,
        in_table=False,
    ),
    Figure(
        "gia_han_khach_quan",
        "trong đó do nguyên nhân khách quan",
        "",
        "Gia hạn do nguyên nhân khách quan",
        COUNT,
        "số lượt gia hạn trong kỳ được lãnh đạo công nhận do nguyên nhân khách quan; nhiệm vụ "
        "hoàn thành trong thời hạn được gia hạn này không bị trừ điểm khi xếp loại.",
        of_report=lambda f: f.extensions_objective,
        sub=True,
        in_table=False,
    ),
    Figure(
        "don_doc",
        "Lượt đôn đốc đã gửi trong kỳ",
        "",
        "Đôn đốc",
        COUNT,
        "số lượt nhắc việc, đôn đốc hệ thống đã gửi cho người thực hiện (trong ứng dụng, thư điện "
        "tử), ngày gửi trong kỳ, đến ngày xét.",
        of_report=lambda f: f.reminders_sent,
        in_table=False,
    ),
]
BY_KEY = {figure.key: figure for figure in FIGURES}
TABLE_FIGURES = [figure for figure in FIGURES if figure.in_table]


def shown(value, kind: str, with_sign: bool = True) -> str:
    """A figure as a Vietnamese reader reads it: 1.234 tasks, 66,7% ("66,7" under a "(%)" header)."""
    if kind == PERCENT:
        return vn_percent(value) if with_sign else vn_decimal(value)
    return "—" if value is None else vn_int(value)


@dataclass(frozen=True)
class SummaryLine:
    number: str  # "1", "2", ... (a "trong đó" line has none)
    figure: Figure
    value: int | Decimal | None

    @property
    def text(self) -> str:
        return shown(self.value, self.figure.kind)


def summary_lines(f: ReportFigures) -> list[SummaryLine]:
    lines, number = [], 0
    for figure in FIGURES:
        if not figure.sub:
            number += 1
        lines.append(SummaryLine(str(number) if not figure.sub else "", figure, figure.value(f)))
    return lines


def table_values(rates: Rates) -> list[int | Decimal | None]:
    """The values of one row of a table by unit, in the order of `TABLE_FIGURES`."""
    return [figure.of_rates(rates) for figure in TABLE_FIGURES]


def table_texts(rates: Rates) -> list[str]:
    return [
        shown(v, f.kind, with_sign=False) for v, f in zip(table_values(rates), TABLE_FIGURES, strict=True)
    ]


def table_groups() -> list[tuple[str, int, bool]]:
    """The headings over the columns of a table by unit: (text, columns spanned, is a group).
    A column of no group has its own header there, over both header rows."""
    groups: list[tuple[str, int, bool]] = []
    for figure in TABLE_FIGURES:
        if figure.group and groups and groups[-1][2] and groups[-1][0] == figure.group:
            groups[-1] = (figure.group, groups[-1][1] + 1, True)
        else:
            groups.append((figure.group or figure.column, 1, bool(figure.group)))
    return groups


@dataclass(frozen=True)
class TableRow:
    number: str  # "" on the total row
    name: str
    texts: list[str]
    unit_id: int | None = None


def table_rows(f: ReportFigures, rows: list[UnitRow] | None = None) -> list[TableRow]:
    """Each unit of the table, then the total row."""
    rows = f.groups if rows is None else rows
    out = [
        TableRow(str(i), row.name, table_texts(row.rates), row.unit_id) for i, row in enumerate(rows, start=1)
    ]
    out.append(TableRow("", TOTAL_LABEL, table_texts(f.rates)))
    return out


def meanings(soon_days: int) -> list[tuple[str, str]]:
    """(label, meaning) of every figure."""
    return [
        (figure.label[0].upper() + figure.label[1:], figure.meaning.format(soon_days=soon_days))
        for figure in FIGURES
    ]


def period_notes(f: ReportFigures) -> list[str]:
    """How the period and the day judged were chosen, with the report's own dates."""
    p = f.period
    if p.kind == "custom":
        window = f"Số liệu từ ngày {vn_date(p.start)} đến hết ngày {vn_date(p.end)} (khoảng ngày chọn khi lập báo cáo)."
    else:
        window = (
            f"{p.label}: số liệu từ ngày {vn_date(p.start)} đến hết ngày {vn_date(p.end)}, tức từ ngày "
            f"{p.start.day} tháng trước tháng đầu kỳ đến ngày chốt số liệu {p.end.day} của tháng cuối kỳ "
            "(Nghị định số 09/2019/NĐ-CP)."
        )
    return [
        window,
        f"Ngày xét: {vn_date(f.as_of)}. Tình trạng của mỗi nhiệm vụ được xét tại ngày chốt số liệu, hoặc "
        "tại ngày lập báo cáo nếu báo cáo lập trước ngày chốt; việc hoàn thành, báo cáo tiến độ ghi "
        "ngày sau ngày xét không được tính vào kỳ này.",
        "Tỷ lệ làm tròn đến một chữ số thập phân.",
    ]


def definition_notes(f: ReportFigures) -> list[str]:
    """The notes of a report: the period, then each figure and what it counts."""
    lines = period_notes(f)
    lines += [f"{label}: {meaning}" for label, meaning in meanings(f.soon_days)]
    if not f.holds_confidential:
        lines.append(CONFIDENTIAL_NOTE)
    return lines


@dataclass(frozen=True)
class Tables:
    """The summary and the table by unit as every output prints them (texts, not numbers)."""

    summary: list[SummaryLine]
    groups: list[tuple[str, int, bool]]  # headings over the columns (`table_groups`)
    columns: list[Figure]
    rows: list[TableRow]  # the total row last
    notes: list[str]


def figure_tables(f: ReportFigures) -> Tables:
    return Tables(summary_lines(f), table_groups(), TABLE_FIGURES, table_rows(f), definition_notes(f))
