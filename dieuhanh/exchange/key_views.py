"""The province's page of the communes' public keys it trusts: when each was registered, when a
package signed with it last came, and revoking one (after a confirmation page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from dieuhanh.exchange import receiving
from dieuhanh.exchange.package import PackageError


def _keys(request):
    """The keys this person may revoke; a 404 for someone who trusts no commune's key."""
    if not receiving.manages_keys(request.user):
        raise Http404
    return receiving.trusted_keys(request.user)


@login_required
def keys(request):
    rows = _keys(request).order_by("revoked_at", "unit__name", "-registered_at", "pk")
    return render(request, "exchange/keys.html", {"keys": rows})


@login_required
def revoke(request, pk: int):
    key = get_object_or_404(_keys(request), pk=pk)
    if request.method == "POST" and key.revoked_at is None:
        try:
            receiving.revoke_key(key, request.user)
        except PackageError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"Đã thu hồi khóa {key.key_id} của {key.unit.name}: gói ký bằng khóa này sẽ bị từ chối.",
            )
        return redirect("exchange:keys")
    return render(request, "exchange/key_revoke.html", {"key": key})
