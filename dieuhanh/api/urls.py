from django.urls import path, re_path

from dieuhanh.api import views
from dieuhanh.api.api import api

urlpatterns = [
    path("v1/", api.urls),
    # Whatever else is under /api/v1/ (a task id that is not a number, a line break in the path...)
    # is a JSON 404 too; <path:> would not match a line break.
    re_path(r"^v1/(?P<rest>[\s\S]+)\Z", views.api_not_found, name="api_not_found"),
    path("", views.token_page, name="api_tokens"),
    path("ma-truy-cap/<int:pk>/thu-hoi/", views.revoke_token, name="api_token_revoke"),
    path("lich/<int:pk>/thu-hoi/", views.revoke_feed, name="api_feed_revoke"),
    path("lich/<str:secret>.ics", views.feed, name="api_feed"),
]
