"""The in-app notifications list (with unread count) and a person's notification preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dieuhanh.notify.channels.in_app import mark_read, unread_count
from dieuhanh.notify.forms import PreferenceForm
from dieuhanh.notify.models import Notification, NotificationPreference

PAGE_SIZE = 50


@login_required
def notification_list(request):
    qs = Notification.objects.filter(person=request.user).select_related("task", "task__lead_unit")
    if request.GET.get("chua-doc"):
        qs = qs.filter(read_at=None)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "notify/notification_list.html",
        {
            "page": page,
            "unread": unread_count(request.user),
            "only_unread": bool(request.GET.get("chua-doc")),
        },
    )


@login_required
def open_notification(request, pk: int):
    """Go to the notification's task; only a POST (the list's button) marks it read.

    A GET changes nothing, so a link prefetched by a browser or a mail scanner
    cannot mark a notification read behind the person's back.
    """
    notification = get_object_or_404(Notification, pk=pk, person=request.user)
    if request.method == "POST" and notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    return redirect(notification.url or "notify:list")


@login_required
@require_POST
def read_all(request):
    count = mark_read(request.user)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("notify:list")


@login_required
def preferences(request):
    preference = NotificationPreference.objects.filter(person=request.user).first() or NotificationPreference(
        person=request.user
    )
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Đã lưu tùy chọn nhận thông báo.")
        return redirect("notify:preferences")
    return render(request, "notify/preferences.html", {"form": form, "has_email": bool(request.user.email)})
