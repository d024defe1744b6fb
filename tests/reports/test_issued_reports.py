"""Reports an office writes and issues (issue 15, part 4): the text is prefilled and kept, an issued
report is kept as issued, and only those who may see the unit see it — viewers never issue."""

import datetime
import hashlib
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from dieuhanh.documents.constants import Confidentiality
from dieuhanh.org.constants import Role
from dieuhanh.reports.frozen import freeze
from dieuhanh.reports.issuing import (
    ReportError,
    draft_file,
    figures_of,
    issue_report,
    save_draft,
    start_report,
    visible_reports,
)
from dieuhanh.reports.models import Report
from dieuhanh.reports.periods import resolve_period
from dieuhanh.tasks.constants import TaskState
from dieuhanh.tasks.models import Task
from tests.factories import DocumentFactory, MembershipFactory, ProgressReportFactory, TaskFactory
from tests.reports.outputs import from_docx, from_page, from_xlsx

pytestmark = pytest.mark.django_db
D = datetime.date
JUNE = resolve_period("2026-06")


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_a_draft_starts_with_text_prefilled_from_the_figures(june):
    report = start_report(june.tracker, JUNE, june.commune)
    assert (report.organisation, report.unit, report.status) == (june.commune, june.commune, "draft")
    assert report.shortcomings.startswith(
        "- Còn 1 nhiệm vụ quá hạn chưa hoàn thành (20,0% số nhiệm vụ đã đến hạn)"
    )
    assert "“Thời tiết mưa kéo dài” (Nhiệm vụ số 4)" in report.shortcomings
    assert "Nhiệm vụ số 5 (Phòng Văn hóa - Xã hội, hạn 18/06/2026)" in report.next_focus
    assert "Hoàn thành 4 nhiệm vụ, trong đó 2 đúng hạn" in report.highlights
    assert "hoàn thành chỉ tiêu “Hoàn thành 3 km đường giao thông”" in report.highlights


def test_the_office_text_is_kept_with_the_report_and_printed(june):
    report = start_report(june.tracker, JUNE, june.commune)
    save_draft(
        report,
        june.tracker,
        highlights="Hoàn thành 3 km đường giao thông nông thôn.\nCải cách hành chính chuyển biến rõ.",
        proposals="Đề nghị tỉnh hỗ trợ kinh phí.",
        signer_name="Nguyễn Văn Minh",
    )
    report.refresh_from_db()
    assert report.proposals == "Đề nghị tỉnh hỗ trợ kinh phí."
    text = paragraphs(draft_file(report, "docx").content)
    start = text.index("2. Kết quả nổi bật")
    assert text[start + 1 : start + 3] == [
        "Hoàn thành 3 km đường giao thông nông thôn.",
        "Cải cách hành chính chuyển biến rõ.",
    ]
    assert text[text.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") + 1] == "Đề nghị tỉnh hỗ trợ kinh phí."


def digest(field) -> str:
    with field.open("rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def test_an_issued_report_is_kept_as_issued(june, client):
    report = start_report(june.tracker, JUNE, june.commune)
    issue_report(report, june.tracker)  # on 15/06/2026, the fixture's report day
    report.refresh_from_db()
    frozen = report.figures
    files = digest(report.docx_file), digest(report.xlsx_file)
    assert report.issue_date == D(2026, 6, 15) and figures_of(report).rates.total == 8
    client.force_login(june.tracker)
    page_then = from_page(client.get(reverse("reports:report", args=[report.pk])).content.decode())

    with time_machine.travel("2026-07-20 09:00 +0700", tick=False):
        # A month later: task 4 done (dated in the period), a report dated in the period.
        four = june.tasks[4]
        four.state, four.completed_on = TaskState.DONE, D(2026, 6, 13)
        four.save()
        ProgressReportFactory(task=june.tasks[6], reported_on=D(2026, 6, 12), percent=90)
        live = figures_of(start_report(june.tracker, JUNE, june.commune))
        assert (live.rates.overdue, live.rates.done_late) == (0, 3)  # computing the period again differs

        report = Report.objects.get(pk=report.pk)
        assert report.figures == frozen
        assert (digest(report.docx_file), digest(report.xlsx_file)) == files
        assert freeze(figures_of(report)) == frozen
        client.force_login(june.tracker)  # a month on, the session of June has expired
        page_now = from_page(client.get(reverse("reports:report", args=[report.pk])).content.decode())
        docx = client.get(reverse("reports:report_file", args=[report.pk, "docx"]))
        xlsx = client.get(reverse("reports:report_file", args=[report.pk, "xlsx"]))
    assert page_now == page_then == from_docx(docx.content) == from_xlsx(xlsx.content, "Theo đơn vị chủ trì")
    assert dict(page_now[0])["Tổng số nhiệm vụ trong kỳ"] == 8


def test_an_issued_report_is_not_edited_nor_issued_again(june, client):
    report = issue_report(start_report(june.tracker, JUNE, june.commune), june.tracker)
    with pytest.raises(ReportError, match="giữ nguyên như khi ban hành"):
        save_draft(report, june.tracker, highlights="Sửa sau khi ký")
    with pytest.raises(ReportError):
        issue_report(report, june.tracker)
    client.force_login(june.tracker)
    response = client.post(reverse("reports:report", args=[report.pk]), {"highlights": "Sửa sau khi ký"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert "Sửa sau khi ký" not in report.highlights


def test_viewers_read_the_issued_reports_but_never_write_one(june, client):
    report = issue_report(start_report(june.tracker, JUNE, june.commune), june.tracker)
    viewer = MembershipFactory(unit=june.commune, role=Role.VIEWER).user
    with pytest.raises(ReportError, match="không có quyền"):
        start_report(viewer, JUNE, june.commune)
    draft = start_report(june.tracker, JUNE, june.commune)
    with pytest.raises(ReportError, match="không có quyền"):
        issue_report(draft, viewer)
    client.force_login(viewer)
    assert client.get(reverse("reports:report_file", args=[report.pk, "docx"])).status_code == 200
    client.post(reverse("reports:issue", args=[draft.pk]), {"confirm": "1"})
    client.post(reverse("reports:start"), {"period": "2026-06", "format": "docx", "cutoff": 14})
    draft.refresh_from_db()
    assert draft.status == "draft" and Report.objects.count() == 2


def test_the_issued_list_follows_the_unit_tree(june, client):
    commune_report = issue_report(start_report(june.tracker, JUNE, june.commune), june.tracker)
    kt_report = start_report(june.tracker, JUNE, june.kt)
    other_tracker = MembershipFactory(unit=june.other, role=Role.TRACKER).user
    vhxh_member = MembershipFactory(unit=june.vhxh, role=Role.MEMBER).user
    from dieuhanh.org.access import Access

    def seen(user):
        return set(visible_reports(Access.of(user)))

    assert seen(june.province_leader) == {commune_report, kt_report}
    assert seen(june.kt_member) == {kt_report}
    assert seen(vhxh_member) == set() and seen(other_tracker) == set()
    client.force_login(other_tracker)
    assert client.get(reverse("reports:report", args=[commune_report.pk])).status_code == 404
    assert client.get(reverse("reports:report_file", args=[commune_report.pk, "docx"])).status_code == 404
    with pytest.raises(ReportError):
        start_report(june.kt_member, JUNE, june.kt)  # a unit member reads, the office writes


def test_confidential_work_never_enters_a_report_even_for_a_person_named_on_it(june):
    secret = DocumentFactory(owner=june.commune, confidentiality=Confidentiality.SECRET, subject="mật")
    secret.allowed_people.add(june.tracker)
    with time_machine.travel("2026-05-02 09:00 +0700", tick=False):
        TaskFactory(
            owner=june.commune,
            lead_unit=june.kt,
            document=secret,
            summary="Nhiệm vụ MẬT-QZ",
            deadline=D(2026, 6, 1),
        )
    assert Task.objects.filter(owner=june.commune).count() == 11
    report = issue_report(start_report(june.tracker, JUNE, june.commune), june.tracker)
    assert figures_of(report).rates.total == 8
    for field in (report.docx_file, report.xlsx_file):
        with field.open("rb") as fh:
            from tests.security.xlsx import zip_text

            assert "MẬT-QZ" not in zip_text(fh.read())
    assert "Báo cáo không gồm nhiệm vụ thuộc văn bản mật." in paragraphs(report.docx_file.open("rb").read())


def test_a_draft_is_resumed_not_doubled_and_can_be_discarded(june, client):
    first = start_report(june.tracker, JUNE, june.commune)
    save_draft(first, june.tracker, proposals="Viết dở")
    again = start_report(june.tracker, JUNE, june.commune)
    assert again == first and again.proposals == "Viết dở"
    assert start_report(june.tracker, JUNE, june.kt) != first
    client.force_login(MembershipFactory(unit=june.commune, role=Role.VIEWER).user)
    client.post(reverse("reports:discard", args=[first.pk]))
    assert Report.objects.filter(pk=first.pk).exists()
    client.force_login(june.tracker)
    assert client.post(reverse("reports:discard", args=[first.pk]))["Location"] == reverse("reports:reports")
    assert not Report.objects.filter(pk=first.pk).exists()
    issued = issue_report(start_report(june.tracker, JUNE, june.commune), june.tracker)
    client.post(reverse("reports:discard", args=[issued.pk]))
    assert Report.objects.filter(pk=issued.pk).exists()  # an issued report is never discarded


def test_the_pages_start_edit_and_issue(june, client):
    client.force_login(june.tracker)
    response = client.post(
        reverse("reports:start"), {"period": "2026-06", "format": "docx", "cutoff": 14, "unit": june.kt.pk}
    )
    report = Report.objects.get()
    assert response["Location"] == reverse("reports:report", args=[report.pk]) and report.unit == june.kt
    page = client.get(response["Location"]).content.decode()
    assert "Lưu dự thảo" in page and "Ban hành báo cáo" in page
    client.post(
        reverse("reports:report", args=[report.pk]),
        {
            "highlights": "Đường giao thông xong.",
            "authority": "TM. ỦY BAN NHÂN DÂN",
            "signer_title": "CHỦ TỊCH",
        },
    )
    client.post(reverse("reports:issue", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "draft"  # issuing is final: the office ticks that it has checked
    client.post(reverse("reports:issue", args=[report.pk]), {"confirm": "1"})
    report.refresh_from_db()
    assert report.status == "issued" and report.highlights == "Đường giao thông xong."
    listed = client.get(reverse("reports:reports")).content.decode()
    assert "Phòng Kinh tế" in listed and reverse("reports:report_file", args=[report.pk, "docx"]) in listed
