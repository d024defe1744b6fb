"""Bearer-token authentication: the request then runs as the token's account, under the web's rules."""

import contextlib

from ninja.security import HttpBearer

from dieuhanh.api import tokens
from dieuhanh.core.audit import acting_as
from dieuhanh.org.access import Access, access_of


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = tokens.authenticate(token)
        if found is None:
            return None
        # The web's helpers (access_of, the list filters) read the person from request.user.
        request.user = found.user
        request.api_token = found
        return found


def access(request) -> Access:
    return access_of(request)


@contextlib.contextmanager
def writing(request):
    """Changes made inside are audited as the token's account, with the token's name in the note."""
    token = request.api_token
    with acting_as(token.user, note=f"API — mã truy cập “{token.name}” ({token.prefix})"):
        yield
