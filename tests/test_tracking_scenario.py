"""Issue 4's scripted scenario end to end, through the services (no HTTP):

import a directive, confirm its tasks, report progress as a unit member, ask
for and approve an extension, claim and approve completion, move the clock past
a deadline, read the statuses and rates — and an outsider sees none of it.
"""

import datetime

import pytest
import time_machine

from dieuhanh.intake.services.confirm import confirm_draft
from dieuhanh.intake.services.importing import import_document
from dieuhanh.org.access import Access
from dieuhanh.tasks.access import visible_documents, visible_tasks
from dieuhanh.tasks.rates import compute_rates
from dieuhanh.tasks.services.completion import approve_completion, request_completion
from dieuhanh.tasks.services.extensions import decide_extension, request_extension
from dieuhanh.tasks.services.progress import report_progress
from dieuhanh.tasks.status import Status, annotate_status
from dieuhanh.vn.periods import report_period
from tests.scenario import build_scenario

pytestmark = pytest.mark.django_db
D = datetime.date

DIRECTIVE = """ỦY BAN NHÂN DÂN
XÃ THỬ NGHIỆM

Số: 215/UBND-VP
V/v triển khai nhiệm vụ chuyển đổi số quý III năm 2026

Thử Nghiệm, ngày 01 tháng 7 năm 2026

Kính gửi: Các phòng, đơn vị thuộc UBND xã.

Ủy ban nhân dân xã yêu cầu các đơn vị thực hiện các nội dung sau:

1. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Công an xã rà soát, cập nhật dữ liệu dân cư trên địa bàn xã, hoàn thành trước ngày 20/7/2026.

2. Công an xã hướng dẫn người dân kích hoạt tài khoản định danh điện tử, hoàn thành trước ngày 31/8/2026.

Ủy ban nhân dân xã yêu cầu các đơn vị nghiêm túc thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""


def status_by_summary(tasks, today):
    return {t.lead_unit.name: t.status for t in annotate_status(tasks.select_related("lead_unit"), today)}


def test_the_whole_tracking_loop():
    with time_machine.travel("2026-07-01 08:00 +0700", tick=False):
        s = build_scenario()
        draft = import_document(
            org=s.commune, data=DIRECTIVE.encode(), filename="215-UBND-VP.txt", actor=s.tracker
        )
        kept = draft.tasks.filter(dropped=False)
        assert kept.count() == 2
        tasks = confirm_draft(draft, s.tracker)
        assert len(tasks) == 2

    vhxh = next(t for t in tasks if t.lead_unit == s.lead_unit)
    police = next(t for t in tasks if t.lead_unit == s.coord_unit)
    assert vhxh.deadline == D(2026, 7, 20) and police.deadline == D(2026, 8, 31)
    assert list(vhxh.coordinators.all()) == [s.coord_unit]

    with time_machine.travel("2026-07-10 09:00 +0700", tick=False):
        report_progress(vhxh, s.lead, text="Đã rà soát 60% hộ gia đình", percent=60)
        change = request_extension(vhxh, s.lead, new_date=D(2026, 7, 31), reason="Chờ số liệu của thôn")
        decide_extension(change, s.leader, approve=True, note="Đồng ý")
    with time_machine.travel("2026-07-25 09:00 +0700", tick=False):
        request_completion(vhxh, s.lead, note="Đã cập nhật xong")
        approve_completion(vhxh, s.leader)

    ours = visible_tasks(Access.of(s.tracker)).filter(document=draft.document)
    # 1 September: the police task is past its deadline, the other was done after its original deadline.
    today = D(2026, 9, 1)
    assert status_by_summary(ours, today) == {
        s.lead_unit.name: Status.DONE_LATE,
        s.coord_unit.name: Status.OVERDUE,
    }
    quarter = report_period("quarter", 2026, 3)  # Quý III/2026: data from 15/6 to 14/9
    rates = compute_rates(ours, quarter.start, quarter.end, as_of=today)
    assert (rates.total, rates.done_late, rates.overdue, rates.due) == (2, 1, 1, 2)
    assert (rates.on_time_rate, str(rates.overdue_rate_all), str(rates.overdue_rate_due)) == (
        0,
        "50.0",
        "50.0",
    )
    assert str(rates.update_rate) == "0.0"

    outsider = Access.of(s.outsider)
    assert not visible_tasks(outsider).filter(document=draft.document).exists()
    assert not visible_documents(outsider).filter(pk=draft.document.pk).exists()
    assert not visible_tasks(Access.of(s.other_tracker)).filter(document=draft.document).exists()
