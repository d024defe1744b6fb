from django.urls import path

from dieuhanh.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_form, name="index"),
]
