"""Constants of the evaluation of officials (Nghị định 335/2025/NĐ-CP): cycles, steps, measures, bands."""

from django.db import models

from dieuhanh.reports.constants import BAND_EXCELLENT, BAND_FAIL, BAND_GOOD, BAND_PASS

# A sheet with no product due or completed in its period is not banded (a task not yet due never
# lowers a score, and an empty period is no evidence either way).
BAND_NONE = "Không có sản phẩm đến hạn trong kỳ"
# Before anyone has scored the general criteria there is no total to band.
BAND_UNSCORED = "Chưa chấm điểm tiêu chí chung"
BANDS = (BAND_EXCELLENT, BAND_GOOD, BAND_PASS, BAND_FAIL)
# Higher is better; BAND_NONE ranks nowhere.
BAND_RANK = {BAND_FAIL: 0, BAND_PASS: 1, BAND_GOOD: 2, BAND_EXCELLENT: 3}


class Cycle(models.TextChoices):
    MONTH = "month", "Hằng tháng"
    QUARTER = "quarter", "Hằng quý"


class Stage(models.TextChoices):
    """Where a sheet is in the cycle: official → direct leader → approving leader."""

    DRAFT = "draft", "Công chức đang tự đánh giá"
    SUBMITTED = "submitted", "Chờ lãnh đạo trực tiếp đánh giá"
    REVIEWED = "reviewed", "Chờ phê duyệt"
    APPROVED = "approved", "Đã phê duyệt"


class Discipline(models.TextChoices):
    """Disciplinary measures for công chức (Luật Cán bộ, công chức), lightest first."""

    NONE = "", "Không bị kỷ luật"
    REPRIMAND = "khien_trach", "Khiển trách"
    WARNING = "canh_cao", "Cảnh cáo"
    SALARY = "ha_bac_luong", "Hạ bậc lương"
    DEMOTION = "giang_chuc", "Giáng chức"
    REMOVAL = "cach_chuc", "Cách chức"
    DISMISSAL = "buoc_thoi_viec", "Buộc thôi việc"


# How heavy each measure is; the rules name the lightest one that forces the lowest band.
DISCIPLINE_RANK = {value: rank for rank, value in enumerate(Discipline.values)}


class YearRule(models.TextChoices):
    MEAN = "mean", "Trung bình cộng điểm các kỳ đã phê duyệt"
    MEAN_CAPPED = (
        "mean_capped",
        (
            "Trung bình cộng điểm các kỳ; có kỳ “Không hoàn thành nhiệm vụ” thì cả năm không quá "
            "“Hoàn thành nhiệm vụ”"
        ),
    )


SHORT_BANDS = {
    BAND_EXCELLENT: "Xuất sắc",
    BAND_GOOD: "Tốt",
    BAND_PASS: "Hoàn thành",
    BAND_FAIL: "Không hoàn thành",
    BAND_NONE: "Chưa xếp loại",
    BAND_UNSCORED: "Chưa chấm điểm",
}

# The confidential product, as named to a person who is not on its document.
HIDDEN_PRODUCT = "Nhiệm vụ mật (không hiển thị nội dung)"

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"
