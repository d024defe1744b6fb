""" "Việc chờ tôi": one page with everything waiting for the person signed in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dieuhanh.inbox.waiting import SHOWN, waiting_for
from dieuhanh.org.access import access_of


@login_required
def waiting(request):
    sections = waiting_for(access_of(request))
    total = sum(len(s.items) for s in sections)
    return render(request, "inbox/waiting.html", {"sections": sections, "total": total, "shown": SHOWN})
