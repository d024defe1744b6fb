"""The written sections of a report the office edits before it is issued, prefilled from the figures.

A draft starts with what the data can say — completed work and the units that finished on
time, the overdue work and the causes units gave, the tasks due next, the requests waiting
for a leader — one point per line, and the office rewrites it. The text is kept with the
report (`models.Report`); an empty section prints nothing.
"""

from dataclasses import dataclass

from dieuhanh.reports.definitions import BY_KEY
from dieuhanh.reports.figures import ReportFigures
from dieuhanh.reports.formatting import vn_date, vn_int, vn_percent

SECTIONS = [
    ("highlights", "Kết quả nổi bật"),
    ("shortcomings", "Tồn tại, hạn chế, nguyên nhân"),
    ("next_focus", "Nhiệm vụ trọng tâm kỳ tới"),
    ("proposals", "Kiến nghị, đề xuất"),
]
LISTED = 5


@dataclass(frozen=True)
class Narrative:
    highlights: str = ""
    shortcomings: str = ""
    next_focus: str = ""
    proposals: str = ""

    def paragraphs(self, key: str) -> list[str]:
        return [line.strip() for line in getattr(self, key).splitlines() if line.strip()]


def _names(items, limit: int = LISTED) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" và {vn_int(len(items) - limit)} đơn vị khác" if len(items) > limit else "")


def _highlights(f: ReportFigures) -> list[str]:
    r = f.rates
    lines = []
    if r.done:
        lines.append(
            f"- Hoàn thành {vn_int(r.done)} nhiệm vụ, trong đó {vn_int(r.done_early + r.done_on_time)} đúng "
            f"hạn hoặc trước hạn (tỷ lệ hoàn thành đúng hạn {vn_percent(r.on_time_rate)})."
        )
    clean = [
        g
        for g in sorted(f.groups, key=lambda g: (-g.rates.done, g.name))
        if g.rates.done and not g.rates.done_late and not g.rates.overdue
    ]
    if clean:
        names = [f"{g.name} ({vn_int(g.rates.done)} nhiệm vụ)" for g in clean]
        lines.append(f"- Hoàn thành đúng hạn toàn bộ nhiệm vụ, không có nhiệm vụ quá hạn: {_names(names)}.")
    reached = [t for t in f.targets if t.percent == 100 and t.target]
    for t in reached[:LISTED]:
        lines.append(f"- {t.lead_unit} hoàn thành chỉ tiêu “{t.target}” ({t.summary}).")
    return lines


def _shortcomings(f: ReportFigures) -> list[str]:
    r = f.rates
    lines = []
    if r.overdue:
        worst = [f"{g.name} ({vn_int(g.rates.overdue)})" for g in f.groups if g.rates.overdue]
        lines.append(
            f"- Còn {vn_int(r.overdue)} nhiệm vụ quá hạn chưa hoàn thành "
            f"({vn_percent(BY_KEY['ty_le_qua_han_den_han'].value(f))} số nhiệm vụ đã đến hạn), tập trung ở: "
            f"{_names(worst)}."
        )
    if r.done_late:
        lines.append(f"- {vn_int(r.done_late)} nhiệm vụ hoàn thành sau thời hạn.")
    if r.open and r.updated < r.open:
        lines.append(
            f"- {vn_int(r.open - r.updated)}/{vn_int(r.open)} nhiệm vụ chưa hoàn thành chưa được cập nhật tiến độ "
            "trong kỳ."
        )
    causes = [f"“{o.reason}” ({o.summary})" for o in f.overdue if o.reason]
    if causes:
        lines.append(f"- Nguyên nhân đơn vị nêu: {'; '.join(causes[:LISTED])}.")
    if f.extensions_objective:
        lines.append(
            f"- {vn_int(f.extensions_objective)} lượt gia hạn được lãnh đạo công nhận do nguyên nhân khách quan."
        )
    return lines


def _next_focus(f: ReportFigures) -> list[str]:
    lines = []
    for o in f.overdue[:LISTED]:
        lines.append(
            f"- Khẩn trương hoàn thành nhiệm vụ quá hạn: {o.summary} ({o.lead_unit}, hạn {vn_date(o.deadline)})."
        )
    if len(f.overdue) > LISTED:
        lines.append(f"- Hoàn thành {vn_int(f.rates.overdue - LISTED)} nhiệm vụ quá hạn khác.")
    for u in f.upcoming[: 2 * LISTED]:
        lines.append(f"- {u.summary} ({u.lead_unit}, hạn {vn_date(u.deadline)}).")
    return lines


def _proposals(f: ReportFigures) -> list[str]:
    lines = []
    if f.pending.completions:
        lines.append(
            f"- Đề nghị lãnh đạo xem xét, xác nhận {vn_int(f.pending.completions)} nhiệm vụ đơn vị đã báo hoàn "
            "thành."
        )
    if f.pending.extensions:
        lines.append(
            f"- Đề nghị lãnh đạo cho ý kiến đối với {vn_int(f.pending.extensions)} đề nghị gia hạn đang chờ duyệt."
        )
    late = [g.name for g in f.groups if g.rates.overdue]
    if late:
        lines.append(f"- Đề nghị chỉ đạo {_names(late)} khẩn trương hoàn thành các nhiệm vụ quá hạn.")
    return lines


def prefill(f: ReportFigures) -> Narrative:
    return Narrative(
        highlights="\n".join(_highlights(f)),
        shortcomings="\n".join(_shortcomings(f)),
        next_focus="\n".join(_next_focus(f)),
        proposals="\n".join(_proposals(f)),
    )
