"""Words of the header shared by several rules: document types, levels of government, acronyms."""

from __future__ import annotations

# Document types as they stand alone on the title line, upper case.
TYPES = {
    "CÔNG VĂN": "Công văn",
    "KẾ HOẠCH": "Kế hoạch",
    "THÔNG BÁO": "Thông báo",
    "QUYẾT ĐỊNH": "Quyết định",
    "CHỈ THỊ": "Chỉ thị",
    "BÁO CÁO": "Báo cáo",
    "CÔNG ĐIỆN": "Công điện",
    "TỜ TRÌNH": "Tờ trình",
    "NGHỊ QUYẾT": "Nghị quyết",
    "HƯỚNG DẪN": "Hướng dẫn",
    "CHƯƠNG TRÌNH": "Chương trình",
    "KẾT LUẬN": "Kết luận",
    "QUY CHẾ": "Quy chế",
    "QUY ĐỊNH": "Quy định",
    "ĐỀ ÁN": "Đề án",
    "PHƯƠNG ÁN": "Phương án",
    "GIẤY MỜI": "Giấy mời",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "Chương trình",
    "THÔNG BÁO KẾT LUẬN": "Thông báo",
    "LỆNH": "Lệnh",
    "NGHỊ ĐỊNH": "Nghị định",
    "THÔNG TƯ": "Thông tư",
}

# The type code that opens the symbol ("KH-UBND" → Kế hoạch); "UBND-VP" names no type: Công văn.
SYMBOL_TYPES = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "CT": "Chỉ thị",
    "CĐ": "Công điện",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "NQ": "Nghị quyết",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "GM": "Giấy mời",
    "CV": "Công văn",
}

# Levels of local government, written in lower case inside a name ("UBND xã Gia Lộc").
LEVELS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "xã", "phường", "huyện", "quận")

# Words kept in capitals when a name or a subject written in capitals is recased.
ACRONYMS = {"UBND", "HĐND", "TP", "TP.", "MTTQ", "CP", "TW", "VN", "CNTT", "KH&CN", "GD&ĐT"}
