"""Everything under /van-ban/: the registry pages, the import and the review of drafts."""

from django.urls import path

from dieuhanh.intake.views import bulk, documents, review, upload

app_name = "intake"

urlpatterns = [
    path("", documents.document_list, name="documents"),
    path("<int:pk>/", documents.document_detail, name="document"),
    path("<int:pk>/tep-goc/", documents.document_file, name="document_file"),
    path("<int:pk>/trang/<int:number>/", documents.document_page_image, name="document_page"),
    path("nhap/", upload.upload, name="import"),
    path("nhap/<int:pk>/", review.review, name="review"),
    path("nhap/<int:pk>/hang-loat/", bulk.bulk, name="bulk"),
    path("nhap/<int:pk>/bo-de-biet/", bulk.drop_set_aside_tasks, name="drop_set_aside"),
    path("nhap/<int:pk>/them/", review.add_task, name="add_task"),
    path("nhap/<int:pk>/xac-nhan/", review.confirm, name="confirm"),
    path("nhap/<int:pk>/huy/", review.discard, name="discard"),
    path("nhap/<int:pk>/khoi-phuc/", review.restore, name="restore"),
    path("nhap/<int:pk>/doan-bo-qua/<int:index>/", review.restore_left_out, name="restore_left_out"),
    path("nhap/<int:pk>/trich-xuat-lai/", review.reextract, name="reextract"),
    path("nhap/<int:pk>/nv/<int:task_id>/", review.card, name="card"),
    path("nhap/<int:pk>/nv/<int:task_id>/sua/", review.edit_task, name="edit_task"),
    path("nhap/<int:pk>/nv/<int:task_id>/bo/", review.drop_task, name="drop_task"),
    path("nhap/<int:pk>/nv/<int:task_id>/tach/", review.split_task, name="split_task"),
]
