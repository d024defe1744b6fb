"""The page where a person makes and revokes API tokens and calendar links, and the feed itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from dieuhanh.api import feeds, tokens
from dieuhanh.api.errors import HTTP_ERRORS
from dieuhanh.api.forms import FeedForm, SystemTokenForm, TokenForm
from dieuhanh.api.models import CalendarFeed
from dieuhanh.org.access import access_of
from dieuhanh.org.constants import Role


def _admin_units(access):
    """The units whose systems this person may give tokens: those of the organisations they administer."""
    units = access.visible_units().filter(is_active=True)
    if access.is_superuser:
        return units
    paths = access.org_paths((Role.ADMIN,))
    return units.filter(pk__in=[u.pk for u in units if any(u.path.startswith(p) for p in paths)])


def _page(request, *, token_form=None, system_form=None, feed_form=None, shown=None, status=200):
    access = access_of(request)
    units = _admin_units(access)
    context = {
        "tokens": tokens.tokens_of(request.user).select_related("unit").order_by("-created_at", "-id"),
        "feeds": CalendarFeed.objects.filter(user=request.user).select_related("unit"),
        "token_form": token_form or TokenForm(),
        "system_form": system_form or (SystemTokenForm(units=units) if units.exists() else None),
        "feed_form": feed_form or FeedForm(units=access.visible_units().filter(is_active=True)),
        "shown": shown,
        "api_docs": reverse("api:openapi-view"),
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
def token_page(request):
    if request.method != "POST":
        return _page(request)
    access = access_of(request)
    kind = request.POST.get("kind")
    try:
        if kind == "system":
            form = SystemTokenForm(request.POST, units=_admin_units(access))
            if not form.is_valid():
                return _page(request, system_form=form, status=400)
            d = form.cleaned_data
            token, raw = tokens.create_system_token(
                d["name"], d["unit"], d["role"], d["days"], actor=request.user
            )
        elif kind == "feed":
            form = FeedForm(request.POST, units=access.visible_units().filter(is_active=True))
            if not form.is_valid():
                return _page(request, feed_form=form, status=400)
            feed, raw = feeds.create_feed(request.user, form.cleaned_data["name"], form.cleaned_data["unit"])
            url = request.build_absolute_uri(reverse("api_feed", args=[raw]))
            return _page(request, shown={"what": f"Đường dẫn lịch “{feed.name}”", "secret": url})
        else:
            form = TokenForm(request.POST)
            if not form.is_valid():
                return _page(request, token_form=form, status=400)
            token, raw = tokens.create_personal_token(
                request.user, form.cleaned_data["name"], form.cleaned_data["days"]
            )
    except (tokens.TokenError, feeds.FeedError) as exc:
        messages.error(request, str(exc))
        return _page(request, status=400)
    return _page(request, shown={"what": f"Mã truy cập “{token.name}”", "secret": raw})


@login_required
@require_POST
def revoke_token(request, pk: int):
    token = get_object_or_404(tokens.tokens_of(request.user), pk=pk)
    try:
        tokens.revoke(token, actor=request.user)
    except tokens.TokenError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã thu hồi mã truy cập “{token.name}”.")
    return redirect("api_tokens")


@login_required
@require_POST
def revoke_feed(request, pk: int):
    feed = get_object_or_404(CalendarFeed, pk=pk, user=request.user, revoked_at=None)
    feeds.revoke_feed(feed, request.user)
    messages.success(request, f"Đã thu hồi đường dẫn lịch “{feed.name}”.")
    return redirect("api_tokens")


def feed(request, secret: str):
    """The calendar itself: the secret in the URL is the key (a phone's calendar cannot sign in)."""
    found = feeds.feed_for(secret)
    if found is None:
        raise Http404
    response = HttpResponse(feeds.calendar(found), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="nhiem-vu.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@csrf_exempt  # writes nothing; a PATCH with a token and no cookie gets JSON, not the CSRF page
def api_not_found(request, rest: str):
    code, message = HTTP_ERRORS[404]
    return JsonResponse(
        {"code": code, "message": message}, status=404, json_dumps_params={"ensure_ascii": False}
    )
