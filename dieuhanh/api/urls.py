from django.urls import path

from dieuhanh.api.api import api

urlpatterns = [
    path("v1/", api.urls),
]
