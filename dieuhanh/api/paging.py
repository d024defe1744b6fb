"""Pages of a list: `page` from 1, `page_size` up to 100 (a count, then one slice)."""

from dieuhanh.api.errors import invalid

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 25


def page_of(queryset, page: int, page_size: int, convert) -> dict:
    if page < 1:
        raise invalid("Số trang (page) bắt đầu từ 1.")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise invalid(f"Số dòng một trang (page_size) phải từ 1 đến {MAX_PAGE_SIZE}.")
    count = queryset.count()
    start = (page - 1) * page_size
    rows = list(queryset[start : start + page_size]) if start < count else []
    return {"count": count, "page": page, "page_size": page_size, "items": [convert(r) for r in rows]}
