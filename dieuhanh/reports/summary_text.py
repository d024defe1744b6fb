"""The written summary of a report, in Vietnamese, built only from the figures."""

from dieuhanh.reports.figures import ReportFigures
from dieuhanh.reports.formatting import vn_date, vn_int, vn_money, vn_percent


def summary_paragraphs(f: ReportFigures) -> list[str]:
    r = f.rates
    window = f"từ ngày {vn_date(f.period.start)} đến ngày {vn_date(f.period.end)}"
    if not r.total:
        return [f"Trong kỳ báo cáo ({window}), không có nhiệm vụ nào thuộc phạm vi theo dõi."]
    open_in_time = r.in_time + r.due_soon
    done = (
        f"đã hoàn thành {vn_int(r.done)} nhiệm vụ, trong đó {vn_int(r.done_early + r.done_on_time)} "
        f"đúng hạn hoặc trước hạn và {vn_int(r.done_late)} quá hạn "
        f"(tỷ lệ hoàn thành đúng hạn {vn_percent(r.on_time_rate)})"
        if r.done
        else "chưa có nhiệm vụ nào hoàn thành"
    )
    first = (
        f"Trong kỳ báo cáo ({window}), {f.unit_name} theo dõi {vn_int(r.total)} nhiệm vụ; {done}. "
        f"Đang thực hiện trong hạn {vn_int(open_in_time)} nhiệm vụ"
        + (f" (trong đó {vn_int(r.due_soon)} nhiệm vụ sắp đến hạn)" if r.due_soon else "")
        + (f", {vn_int(r.no_deadline)} nhiệm vụ không có thời hạn" if r.no_deadline else "")
        + "."
    )
    paragraphs = [first]
    if r.overdue:
        worst = [g for g in f.groups if g.rates.overdue][:3]
        names = ", ".join(f"{g.name} ({vn_int(g.rates.overdue)})" for g in worst)
        paragraphs.append(
            f"Còn {vn_int(r.overdue)} nhiệm vụ quá hạn chưa hoàn thành, chiếm {vn_percent(r.overdue_rate_all)} "
            f"tổng số nhiệm vụ và {vn_percent(r.overdue_rate_due)} số nhiệm vụ đã đến hạn"
            + (f"; nhiều nhất ở: {names}." if names else ".")
        )
    else:
        paragraphs.append("Không có nhiệm vụ quá hạn chưa hoàn thành.")
    if r.open:
        paragraphs.append(
            f"Có {vn_int(r.updated)}/{vn_int(r.open)} nhiệm vụ đang thực hiện được cập nhật tiến độ trong kỳ "
            f"(tỷ lệ cập nhật {vn_percent(r.update_rate)})."
        )
    tail = []
    if f.extensions_total:
        objective = sum(1 for e in f.extensions if e.objective)
        tail.append(
            f"đã gia hạn {vn_int(f.extensions_total)} nhiệm vụ"
            + (f" ({vn_int(objective)} do nguyên nhân khách quan)" if objective else "")
        )
    if f.budget.tasks:
        tail.append(
            f"{vn_int(f.budget.tasks)} nhiệm vụ có kinh phí, tổng {vn_money(f.budget.total)} triệu đồng "
            f"(đã hoàn thành {vn_money(f.budget.done_total)} triệu đồng)"
        )
    if f.reminders_sent:
        tail.append(f"đã gửi {vn_int(f.reminders_sent)} lượt đôn đốc")
    if tail:
        paragraphs.append("Trong kỳ, " + "; ".join(tail) + ".")
    return paragraphs


def report_subject(f: ReportFigures) -> str:
    label = f.period.label
    return f"Kết quả thực hiện nhiệm vụ được giao {label[0].lower()}{label[1:]}"
