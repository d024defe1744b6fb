from django.urls import path

from dieuhanh.evaluation.views import downloads, pages, sheet

app_name = "evaluation"

urlpatterns = [
    path("", pages.home, name="home"),
    path("mo-ky/", pages.open_period_view, name="open_period"),
    path("ky/<int:pk>/", pages.period_summary, name="period"),
    path("ky/<int:pk>/tong-hop.xlsx", downloads.period_summary_file, name="period_summary_file"),
    path("ky/<int:pk>/du-lieu.<slug:fmt>", downloads.period_export, name="period_export"),
    path("phieu/<int:pk>/", sheet.sheet_detail, name="sheet"),
    path("phieu/<int:pk>/phieu.<slug:fmt>", downloads.sheet_file, name="sheet_file"),
    path("phieu/<int:pk>/<slug:action>/", sheet.sheet_action, name="sheet_action"),
    path("nam/<int:year>/", pages.year_results, name="year"),
    path("nam/<int:year>/ket-qua.xlsx", downloads.year_file, name="year_file"),
]
