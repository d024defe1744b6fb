from django.urls import path

from dieuhanh.inbox import views

app_name = "inbox"

urlpatterns = [path("", views.waiting, name="waiting")]
