from django.urls import path

from dieuhanh.org import views

app_name = "org"

urlpatterns = [
    path("", views.units, name="units"),
]
