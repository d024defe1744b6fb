"""The data set of the authorization matrix: a province, two communes, one person per role, and
objects each carrying a marker (a word of its own) whose audience is written down by hand.

    province ── commune A ── lead unit (member, named on the secret)   ── sibling unit
             │             └ police (head, coordinates T_OWN and T_SECRET, not named)
             └─ commune B (outsider: its tracker)

Every text that could leak holds a marker `QZnnnQ`; `AUDIENCE` says which roles may see it.
A marker in a response to anyone else is a leak. `UNSURE` lists the few cells the design
leaves open (a province leader and a commune's drafts), which are not judged.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from docx import Document as DocxDocument

from dieuhanh.api.feeds import create_feed, revoke_feed
from dieuhanh.api.tokens import create_personal_token
from dieuhanh.documents.constants import Confidentiality
from dieuhanh.documents.models import Citation
from dieuhanh.intake.models import ImportDraft, ProposedTask
from dieuhanh.notify.models import Notification, Reminder
from dieuhanh.org.constants import Role, UnitKind
from dieuhanh.reports.issuing import issue_report, save_draft, start_report
from dieuhanh.reports.layouts import default_template, upload_template
from dieuhanh.reports.periods import resolve_period
from dieuhanh.tasks.constants import ChangeStatus, DeadlineKind, TaskState
from dieuhanh.tasks.models import CompletionRequest, DeadlineChange, Direction, ProgressAttachment
from tests.factories import (
    CommuneFactory,
    DocumentFactory,
    MembershipFactory,
    ProgressReportFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
)
from tests.security.matrix_evaluation import EVALUATION_AUDIENCE, build_evaluation

D = datetime.date
NOW = "2026-06-15 09:00 +0700"
BUILT = "2026-05-04 09:00 +0700"

ROLES = [
    "admin",  # superuser acting for the province, not named on the confidential document
    "province_leader",
    "commune_leader",
    "tracker",  # named on the confidential document
    "member",  # of the lead unit, named on the confidential document
    "head",  # head of the police, which coordinates; not named
    "viewer",
    "outsider",  # the tracker of another commune
]
# Who may only read, or is outside commune A: their requests must never change the database.
READ_ONLY = ["viewer", "outsider"]

ORG_A = {"admin", "province_leader", "commune_leader", "tracker", "viewer"}
NAMED = {"tracker", "member"}
OTHER = {"admin", "province_leader", "outsider"}

# marker label → (the roles that may see it)
AUDIENCE = {
    "doc_own": ORG_A | {"member", "head"},
    "task_own": ORG_A | {"member", "head"},
    "report_own": ORG_A | {"member", "head"},
    "extension_own": ORG_A | {"member", "head"},
    "direction_own": ORG_A | {"member", "head"},
    "evidence_own": ORG_A | {"member", "head"},
    "task_org": ORG_A,
    "task_awaiting": ORG_A | {"member"},
    "completion_awaiting": ORG_A | {"member"},
    "task_paused": ORG_A | {"member"},
    "doc_sibling": ORG_A,
    "task_sibling": ORG_A,
    "report_sibling": ORG_A,
    "doc_pending": ORG_A,
    "draft_own": {"admin", "commune_leader", "tracker"},
    "doc_secret": NAMED,
    "doc_secret_text": NAMED,
    "task_secret": NAMED,
    "report_secret": NAMED,
    "evidence_secret": NAMED,
    "extension_secret": NAMED,
    "completion_secret": NAMED,
    "direction_secret": NAMED,
    "draft_secret": {"tracker"},
    "doc_other": OTHER,
    "task_other": OTHER,
    "report_other": OTHER,
    "draft_other": {"admin", "outsider"},
    # Reports an office writes (issue 15): seen by whoever may see the report's unit.
    "issued_own": ORG_A,
    "report_draft": ORG_A,
    "issued_lead": ORG_A | {"member"},
    "issued_other": OTHER,
    # A commune's Word template lays out every report made in it, a unit member's download too.
    "layout_own": ORG_A | {"member", "head"},
    "layout_other": OTHER,
}
AUDIENCE.update(EVALUATION_AUDIENCE)
UNSURE = {"draft_own": {"province_leader"}, "draft_other": {"province_leader"}}
MARKERS = {label: f"QZ{i:03d}Q" for i, label in enumerate(AUDIENCE, start=100)}


def forbidden(role: str) -> dict[str, str]:
    """marker → label of what `role` must never be shown."""
    return {
        MARKERS[label]: label
        for label, roles in AUDIENCE.items()
        if role not in roles and role not in UNSURE.get(label, ())
    }


@dataclass
class World:
    people: dict
    units: dict
    documents: dict
    tasks: dict
    drafts: dict
    draft_tasks: dict
    attachments: dict
    changes: dict
    notifications: list
    media: object = None
    extra: dict = field(default_factory=dict)
    reports: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)  # role → the secret of a personal API token
    feeds: dict = field(default_factory=dict)  # the tracker's calendar links: key → (feed, secret)


def _task(label, **kw):
    return TaskFactory(text=f"Nhiệm vụ {MARKERS[label]}", summary=f"Nhiệm vụ {MARKERS[label]}", **kw)


def _document(label, owner, **kw):
    return DocumentFactory(owner=owner, subject=f"về việc {MARKERS[label]}", **kw)


def _evidence(report, label):
    attachment = ProgressAttachment(report=report, name="minh-chung.txt")
    attachment.file.save("minh-chung.txt", ContentFile(f"Biên bản {MARKERS[label]}".encode()), save=True)
    return attachment


def build_world() -> World:
    province = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Ma Trận")
    a = CommuneFactory(parent=province, name="Ủy ban nhân dân xã An")
    b = CommuneFactory(parent=province, name="Ủy ban nhân dân xã Bình")
    lead = UnitFactory(parent=a, name="Phòng Văn hóa - Xã hội")
    sibling = UnitFactory(parent=a, name="Phòng Kinh tế")
    police = UnitFactory(parent=a, name="Công an xã", kind=UnitKind.POLICE)
    b_lead = UnitFactory(parent=b, name="Phòng Kinh tế xã Bình")

    def person(unit, role, **kw):
        return MembershipFactory(unit=unit, role=role, **kw).user

    people = {
        "admin": MembershipFactory(
            unit=province, role=Role.ADMIN, user=UserFactory(is_staff=True, is_superuser=True)
        ).user,
        "province_leader": person(province, Role.LEADER),
        "commune_leader": person(a, Role.LEADER),
        "tracker": person(a, Role.TRACKER),
        "member": person(lead, Role.MEMBER),
        "head": person(police, Role.MEMBER, is_head=True),
        "viewer": person(a, Role.VIEWER),
        "outsider": person(b, Role.TRACKER),
    }
    person(b_lead, Role.MEMBER)

    own = _document("doc_own", a, text=f"Văn bản {MARKERS['doc_own']}")
    secret = _document(
        "doc_secret",
        a,
        confidentiality=Confidentiality.SECRET,
        text=f"Văn bản mật {MARKERS['doc_secret_text']}",
    )
    secret.original_file.save("mat.txt", ContentFile(secret.text.encode()), save=True)
    secret.allowed_people.add(people["tracker"], people["member"])
    documents = {
        "own": own,
        "sibling": _document("doc_sibling", a),
        "pending": _document("doc_pending", a),
        "secret": secret,
        "other": _document("doc_other", b),
    }
    overdue = {"deadline": D(2026, 6, 1)}
    tasks = {
        "own": _task("task_own", owner=a, lead_unit=lead, document=own, **overdue),
        "org": _task(
            "task_org",
            owner=a,
            lead_unit=a,
            document=own,
            deadline_kind=DeadlineKind.RELATIVE,
            relative_days=10,
        ),
        "awaiting": _task("task_awaiting", owner=a, lead_unit=lead, document=own, **overdue),
        "paused": _task(
            "task_paused", owner=a, lead_unit=lead, document=own, state=TaskState.PAUSED, **overdue
        ),
        "sibling": _task(
            "task_sibling", owner=a, lead_unit=sibling, document=documents["sibling"], **overdue
        ),
        "secret": _task("task_secret", owner=a, lead_unit=lead, document=secret, **overdue),
        "other": _task("task_other", owner=b, lead_unit=b_lead, document=documents["other"], **overdue),
    }
    tasks["own"].coordinators.add(police)
    tasks["secret"].coordinators.add(police)

    reports = {
        key: ProgressReportFactory(
            task=tasks[key], reported_on=D(2026, 6, 2), text=f"Đã làm {MARKERS[label]}"
        )
        for key, label in (
            ("own", "report_own"),
            ("sibling", "report_sibling"),
            ("secret", "report_secret"),
            ("other", "report_other"),
        )
    }
    attachments = {
        "own": _evidence(reports["own"], "evidence_own"),
        "secret": _evidence(reports["secret"], "evidence_secret"),
    }
    changes = {
        key: DeadlineChange.objects.create(
            task=tasks[key], old_date=D(2026, 6, 1), new_date=D(2026, 9, 1), reason=f"Chờ {MARKERS[label]}"
        )
        for key, label in (("own", "extension_own"), ("secret", "extension_secret"))
    }
    for key, label in (("own", "direction_own"), ("secret", "direction_secret")):
        Direction.objects.create(
            task=tasks[key], author=people["commune_leader"], text=f"Chỉ đạo {MARKERS[label]}"
        )
    CompletionRequest.objects.create(
        task=tasks["secret"],
        claimed_on=D(2026, 5, 30),
        note=f"Kết quả {MARKERS['completion_secret']}",
        status=ChangeStatus.REJECTED,
        decision_note="Làm lại",
    )
    awaiting = tasks["awaiting"]
    CompletionRequest.objects.create(
        task=awaiting, claimed_on=D(2026, 5, 30), note=f"Kết quả {MARKERS['completion_awaiting']}"
    )
    awaiting.state, awaiting.completed_on = TaskState.AWAITING_APPROVAL, D(2026, 5, 30)
    awaiting.save()

    # A passage extraction left out, which the reviewer may bring back as a task.
    left_out = "Trong quá trình thực hiện, nếu có khó khăn, các đơn vị báo cáo Ủy ban nhân dân xã."
    pending = documents["pending"]
    pending.text = f"{pending.text}\n{left_out}"
    at = pending.text.index(left_out)
    pending.extraction = {
        "dropped": [
            {"text": left_out, "start": at, "end": at + len(left_out), "reason": "Yêu cầu có điều kiện."}
        ]
    }
    pending.save(update_fields=["text", "extraction"])
    drafts = {
        "own": ImportDraft.objects.create(document=pending, organisation=a),
        "secret": ImportDraft.objects.create(
            document=secret, organisation=a, status=ImportDraft.Status.CONFIRMED
        ),
        "other": ImportDraft.objects.create(document=documents["other"], organisation=b),
    }
    draft_tasks = {
        key: ProposedTask.objects.create(
            draft=drafts[key],
            position=1,
            text=f"Rà soát {MARKERS[label]}, hoàn thành và báo cáo kết quả",
            lead_unit=unit,
            deadline=D(2026, 9, 30),
            deadline_kind=DeadlineKind.DATE,
        )
        for key, label, unit in (
            ("own", "draft_own", lead),
            ("secret", "draft_secret", lead),
            ("other", "draft_other", b_lead),
        )
    }
    draft_tasks["own_second"] = ProposedTask.objects.create(
        draft=drafts["own"], position=2, text="Tổng hợp, báo cáo", lead_unit=sibling
    )
    # A duty of another body, set aside "để biết" at import: the one action brings it back or drops it.
    draft_tasks["own_set_aside"] = ProposedTask.objects.create(
        draft=drafts["own"],
        position=3,
        text="Sở Y tế hướng dẫn",
        dropped=True,
        reasons={"set_aside": "Để biết: nhiệm vụ của Sở Y tế."},
    )
    # The commune's own document cites the confidential one and the other commune's.
    for cited in (secret, documents["other"]):
        Citation.objects.create(document=own, cited_document=cited, text="Thực hiện văn bản của cấp trên")

    notifications = []
    for key, who in (("secret", "member"), ("own", "viewer"), ("own", "head")):
        reminder = Reminder.objects.create(
            task=tasks[key],
            person=people[who],
            kind="overdue",
            due_on=D(2026, 6, 11),
            planned_at="2026-06-11T06:00+07:00",
        )
        notifications.append(
            Notification.objects.create(
                person=people[who], task=tasks[key], reminder=reminder, created_at="2026-06-11T06:00+07:00"
            )
        )
    world = World(
        people=people,
        units={"province": province, "a": a, "b": b, "lead": lead, "sibling": sibling, "police": police},
        documents=documents,
        tasks=tasks,
        drafts=drafts,
        draft_tasks=draft_tasks,
        attachments=attachments,
        changes=changes,
        notifications=notifications,
    )
    build_evaluation(world, MARKERS, NOW)
    world.reports = _reports(people, a, b, lead)
    world.tokens = {
        role: create_personal_token(person, f"Ma trận {role}")[1] for role, person in people.items()
    }
    world.feeds = {key: create_feed(people["tracker"], f"Lịch {key}") for key in ("own", "revoked")}
    revoke_feed(world.feeds["revoked"][0], people["tracker"])
    return world


def _template_with(label) -> bytes:
    doc = DocxDocument(io.BytesIO(default_template()))
    doc.add_paragraph(f"Mẫu riêng {MARKERS[label]}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _reports(people, a, b, lead) -> dict:
    """Reports issued and drafted by the communes' trackers, then each commune's own template."""
    period = resolve_period("2026-05")

    def written(unit, label, who="tracker", issue=True):
        report = start_report(people[who], period, unit)
        save_draft(report, people[who], highlights=f"Kết quả {MARKERS[label]}")
        return issue_report(report, people[who]) if issue else report

    reports = {
        "own": written(a, "issued_own"),
        "draft": written(a, "report_draft", issue=False),
        "lead": written(lead, "issued_lead"),
        "other": written(b, "issued_other", who="outsider"),
    }
    for unit, label, who in ((a, "layout_own", "tracker"), (b, "layout_other", "outsider")):
        upload_template(unit, people[who], _template_with(label), f"mau-{MARKERS[label]}.docx")
    return reports
