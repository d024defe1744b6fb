"""Whether a lead named in a directive, and missing from the directory, is a body above a commune.

A commune's directory holds its own units. A provincial or central plan also gives duties to
departments, ministries and provincial bodies, which a commune only needs to know of: such a
lead, when the directory does not hold it, is recognised by the head word of its name.
"""

import re

_ABOVE_COMMUNE = re.compile(
    r"(?:các\s+)?(?:"
    r"Bộ(?! phận)|[Ss]ở|[Bb]ộ(?=,)|Cục|Tổng cục|Vụ|Văn phòng Chính phủ|Thủ tướng|Chính phủ|Kiểm toán nhà nước"
    r"|Tòa án nhân dân (?:tối cao|tỉnh|thành phố)|Viện kiểm sát nhân dân (?:tối cao|tỉnh|thành phố)"
    r"|Ngân hàng Nhà nước|Kho bạc Nhà nước|Bảo hiểm xã hội (?:Việt Nam|tỉnh|thành phố)"
    r"|Công an (?:tỉnh|thành phố)|Bộ Chỉ huy Quân sự|Bộ Tư lệnh"
    r"|(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Ủy ban Mặt trận Tổ quốc Việt Nam|Tỉnh ủy|Thành ủy)"
    r"\s+(?:các\s+)?(?:tỉnh|thành phố)"
    r"|Ban (?:.+\s)?(?:tỉnh|thành phố|Trung ương)$"
    r"|Đài Phát thanh(?:\s+và|,)\s+Truyền hình|Báo\s"
    r")\b"
)


def is_above_commune(name: str) -> bool:
    return bool(_ABOVE_COMMUNE.match(name.strip()))
