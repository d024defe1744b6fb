from django.contrib import admin
from django.http import HttpResponse
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "dieuhanh — Theo dõi nhiệm vụ"
admin.site.site_title = "dieuhanh"
admin.site.index_title = "Quản trị hệ thống"


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", RedirectView.as_view(url="/admin/", permanent=False), name="home"),
]
