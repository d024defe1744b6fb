from django.db import models


class DeadlineKind(models.TextChoices):
    DATE = "date", "Ngày cụ thể"
    PERIOD = "period", "Theo kỳ (tháng, quý, năm)"
    RECURRING = "recurring", "Định kỳ"
    RELATIVE = "relative", "Theo sự kiện"
    NONE = "none", "Không có thời hạn"


class TaskState(models.TextChoices):
    OPEN = "open", "Đang thực hiện"
    AWAITING_APPROVAL = "awaiting_approval", "Chờ xác nhận hoàn thành"
    DONE = "done", "Hoàn thành"
    PAUSED = "paused", "Tạm hoãn"
    CANCELLED = "cancelled", "Hủy"


class ChangeStatus(models.TextChoices):
    REQUESTED = "requested", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    REJECTED = "rejected", "Không duyệt"
