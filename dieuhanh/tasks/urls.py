from django.urls import path

from dieuhanh.tasks.views import dashboard, detail, lists, my_unit

app_name = "tasks"

urlpatterns = [
    path("tong-quan/", dashboard.dashboard, name="dashboard"),
    path("don-vi-cua-toi/", my_unit.my_unit, name="my_unit"),
    path("nhiem-vu/", lists.task_list, name="list"),
    path("nhiem-vu/xuat-excel/", lists.task_export, name="export"),
    path("nhiem-vu/<int:pk>/", detail.task_detail, name="detail"),
    path("nhiem-vu/<int:pk>/minh-chung/<int:attachment_id>/", detail.attachment_download, name="attachment"),
    path("nhiem-vu/<int:pk>/<slug:action>/", detail.task_action, name="action"),
]
