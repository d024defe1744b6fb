from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from dieuhanh.core import views as core_views
from dieuhanh.core.health import healthz
from dieuhanh.site import views as site_views

admin.site.site_header = "dieuhanh — Theo dõi nhiệm vụ"
admin.site.site_title = "dieuhanh"
admin.site.index_title = "Quản trị hệ thống"


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("bao-cao/", include("dieuhanh.reports.urls")),
    path("thong-bao/", include("dieuhanh.notify.urls")),
    path("viec-cho-toi/", include("dieuhanh.inbox.urls")),
    path("danh-gia/", include("dieuhanh.evaluation.urls")),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", core_views.LogoutView.as_view(), name="logout"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(template_name="core/password_change_form.html"),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="core/password_change_done.html"),
        name="password_change_done",
    ),
    path("api/", include("dieuhanh.api.urls")),
    path("goi-bao-cao/", include("dieuhanh.exchange.urls")),
    path("van-ban/", include("dieuhanh.intake.urls")),
    path("don-vi/", include("dieuhanh.org.urls")),
    path("", include("dieuhanh.tasks.urls")),
    path("", site_views.home, name="home"),
]

handler400 = "dieuhanh.core.badinput.bad_request"
