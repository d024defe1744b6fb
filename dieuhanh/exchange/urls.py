from django.urls import path

from dieuhanh.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.package, name="package"),
]
