"""The place and date line: "Gia Lộc, ngày 22 tháng 5 năm 2026" (or "ngày 22/5/2026")."""

from __future__ import annotations

import re

from dieuhanh.extract.citations import safe_date, squash
from dieuhanh.extract.header.model import Findings

_CAP = "[A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ]"  # a capital letter
# The place: up to six capitalised words (or "phố", "xã", "trấn"), maybe across a line break.
DATE_LINE = re.compile(
    rf"(?<![\w/.-])(?P<place>{_CAP}[\w.]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:{_CAP}[\w.]*|phố|xã|trấn)){{0,5}})"
    r"[ \t]*,[ \t]*\n?[ \t]*ngày\s*(?P<d>\d{1,2})?\s*"
    r"(?:tháng\s*(?P<m>\d{1,2})?\s*,?\s*năm\s*(?P<y>\d{4})?|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))"
)


def read_place_date(found: Findings, m: re.Match[str]) -> None:
    how = "Dòng địa danh, ngày tháng ở phần đầu"
    found.set("place", squash(m.group("place")), f"{how}: «{squash(m.group())}»")
    read_date(found, m, how)


def read_date(found: Findings, m: re.Match[str], how: str) -> None:
    """Day, month and year from a match with groups d, m/m2, y/y2; a blank day leaves no date."""
    day = m.group("d")
    month = m.group("m") or m.group("m2")
    year = m.group("y") or m.group("y2")
    reason = f"{how}: «{squash(m.group())}»"
    if month:
        found.set("month", int(month), reason)
    if year:
        found.set("year", int(year), reason)
    if day and month and year:
        found.set("date", safe_date(int(year), int(month), int(day)), reason)
    elif "date" not in found.values:
        found.reasons.setdefault(
            "date", f"{how} để trống ngày: «{squash(m.group())}» nên không có ngày ban hành"
        )
