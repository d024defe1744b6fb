from dieuhanh.core.audit import acting_as


class AuditActorMiddleware:
    """Attributes every change made while serving a request to the logged-in person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        with acting_as(user):
            return self.get_response(request)
