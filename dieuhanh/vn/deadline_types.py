"""The result of reading a deadline phrase, shared by the rules and the public functions."""

import re
from dataclasses import dataclass
from datetime import date

KINDS = ("date", "period", "recurring", "relative", "none")

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Deadline:
    kind: str  # "date" | "period" | "recurring" | "relative" | "none"
    text: str | None  # the phrase as written (whitespace collapsed, '*' removed)
    date: (
        date | None
    )  # date: the day; period: its last day; relative: only when anchored on the document date
    recurrence: str | None  # "monthly:18", "quarterly", "semiannual,yearly", "yearly:12-15", "periodic"...
    count: int | None = None  # relative: N
    working_days: bool = False  # relative: counted in working days
    trigger: str | None = None  # relative: the event phrase ("ngày nghiệm thu bàn giao")
    period_start: date | None = None  # period: first day
    reason: str = ""  # which rule matched, in Vietnamese, for the review page


@dataclass(frozen=True)
class DeadlineMatch:
    deadline: Deadline
    start: int
    end: int


NO_DEADLINE = Deadline("none", None, None, None)


def clean_phrase(text: str) -> str:
    """A phrase as the review page shows it: whitespace collapsed, '*' markup removed."""
    return _WS.sub(" ", text.replace("*", " ")).strip(" ,;:(")
