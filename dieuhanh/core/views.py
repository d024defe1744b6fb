"""Small site-wide pages of the core app: the icon browsers ask for, leaving with a word of goodbye."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.views.generic import RedirectView


class LogoutView(auth_views.LogoutView):
    """Log out, and say so on the login page that follows (no silent return to the login form)."""

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.info(request, "Bạn đã đăng xuất. Hẹn gặp lại!")
        return response


def favicon(request):
    """/favicon.ico, which browsers fetch on every page that names no icon (the admin's)."""
    return RedirectView.as_view(url=static("core/favicon.svg"), permanent=True)(request)
