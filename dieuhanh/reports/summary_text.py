"""The written summary of a report, in Vietnamese, built only from the figures as `definitions` reads them."""

from dieuhanh.reports.definitions import FIGURES
from dieuhanh.reports.figures import ReportFigures
from dieuhanh.reports.formatting import vn_date, vn_int, vn_money, vn_percent


def summary_paragraphs(f: ReportFigures) -> list[str]:
    v = {figure.key: figure.value(f) for figure in FIGURES}
    window = f"từ ngày {vn_date(f.period.start)} đến ngày {vn_date(f.period.end)}"
    if not v["tong_so"]:
        return [f"Trong kỳ báo cáo ({window}), không có nhiệm vụ nào thuộc phạm vi theo dõi."]
    done = v["hoan_thanh_dung_han"] + v["hoan_thanh_qua_han"]
    done_text = (
        f"đã hoàn thành {vn_int(done)} nhiệm vụ, trong đó {vn_int(v['hoan_thanh_dung_han'])} "
        f"đúng hạn hoặc trước hạn và {vn_int(v['hoan_thanh_qua_han'])} quá hạn "
        f"(tỷ lệ hoàn thành đúng hạn {vn_percent(v['ty_le_dung_han'])})"
        if done
        else "chưa có nhiệm vụ nào hoàn thành"
    )
    first = (
        f"Trong kỳ báo cáo ({window}), {f.unit_name} theo dõi {vn_int(v['tong_so'])} nhiệm vụ; {done_text}. "
        f"Đang thực hiện trong hạn {vn_int(v['trong_han'])} nhiệm vụ"
        + (f" (trong đó {vn_int(v['sap_den_han'])} nhiệm vụ sắp đến hạn)" if v["sap_den_han"] else "")
        + (f", {vn_int(v['khong_thoi_han'])} nhiệm vụ không có thời hạn" if v["khong_thoi_han"] else "")
        + (f", {vn_int(v['tam_hoan'])} nhiệm vụ tạm hoãn" if v["tam_hoan"] else "")
        + "."
    )
    paragraphs = [first]
    if v["qua_han"]:
        worst = [g for g in f.groups if g.rates.overdue][:3]
        names = ", ".join(f"{g.name} ({vn_int(g.rates.overdue)})" for g in worst)
        paragraphs.append(
            f"Còn {vn_int(v['qua_han'])} nhiệm vụ quá hạn chưa hoàn thành, chiếm {vn_percent(v['ty_le_qua_han'])} "
            f"tổng số nhiệm vụ và {vn_percent(v['ty_le_qua_han_den_han'])} số nhiệm vụ đã đến hạn"
            + (f"; nhiều nhất ở: {names}." if names else ".")
        )
    else:
        paragraphs.append("Không có nhiệm vụ quá hạn chưa hoàn thành.")
    if f.rates.open:
        paragraphs.append(
            f"Có {vn_int(f.rates.updated)}/{vn_int(f.rates.open)} nhiệm vụ chưa hoàn thành được cập nhật tiến "
            f"độ trong kỳ (tỷ lệ cập nhật {vn_percent(v['ty_le_cap_nhat'])})."
        )
    tail = []
    if v["gia_han"]:
        tail.append(
            f"lãnh đạo đã duyệt {vn_int(v['gia_han'])} lượt gia hạn"
            + (
                f" ({vn_int(v['gia_han_khach_quan'])} do nguyên nhân khách quan)"
                if v["gia_han_khach_quan"]
                else ""
            )
        )
    if f.budget.tasks:
        tail.append(
            f"{vn_int(f.budget.tasks)} nhiệm vụ có kinh phí, tổng {vn_money(f.budget.total)} triệu đồng "
            f"(đã hoàn thành {vn_money(f.budget.done_total)} triệu đồng)"
        )
    if v["don_doc"]:
        tail.append(f"đã gửi {vn_int(v['don_doc'])} lượt đôn đốc")
    if tail:
        paragraphs.append("Trong kỳ, " + "; ".join(tail) + ".")
    return paragraphs


def report_subject(f: ReportFigures) -> str:
    label = f.period.label
    return f"Kết quả thực hiện nhiệm vụ được giao {label[0].lower()}{label[1:]}"
