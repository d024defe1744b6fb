""" "Việc chờ tôi" through the API: the same parts and rows as the web page (dieuhanh/inbox)."""

import datetime

from django.conf import settings
from ninja import Router, Schema
from pydantic import Field

from dieuhanh.api.auth import access
from dieuhanh.api.endpoints.tasks import ERRORS
from dieuhanh.inbox.waiting import Part, waiting_for

router = Router(tags=["Việc chờ tôi"])


class WaitingItemOut(Schema):
    title: str
    url: str = Field(description="Địa chỉ đầy đủ của trang nơi xử lý việc này.")
    since: datetime.datetime | None = Field(description="Từ lúc nào việc này chờ.")
    note: str
    lead_unit: str
    deadline: datetime.date | None


class WaitingPartOut(Schema):
    part: str = Field(description=", ".join(p.value for p in Part))
    title: str
    more: bool = Field(description="true: còn nhiều việc hơn số dòng trả về.")
    items: list[WaitingItemOut]


class WaitingOut(Schema):
    total: int
    parts: list[WaitingPartOut]


@router.get("/waiting", response={200: WaitingOut, **ERRORS}, summary="Việc chờ tôi")
def waiting(request):
    """What waits for the token's account: completions to confirm, extensions to decide, tasks
    returned, directions received, new tasks, drafts to review — as on the page /viec-cho-toi/."""
    sections = waiting_for(access(request))
    return {
        "total": sum(len(s.items) for s in sections),
        "parts": [
            {
                "part": s.part,
                "title": s.title,
                "more": s.more,
                "items": [
                    {
                        "title": i.title,
                        "url": settings.SITE_URL + i.url,
                        "since": i.since,
                        "note": i.note,
                        "lead_unit": i.lead_unit,
                        "deadline": i.deadline,
                    }
                    for i in s.items
                ],
            }
            for s in sections
        ],
    }
