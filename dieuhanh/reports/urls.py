from django.urls import path

from dieuhanh.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_form, name="index"),
    path("xuat/<slug:kind>/", views.export, name="export"),
    path("nhap-nhiem-vu/", views.import_tasks, name="import"),
    path("nhap-nhiem-vu/xac-nhan/", views.import_confirm, name="import_confirm"),
    path("nhap-nhiem-vu/mau.xlsx", views.template, name="import_template"),
]
