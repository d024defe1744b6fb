from django.urls import path

from dieuhanh.reports import issue_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_form, name="index"),
    path("xuat/<slug:kind>/", views.export, name="export"),
    path("nhap-nhiem-vu/", views.import_tasks, name="import"),
    path("nhap-nhiem-vu/xac-nhan/", views.import_confirm, name="import_confirm"),
    path("nhap-nhiem-vu/mau.xlsx", views.template, name="import_template"),
    path("da-lap/", issue_views.report_list, name="reports"),
    path("soan/", issue_views.start, name="start"),
    path("da-lap/<int:pk>/", issue_views.report_page, name="report"),
    path("da-lap/<int:pk>/ban-hanh/", issue_views.issue, name="issue"),
    path("da-lap/<int:pk>/xoa/", issue_views.discard, name="discard"),
    path("da-lap/<int:pk>/tai/<slug:fmt>/", issue_views.report_file, name="report_file"),
    path("mau-bao-cao/", issue_views.layouts, name="layouts"),
    path("mau-bao-cao/mac-dinh.docx", issue_views.default_layout, name="default_layout"),
    path("mau-bao-cao/<int:pk>/tai/", issue_views.layout_file, name="layout_file"),
    path("mau-bao-cao/<int:pk>/dung-mac-dinh/", issue_views.reset_layout, name="reset_layout"),
]
