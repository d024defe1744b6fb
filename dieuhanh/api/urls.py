from django.urls import path

from dieuhanh.api import views
from dieuhanh.api.api import api

urlpatterns = [
    path("v1/", api.urls),
    # Whatever else is under /api/v1/ (a task id that is not a number...) is a JSON 404 too.
    path("v1/<path:rest>", views.api_not_found, name="api_not_found"),
    path("", views.token_page, name="api_tokens"),
    path("ma-truy-cap/<int:pk>/thu-hoi/", views.revoke_token, name="api_token_revoke"),
    path("lich/<int:pk>/thu-hoi/", views.revoke_feed, name="api_feed_revoke"),
    path("lich/<str:secret>.ics", views.feed, name="api_feed"),
]
