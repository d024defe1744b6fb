from django.urls import path

from dieuhanh.documents.views import importing, registry

app_name = "documents"

urlpatterns = [
    path("", registry.document_list, name="list"),
    path("<int:pk>/", registry.document_detail, name="detail"),
    path("<int:pk>/tep-goc/", registry.document_file, name="file"),
    path("nhap/", importing.upload, name="import"),
    path("nhap/<int:pk>/", importing.review, name="review"),
    path("nhap/<int:pk>/gop/", importing.merge_tasks, name="merge"),
    path("nhap/<int:pk>/them/", importing.add_task, name="add_task"),
    path("nhap/<int:pk>/xac-nhan/", importing.confirm, name="confirm"),
    path("nhap/<int:pk>/huy/", importing.discard, name="discard"),
    path("nhap/<int:pk>/nv/<int:task_id>/sua/", importing.edit_task, name="edit_task"),
    path("nhap/<int:pk>/nv/<int:task_id>/bo/", importing.drop_task, name="drop_task"),
    path("nhap/<int:pk>/nv/<int:task_id>/tach/", importing.split_task, name="split_task"),
]
