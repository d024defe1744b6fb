from django.urls import path

from dieuhanh.exchange import key_views, views

app_name = "exchange"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.package, name="package"),
    path("khoa/", key_views.keys, name="keys"),
    path("khoa/<int:pk>/thu-hoi/", key_views.revoke, name="key_revoke"),
]
