from django.db import models


class Direction(models.TextChoices):
    INCOMING = "in", "Văn bản đến"
    OUTGOING = "out", "Văn bản đi"


class Confidentiality(models.TextChoices):
    NORMAL = "thường", "Thường"
    SECRET = "Mật", "Mật"
    TOP_SECRET = "Tối mật", "Tối mật"
    ABSOLUTE = "Tuyệt mật", "Tuyệt mật"


class Urgency(models.TextChoices):
    NORMAL = "thường", "Thường"
    URGENT = "Khẩn", "Khẩn"
    VERY_URGENT = "Thượng khẩn", "Thượng khẩn"
    FLASH = "Hỏa tốc", "Hỏa tốc"


class SigningAuthority(models.TextChoices):
    NONE = "", "Ký trực tiếp"
    ON_BEHALF = "TM.", "TM. (thay mặt)"
    DEPUTY = "KT.", "KT. (ký thay)"
    BY_ORDER = "TL.", "TL. (thừa lệnh)"
    AUTHORISED = "TUQ.", "TUQ. (thừa ủy quyền)"


DOCUMENT_TYPES = [
    "Công văn",
    "Kế hoạch",
    "Thông báo",
    "Quyết định",
    "Chỉ thị",
    "Báo cáo",
    "Công điện",
    "Nghị quyết",
    "Tờ trình",
    "Hướng dẫn",
    "Chương trình",
    "Đề án",
    "Thông tư",
    "Nghị định",
]
