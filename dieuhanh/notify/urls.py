from django.urls import path

from dieuhanh.notify import views

app_name = "notify"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("doc-het/", views.read_all, name="read_all"),
    path("cai-dat/", views.preferences, name="preferences"),
]
