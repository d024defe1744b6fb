import threading

from django.conf import settings
from django.db import connections

from dieuhanh.core.audit import acting_as


class AuditActorMiddleware:
    """Attributes every change made while serving a request to the logged-in person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        with acting_as(user):
            return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY on every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy:
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


class SQLiteWriteQueueMiddleware:
    """On SQLite, one request that may write at a time in this process (a fair queue, not a busy wait).

    SQLite has one writer. Threads that find it busy poll with growing sleeps
    (up to 100 ms) until the busy timeout, so under load one writer can lose
    every race for 20 s and fail with "database is locked". Here POST and the
    other unsafe methods wait on a lock instead and go in turn; reads never
    wait (WAL lets them read while one writes). PostgreSQL needs none of this.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = connections["default"].vendor == "sqlite"

    def __call__(self, request):
        if not self.enabled or request.method in ("GET", "HEAD", "OPTIONS"):
            return self.get_response(request)
        with _SQLITE_WRITE_LOCK:
            return self.get_response(request)


_SQLITE_WRITE_LOCK = threading.Lock()
