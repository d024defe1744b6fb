"""Template helpers: Vietnamese dates and numbers, query strings, document numbers and titles."""

import datetime
import re
from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def vndate(value) -> str:
    """dd/mm/yyyy, or an empty string."""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return ""


@register.filter
def vnnum(value, places: int = 0) -> str:
    """1.640 or 66,7: thousands with dots, decimals with a comma; an em dash for nothing."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value))
    text = f"{number:,.{int(places)}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@register.filter
def pct(value) -> str:
    return "—" if value is None else f"{vnnum(value, 1)}%"


@register.filter
def money(value) -> str:
    """Budget in triệu đồng, without trailing zeros."""
    if value is None:
        return "—"
    number = Decimal(str(value)).normalize()
    places = max(0, -number.as_tuple().exponent)
    return vnnum(number, places)


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with some parameters replaced (None or "" removes them); page reset."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


# ---- documents: numbers, short titles, text without the converter's markdown ----------------------

MARKDOWN_BOLD = re.compile(r"\*\*")
MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])")
MARKDOWN_LINE_BREAK = re.compile(r"\\(?=[ \t]*(?:\n|$))")


@register.filter
def plain(text) -> str:
    """The text without the markup the Word/PDF converter leaves (`**bold**`, `*italic*`, a `\\` line
    break). Display only: the stored text keeps it, since task spans are offsets into it; applied
    piece by piece, the highlighted spans stay where they are."""
    if not text:
        return ""
    text = MARKDOWN_BOLD.sub("", str(text))
    text = MARKDOWN_EMPHASIS.sub("", text)
    return MARKDOWN_LINE_BREAK.sub("", text)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with "…" when cut."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


@register.filter
def docnumber(document) -> str:
    """Số, ký hiệu as a văn thư writes it: "1087/UBND-VHXH", or "Chưa có số (…/UBND-VHXH)"."""
    number, symbol = getattr(document, "number", ""), getattr(document, "symbol", "")
    if number:
        return f"{number}/{symbol}" if symbol else number
    return f"Chưa có số (…/{symbol})" if symbol else "Chưa có số"


@register.filter
def doctitle(document) -> str:
    """E.g. "Công văn 1087/UBND-VHXH", "Công văn chưa có số (…/UBND-VHXH)"."""
    number = docnumber(document)
    doc_type = getattr(document, "doc_type", "")
    if not doc_type:
        return number
    if not getattr(document, "number", ""):
        number = number[0].lower() + number[1:]
    return f"{doc_type} {number}"


@register.filter
def doclabel(document, limit: int = 120) -> str:
    """Number and subject cut on a word, e.g. "Công văn 1087/UBND-VHXH — triển khai kết luận …"."""
    if document is None:
        return ""
    head = doctitle(document)
    subject = plain(getattr(document, "subject", ""))
    if not subject:
        return head
    return f"{head} — {shorten(subject, max(int(limit) - len(head) - 3, 20))}"


@register.filter
def shortwords(text, limit: int = 140) -> str:
    """Like truncatechars, but cut on a word boundary."""
    return shorten(plain(text), int(limit))


@register.simple_tag
def active_filters(form, *skip) -> int:
    """How many visible filters of a bound form have a value (the search box and `skip` left out)."""
    if not getattr(form, "is_bound", False):
        return 0
    count = 0
    for field in form.visible_fields():
        if field.name in skip:
            continue
        value = form.data.get(field.name)
        if value not in (None, "", "off", "false"):
            count += 1
    return count


@register.filter
def minutes(value) -> int:
    """A timedelta in whole minutes, rounded up (a lock-out of 14 min 30 s reads "15 phút")."""
    if value is None:
        return 0
    return -(-int(value.total_seconds()) // 60)
