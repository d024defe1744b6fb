"""Single Vietnamese dates: "22/5/2026", "22-5-2026", "ngày 22 tháng 5 năm 2026"."""

import re
from datetime import date

from dieuhanh.vn.fold import fold

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}))?(?![\d/])")
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,?\s*nam\s+(\d{4}))?(?!\d)")


def safe_date(year: int | None, month: int, day: int) -> date | None:
    """Build a date, or None when the parts do not form one."""
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_vn_date(text: str, default_year: int | None = None) -> date | None:
    """Parse the first day written in ``text``; a missing year comes from ``default_year``."""
    folded = fold(text)
    found = [m for m in (_WORDS.search(folded), _NUMERIC.search(folded)) if m]
    if not found:
        return None
    m = min(found, key=lambda x: x.start())
    if m.re is _WORDS:
        day, month, year = m.group(1), m.group(2), m.group(3)
    else:
        day, month, year = m.group(1), m.group(3), m.group(4)
    return safe_date(int(year) if year else default_year, int(month), int(day))


def format_vn(d: date) -> str:
    """Format a date the Vietnamese way: dd/mm/yyyy."""
    return d.strftime("%d/%m/%Y")
