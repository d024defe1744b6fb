"""A recurring duty's rule ("monthly:18") as an RFC 5545 RRULE, when one says exactly the same thing.

dieuhanh's cycles (dieuhanh.tasks.services.recurrence) clamp a day past the month's end to its
last day, due a week's report on Friday and a daily one on working days only. Each rule here is
written to give those same dates; a rule with no such RRULE (daily, several cycles at once)
returns None and the feed lists the occurrences one by one.
"""

import re

# The last day of a month: BYMONTHDAY=-1.
FIXED = {
    "monthly": "FREQ=MONTHLY;BYMONTHDAY=-1",
    "quarterly": "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
    "semiannual": "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1",
    "yearly": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
    "weekly": "FREQ=WEEKLY;BYDAY=FR",
}
MONTHLY_DAY = re.compile(r"^monthly:(\d{1,2})$")
YEARLY_DAY = re.compile(r"^yearly:(\d{1,2})-(\d{1,2})$")


def rrule_for(rule: str) -> str | None:
    rule = (rule or "").strip()
    if rule in FIXED:
        return FIXED[rule]
    if match := MONTHLY_DAY.match(rule):
        day = int(match.group(1))
        if not 1 <= day <= 31:
            return None
        if day <= 28:
            return f"FREQ=MONTHLY;BYMONTHDAY={day}"
        # "the 30th, or the month's last day when shorter": the last of the days 28..30 it has.
        return f"FREQ=MONTHLY;BYMONTHDAY={','.join(str(d) for d in range(28, day + 1))};BYSETPOS=-1"
    if match := YEARLY_DAY.match(rule):
        month, day = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        if month == 2 and day > 28:
            return None  # 29/02 falls back to 28/02 in other years: no single RRULE says that
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"
    return None
