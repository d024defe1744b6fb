"""Constants of the reports app: formats, period kinds, ranking bands, sheet limits."""

from django.db import models


class ReportFormat(models.TextChoices):
    DOCX = "docx", "Word (.docx)"
    XLSX = "xlsx", "Excel (.xlsx)"


class PeriodKind(models.TextChoices):
    MONTH = "month", "Hằng tháng"
    QUARTER = "quarter", "Hằng quý"
    HALF = "half", "6 tháng"
    NINE_MONTHS = "nine_months", "9 tháng"
    YEAR = "year", "Hằng năm"


# The last calendar month of each period a schedule can follow, per kind.
PERIOD_END_MONTHS = {
    PeriodKind.MONTH: tuple(range(1, 13)),
    PeriodKind.QUARTER: (3, 6, 9, 12),
    PeriodKind.HALF: (6, 12),
    PeriodKind.NINE_MONTHS: (9,),
    PeriodKind.YEAR: (12,),
}

DEFAULT_CUTOFF_DAY = 14

BAND_EXCELLENT = "Hoàn thành xuất sắc nhiệm vụ"
BAND_GOOD = "Hoàn thành tốt nhiệm vụ"
BAND_PASS = "Hoàn thành nhiệm vụ"
BAND_FAIL = "Không hoàn thành nhiệm vụ"
# In place of a band for a unit or person with nothing due in the period.
NOTHING_DUE = "Không có nhiệm vụ đến hạn"

# Rows of the overdue, extension and target lists: the .docx prints the first DOCX_ROW_LIMIT, the
# .xlsx up to LIST_ROW_LIMIT (the full lists are in the task export).
DOCX_ROW_LIMIT = 50
LIST_ROW_LIMIT = 1000
# Tasks due next period listed for the office to pick its "nhiệm vụ trọng tâm kỳ tới" from.
NEXT_ROW_LIMIT = 30

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
