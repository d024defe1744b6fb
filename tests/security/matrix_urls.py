"""Every URL of the project, read from Django's resolver, with the arguments the matrix fills in.

A pattern without arguments is requested as it is (plus the query strings in `QUERIES`).
A pattern with arguments needs an entry in `ARGS` — a function of the matrix `World` giving
its keyword arguments for the objects of the data set (own unit, sibling, other commune,
confidential) — or is an admin page, filled in generically from the registered models.
A pattern nobody registered makes `test_every_url_pattern_is_filled_in` fail with a message
saying what to add here: a new page is never silently left out.

`WRITES` are posts with valid data (the form filled in as a person would) — each with the
role that may make it, whose post must change the database (the data stays valid), while
the read-only roles' same posts must change nothing.
"""

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import time_machine
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from openpyxl import Workbook

from dieuhanh.api.models import ApiToken
from dieuhanh.core.models import AuditEvent
from dieuhanh.exchange.package import build_package, signing_key
from dieuhanh.exchange.receiving import receive, register_key
from dieuhanh.exchange.signing import new_key
from dieuhanh.reports.layouts import default_template
from dieuhanh.tasks.views.detail import ACTIONS
from tests.security.matrix_evaluation import EVALUATION_ARGS, evaluation_writes

HOW_TO = (
    "URL pattern {key!r} ({route}) takes arguments {args} that the authorization matrix cannot fill in. "
    "Register it in tests/security/matrix_urls.py: add to ARGS an entry {key!r}: lambda w: [{{...}}] giving "
    "its keyword arguments for the matrix objects (w.tasks, w.documents, w.drafts, ... — the own unit's, "
    "the sibling's, the other commune's and the confidential ones), and, if it changes data, a WRITES "
    "entry with valid form data and the role allowed to make it."
)


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or the route of an unnamed pattern
    route: str
    args: tuple[str, ...]
    name: str | None


class Unfilled(Exception):
    """A pattern with arguments nobody registered."""


def url_patterns() -> list[Pattern]:
    def walk(patterns, namespace, route, args):
        for p in patterns:
            here = (*args, *p.pattern.regex.groupindex)
            if isinstance(p, URLResolver):
                inner = ":".join(x for x in (namespace, p.namespace) if x)
                yield from walk(p.url_patterns, inner, route + str(p.pattern), here)
            else:
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                yield Pattern(name or route + str(p.pattern), route + str(p.pattern), here, name)

    return list(walk(get_resolver().url_patterns, "", "", ()))


# --- Arguments of the project's own pages -------------------------------------------------------


def _each(objects: dict, **names):
    """Keyword arguments for each object of `objects` (a dict of the World), tagged with its key."""

    def value(obj, path):
        for attr in path.split("."):
            obj = getattr(obj, attr)
        return obj

    return [
        {**{arg: value(obj, path) for arg, path in names.items()}, "_about": key}
        for key, obj in objects.items()
    ]


def _draft_task_urls(w):
    cases = [{"pk": dt.draft_id, "task_id": dt.pk, "_about": key} for key, dt in w.draft_tasks.items()]
    # A task of the confidential draft asked for under the commune's own draft.
    cases.append({"pk": w.drafts["own"].pk, "task_id": w.draft_tasks["secret"].pk, "_about": "secret"})
    return cases


def _attachment_urls(w):
    cases = _each(w.attachments, pk="report.task_id", attachment_id="pk")
    cases.append({"pk": w.tasks["own"].pk, "attachment_id": w.attachments["secret"].pk, "_about": "secret"})
    return cases


ARGS: dict[str, Callable] = {
    "tasks:detail": lambda w: _each(w.tasks, pk="pk"),
    "tasks:attachment": _attachment_urls,
    "tasks:action": lambda w: [
        {**case, "action": slug} for case in _each(w.tasks, pk="pk") for slug in ACTIONS
    ],
    "intake:document": lambda w: _each(w.documents, pk="pk"),
    "intake:document_file": lambda w: _each(w.documents, pk="pk"),
    "intake:document_page": lambda w: [{**a, "number": 1} for a in _each(w.documents, pk="pk")],
    "intake:review": lambda w: _each(w.drafts, pk="pk"),
    "intake:bulk": lambda w: _each(w.drafts, pk="pk"),
    "intake:drop_set_aside": lambda w: _each(w.drafts, pk="pk"),
    "intake:card": _draft_task_urls,
    "intake:add_task": lambda w: _each(w.drafts, pk="pk"),
    "intake:confirm": lambda w: _each(w.drafts, pk="pk"),
    "intake:discard": lambda w: _each(w.drafts, pk="pk"),
    "intake:restore": lambda w: _each(w.drafts, pk="pk"),
    "intake:restore_left_out": lambda w: [{**case, "index": 0} for case in _each(w.drafts, pk="pk")],
    "intake:reextract": lambda w: _each(w.drafts, pk="pk"),
    "intake:edit_task": _draft_task_urls,
    "intake:drop_task": _draft_task_urls,
    "intake:split_task": _draft_task_urls,
    "notify:open": lambda w: [{"pk": n.pk} for n in w.notifications],
    "reports:export": lambda w: [{"kind": kind} for kind in ("tasks", "documents", "units", "people")],
    "admin:auth_user_password_change": lambda w: [{"id": user.pk} for user in w.people.values()],
    **EVALUATION_ARGS,
    "reports:report": lambda w: _each(w.reports, pk="pk"),
    "reports:issue": lambda w: _each(w.reports, pk="pk"),
    "reports:discard": lambda w: _each(w.reports, pk="pk"),
    "reports:report_file": lambda w: [
        {**case, "fmt": fmt} for case in _each(w.reports, pk="pk") for fmt in ("docx", "xlsx", "pdf")
    ],
    "reports:layout_file": lambda w: _each({"own": w.units["a"], "other": w.units["b"]}, pk="pk"),
    "reports:reset_layout": lambda w: _each({"own": w.units["a"], "other": w.units["b"]}, pk="pk"),
    # The REST API (requested with each role's bearer token).
    "api:get_task": lambda w: _each(w.tasks, task_id="pk"),
    "api:update_task": lambda w: _each(w.tasks, task_id="pk"),
    "api:list_reports": lambda w: _each(w.tasks, task_id="pk"),
    "api:create_report": lambda w: _each(w.tasks, task_id="pk"),
    "api:get_document": lambda w: _each(w.documents, document_id="pk"),
    **{
        f"api:{name}": lambda w: _each(w.tasks, task_id="pk")
        for name in (
            "create_report_with_files",
            "list_completion_requests",
            "request_completion",
            "decide_completion",
            "list_extensions",
            "request_extension",
            "list_directions",
            "give_direction",
        )
    },
    "api:decide_extension": lambda w: [
        *_each(w.changes, task_id="task_id", extension_id="pk"),
        # The confidential task's request asked for under the commune's own task.
        {"task_id": w.tasks["own"].pk, "extension_id": w.changes["secret"].pk, "_about": "secret"},
    ],
    "api:get_draft": lambda w: _each(w.drafts, draft_id="pk"),
    "api:confirm": lambda w: _each(w.drafts, draft_id="pk"),
    "exchange:package": lambda w: [{"pk": _exchange(w)["received"].pk, "_about": "own"}],
    "exchange:key_revoke": lambda w: [{"pk": _exchange(w)["key"].pk, "_about": "own"}],
    "api_not_found": lambda w: [{"rest": "khong-co"}, {"rest": f"tasks/{w.tasks['secret'].pk}x"}],
    "api_token_revoke": lambda w: [
        {"pk": ApiToken.objects.get(user=w.people["tracker"]).pk, "_about": "own"},
        {"pk": ApiToken.objects.get(user=w.people["outsider"]).pk, "_about": "other"},
    ],
    "api_feed_revoke": lambda w: [{"pk": w.feeds["own"][0].pk, "_about": "own"}],
    # A feed's secret link is its own key, whoever holds it (tests/api/test_feeds.py checks what
    # each feed holds): here only that a revoked or made-up link gives nothing.
    "api_feed": lambda w: [{"secret": w.feeds["revoked"][1]}, {"secret": "lich_khong_co"}],
}

PERIOD = "period=2026-06&cutoff=14"
QUERIES: dict[str, Callable] = {
    "tasks:list": lambda w: [
        "",
        "?q=QZ",
        f"?document={w.documents['secret'].pk}",
        f"?document={w.documents['other'].pk}",
        f"?commune={w.units['b'].pk}",
        f"?unit={w.units['sibling'].pk}",
        "?status=overdue",
    ],
    "tasks:export": lambda w: [
        "",
        "?q=QZ",
        f"?document={w.documents['secret'].pk}",
        f"?commune={w.units['b'].pk}",
    ],
    "intake:documents": lambda w: ["", "?q=QZ", "?confidentiality=Mật"],
    "reports:index": lambda w: [
        "",
        f"?{PERIOD}&format=docx&tai=1",
        f"?{PERIOD}&format=xlsx&tai=1&unit={w.units['a'].pk}",
        f"?{PERIOD}&format=docx&tai=1&unit={w.units['b'].pk}",
        f"?{PERIOD}&format=docx&xem=1",
        "?period=2026&cutoff=14&format=xlsx&chi-xep-loai=1",
    ],
    "reports:export": lambda w: ["", f"?unit={w.units['a'].pk}", f"?unit={w.units['b'].pk}"],
    "api:list_tasks": lambda w: [
        "",
        "?q=QZ&page_size=100",
        f"?document={w.documents['secret'].pk}",
        f"?document={w.documents['other'].pk}",
        f"?commune={w.units['b'].pk}",
        f"?unit={w.units['sibling'].pk}",
        "?status=overdue&sort=-deadline",
    ],
    "api:list_documents": lambda w: ["", "?q=QZ", "?confidentiality=Mật"],
    "api:figures": lambda w: [
        "?period=2026-06",
        f"?period=2026-06&unit={w.units['a'].pk}",
        f"?period=2026-06&unit={w.units['lead'].pk}",
        f"?period=2026-06&unit={w.units['b'].pk}",
    ],
    "api:my_notifications": lambda w: ["", "?unread=true"],
    "api:people": lambda w: ["", f"?unit={w.units['lead'].pk}", f"?unit={w.units['b'].pk}"],
    "api:rollup": lambda w: ["", "?period=2026-06", "?period=2026-06&cutoff=99"],
    "exchange:index": lambda w: ["", "?period=2026-06&cutoff=14", "?period=x"],
    "admin:autocomplete": lambda w: [
        f"?app_label={source._meta.app_label}&model_name={source._meta.model_name}&field_name={name}&term="
        for source, name in _autocompletes()
    ],
}


def _exchange(w) -> dict:
    """Commune A's key registered at the province, one package of A received, and a newer one not yet
    received (made once for the module's data set)."""
    if "exchange" not in w.extra:
        a, leader = w.units["a"], w.people["province_leader"]
        key = signing_key(a)
        registered = register_key(a, key.public_key, leader)
        with time_machine.travel("2026-06-15 08:00 +0700", tick=False):  # an hour before the fresh one
            received = receive(build_package(a, w.people["tracker"], "2026-06"), leader, "2026-06")
        w.extra["exchange"] = {
            "key": registered,
            "received": received,
            "fresh": build_package(a, w.people["tracker"], "2026-06"),
        }
    return w.extra["exchange"]


def _autocompletes():
    for model, model_admin in admin.site._registry.items():
        for holder in [model_admin, *model_admin.inlines]:
            source = model if holder is model_admin else holder.model
            for name in getattr(holder, "autocomplete_fields", ()):
                yield source, name


# --- The admin, filled in from the registered models --------------------------------------------

_OBJECT_VIEW = re.compile(r"^admin:(\w+?)_(\w+)_(change|history|delete)$")
_OBJECT_REDIRECT = re.compile(r"^admin/(\w+)/(\w+)/<path:object_id>/$")


def _admin_objects(model, w) -> list:
    """The object ids an admin object page is requested for: every row of the data set (at most 30),
    but for the audit log only the events about the confidential objects (its pages are alike)."""
    if model is not AuditEvent:
        return list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:30])
    ids = []
    for obj in (w.documents["secret"], w.tasks["secret"], w.drafts["secret"]):
        events = AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        ids += events.values_list("pk", flat=True)
    return sorted(ids)


def _registered(app_label: str, model_name: str):
    return next(
        (
            m
            for m in admin.site._registry
            if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
        ),
        None,
    )


def admin_kwargs(pattern: Pattern, w) -> list[dict] | None:
    """Arguments of an admin page, or None when the pattern is not one the admin makes per model."""
    if pattern.key == "admin:app_list":
        return [{"app_label": label} for label in sorted({m._meta.app_label for m in admin.site._registry})]
    if pattern.key == "admin:view_on_site":
        return [
            {"content_type_id": ContentType.objects.get_for_model(obj).pk, "object_id": obj.pk}
            for obj in (w.tasks["secret"], w.documents["secret"])
        ]
    if pattern.route == "admin/(?P<url>.*)$":
        return [{"url": "khong-co/"}]
    view, redirect = _OBJECT_VIEW.match(pattern.key), _OBJECT_REDIRECT.match(pattern.route)
    found = view or redirect
    model = found and _registered(found.group(1), found.group(2))
    if not model:
        return None
    ids = _admin_objects(model, w)
    # The old object URL only redirects to the change page: one object is enough there.
    return [{"object_id": pk} for pk in (ids if view else ids[:1])]


# --- All the URLs of a pattern ------------------------------------------------------------------


def _url(pattern: Pattern, kwargs: dict) -> str:
    if pattern.name:
        return reverse(pattern.name, kwargs=kwargs)
    if pattern.route == "admin/(?P<url>.*)$":
        return "/admin/" + kwargs["url"]
    return "/" + pattern.route.replace("<path:object_id>", str(kwargs["object_id"]))


@dataclass(frozen=True)
class Case:
    url: str
    about: str  # the key of the World object the URL is about ("own", "secret", "other", ...), or ""


def pattern_urls(pattern: Pattern, w) -> list[Case]:
    """Every URL the matrix requests for `pattern`; raises Unfilled for an unregistered one."""
    if not pattern.args:
        kwargs_list = [{}]
    elif pattern.key in ARGS:
        kwargs_list = ARGS[pattern.key](w)
    elif pattern.key.startswith("admin:") or pattern.route.startswith("admin/"):
        kwargs_list = admin_kwargs(pattern, w)
    else:
        kwargs_list = None
    if kwargs_list is None:
        raise Unfilled(HOW_TO.format(key=pattern.key, route=pattern.route, args=list(pattern.args)))
    queries = QUERIES.get(pattern.key, lambda w: [""])(w)
    cases = []
    for kwargs in kwargs_list:
        about = kwargs.pop("_about", "")
        cases += [Case(_url(pattern, kwargs) + query, about) for query in queries]
    return cases


# --- Writes with valid data ---------------------------------------------------------------------

DIRECTIVE = """ỦY BAN NHÂN DÂN
XÃ AN

Số: 31/KH-UBND                    Xã An, ngày 04 tháng 5 năm 2026

KẾ HOẠCH
Rà soát dữ liệu dân cư năm 2026

1. Phòng Văn hóa - Xã hội chủ trì rà soát dữ liệu dân cư, hoàn thành trước ngày 30/6/2026.

CHỦ TỊCH
Nguyễn Văn A
"""


def _sheet(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    for row in [("Nội dung nhiệm vụ", "Đơn vị chủ trì"), *rows]:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("nhiem-vu.xlsx", out.getvalue())


@dataclass(frozen=True)
class Write:
    what: str
    steps: Callable  # w -> [(url, data)], made fresh for every client (files are read once)
    allowed: str  # a role whose same posts do change the database


def _act(task: str, slug: str, data: Callable | dict, allowed: str) -> Write:
    def steps(w):
        values = data(w) if callable(data) else data
        return [(reverse("tasks:action", args=[w.tasks[task].pk, slug]), values)]

    return Write(f"{slug} ({task})", steps, allowed)


def _draft(
    name: str, data: Callable | dict, allowed: str = "tracker", draft_task: str | None = None
) -> Write:
    def steps(w):
        args = [w.drafts["own"].pk] + ([w.draft_tasks[draft_task].pk] if draft_task else [])
        return [(reverse(f"intake:{name}", args=args), data(w) if callable(data) else data)]

    return Write(f"intake:{name}", steps, allowed)


WRITES = [
    _act("own", "bao-cao", {"text": "Đã triển khai", "percent": "40"}, "member"),
    _act("secret", "bao-cao", {"text": "Đã triển khai", "percent": "40"}, "member"),
    _act("org", "bao-cao", {"text": "Đã triển khai", "percent": "40"}, "tracker"),
    _act("org", "de-nghi-hoan-thanh", {"claimed_on": "10/06/2026", "note": "Xong"}, "tracker"),
    _act("sibling", "gia-han", {"new_date": "01/09/2026", "reason": "Chờ kinh phí"}, "tracker"),
    _act("org", "ngay-su-kien", {"trigger": "01/06/2026"}, "tracker"),
    _act("org", "giao-can-bo", lambda w: {"people": [w.people["tracker"].pk]}, "commune_leader"),
    _act("own", "chi-dao", {"text": "Khẩn trương hoàn thành"}, "commune_leader"),
    _act("own", "tam-hoan", {"reason": "Chờ hướng dẫn"}, "tracker"),
    _act("paused", "tiep-tuc", {"note": ""}, "tracker"),
    _act("own", "huy", {"reason": "Không còn cần"}, "tracker"),
    _act("own", "uu-tien", {}, "tracker"),
    _act("secret", "uu-tien", {}, "tracker"),
    _act("own", "minh-chung", {"required": "on"}, "tracker"),
    _act("awaiting", "xac-nhan-hoan-thanh", {"note": ""}, "commune_leader"),
    _act("awaiting", "tra-lai", {"note": "Cần bổ sung"}, "commune_leader"),
    _act(
        "own",
        "duyet-gia-han",
        lambda w: {"change": w.changes["own"].pk, "decision": "approve", "note": ""},
        "commune_leader",
    ),
    Write(
        "tasks:my_unit",
        lambda w: [
            (
                reverse("tasks:my_unit"),
                {"task": w.tasks["own"].pk, "text": "Đã triển khai", "percent": "30"},
            )
        ],
        "member",
    ),
    Write(
        "intake:import",
        lambda w: [
            (
                reverse("intake:import"),
                {
                    "organisation": w.units["a"].pk,
                    "uploads": [SimpleUploadedFile("kh.txt", DIRECTIVE.encode(), content_type="text/plain")],
                },
            )
        ],
        "tracker",
    ),
    _draft(
        "edit_task",
        lambda w: {
            "summary": "Tóm tắt mới",
            "lead_unit": w.units["lead"].pk,
            "deadline": "30/09/2026",
            "target": "",
            "budget": "",
            "funding_source": "",
        },
        draft_task="own",
    ),
    _draft("drop_task", {}, draft_task="own"),
    _draft("split_task", {"phrase": "hoàn thành"}, draft_task="own"),
    Write(
        "intake:bulk (merge)",
        lambda w: [
            (
                reverse("intake:bulk", args=[w.drafts["own"].pk]),
                {"action": "merge", "ids": [w.draft_tasks["own"].pk, w.draft_tasks["own_second"].pk]},
            )
        ],
        "tracker",
    ),
    _draft(
        "bulk",
        lambda w: {"action": "deadline", "deadline": "15/10/2026", "ids": [w.draft_tasks["own"].pk]},
    ),
    _draft("drop_set_aside", {"restore": "1"}),
    _draft(
        "add_task", lambda w: {"text": "Nhiệm vụ bổ sung", "lead_unit": w.units["lead"].pk, "deadline": ""}
    ),
    _draft("confirm", {}),
    _draft("discard", {}),
    Write(
        "intake:restore",
        lambda w: [
            (reverse(f"intake:{name}", args=[w.drafts["own"].pk]), {}) for name in ("discard", "restore")
        ],
        "tracker",
    ),
    _draft("reextract", {}),
    Write(
        "intake:restore_left_out",
        lambda w: [(reverse("intake:restore_left_out", args=[w.drafts["own"].pk, 0]), {})],
        "tracker",
    ),
    Write(
        "reports:start",
        lambda w: [
            (
                reverse("reports:start"),
                {"period": "2026-04", "format": "docx", "cutoff": "14", "unit": w.units["a"].pk},
            )
        ],
        "tracker",
    ),
    Write(
        "reports:report (the draft's text)",
        lambda w: [
            (
                reverse("reports:report", args=[w.reports["draft"].pk]),
                {"highlights": "Đã xong", "authority": "TM. ỦY BAN NHÂN DÂN", "signer_title": "CHỦ TỊCH"},
            )
        ],
        "tracker",
    ),
    Write(
        "reports:issue",
        lambda w: [(reverse("reports:issue", args=[w.reports["draft"].pk]), {"confirm": "1"})],
        "commune_leader",
    ),
    Write(
        "reports:discard",
        lambda w: [(reverse("reports:discard", args=[w.reports["draft"].pk]), {})],
        "tracker",
    ),
    Write(
        "reports:layouts (upload)",
        lambda w: [
            (
                reverse("reports:layouts"),
                {
                    "organisation": w.units["a"].pk,
                    "file": SimpleUploadedFile("mau.docx", default_template()),
                },
            )
        ],
        "tracker",
    ),
    Write(
        "reports:reset_layout",
        lambda w: [(reverse("reports:reset_layout", args=[w.units["a"].pk]), {})],
        "commune_leader",
    ),
    Write(
        "reports:import + import_confirm",
        lambda w: [
            (
                reverse("reports:import"),
                {
                    "organisation": w.units["a"].pk,
                    "file": _sheet([("Nhiệm vụ nhập từ Excel", "Phòng Kinh tế")]),
                },
            ),
            (reverse("reports:import_confirm"), {"valid_only": "1"}),
        ],
        "tracker",
    ),
]

WRITES += evaluation_writes(Write)


def _api(task: str, what: str, method: str, data: dict, allowed: str) -> Write:
    """A write through the REST API: a step (url, JSON body, method) sent with the role's token."""

    def steps(w):
        pk = w.tasks[task].pk
        url = f"/api/v1/tasks/{pk}/reports" if method == "POST" else f"/api/v1/tasks/{pk}"
        return [(url, data, method)]

    return Write(f"API {what} ({task})", steps, allowed)


def _api_to(task: str, tail: str, data: dict, allowed: str) -> Write:
    """A POST through the REST API to /tasks/<task>/<tail>."""

    def steps(w):
        return [(f"/api/v1/tasks/{w.tasks[task].pk}/{tail}", data, "POST")]

    return Write(f"API {tail} ({task})", steps, allowed)


WRITES += [
    _api("own", "progress report", "POST", {"text": "Đã triển khai", "percent": 40}, "member"),
    _api("secret", "progress report", "POST", {"text": "Đã triển khai", "percent": 40}, "member"),
    _api("org", "progress report", "POST", {"text": "Đã triển khai", "percent": 40}, "tracker"),
    _api("own", "star", "PATCH", {"starred": True}, "tracker"),
    _api("secret", "star", "PATCH", {"starred": True}, "tracker"),
    _api("own", "pause", "PATCH", {"state": "paused", "reason": "Chờ hướng dẫn"}, "tracker"),
    _api("org", "trigger date", "PATCH", {"trigger_date": "2026-06-01"}, "tracker"),
    Write(
        "API document upload",
        lambda w: [
            (
                "/api/v1/documents/upload",
                {
                    "organisation": w.units["a"].pk,
                    "file": SimpleUploadedFile("kh.txt", DIRECTIVE.encode(), content_type="text/plain"),
                },
            )
        ],
        "tracker",
    ),
    Write(
        "API draft confirm",
        lambda w: [(f"/api/v1/drafts/{w.drafts['own'].pk}/confirm", {}, "POST")],
        "tracker",
    ),
    Write(
        "API task creation",
        lambda w: [
            (
                "/api/v1/tasks",
                {"organisation": w.units["a"].pk, "text": "Tập huấn", "lead_unit": "Phòng Kinh tế"},
                "POST",
            )
        ],
        "tracker",
    ),
    Write(
        "API evidence upload",
        lambda w: [
            (
                f"/api/v1/tasks/{w.tasks['own'].pk}/reports/files",
                {
                    "text": "Đã triển khai",
                    "percent": "40",
                    "files": [SimpleUploadedFile("bien-ban.txt", "Biên bản họp".encode())],
                },
            )
        ],
        "member",
    ),
    _api_to("org", "completion", {"note": "Xong", "claimed_on": "2026-06-10"}, "tracker"),
    _api_to("awaiting", "completion/decision", {"decision": "approve"}, "commune_leader"),
    _api_to("awaiting", "completion/decision", {"decision": "return", "note": "Bổ sung"}, "commune_leader"),
    _api_to("sibling", "extensions", {"new_date": "2026-09-01", "reason": "Chờ kinh phí"}, "tracker"),
    Write(
        "API extension decision",
        lambda w: [
            (
                f"/api/v1/tasks/{w.tasks['own'].pk}/extensions/{w.changes['own'].pk}/decision",
                {"decision": "grant"},
                "POST",
            )
        ],
        "commune_leader",
    ),
    _api_to("own", "directions", {"text": "Khẩn trương hoàn thành"}, "commune_leader"),
    Write(
        "API report package export",
        lambda w: [
            ("/api/v1/report-package", {"period": "2026-06", "organisation": w.units["a"].pk}, "POST")
        ],
        "tracker",
    ),
    Write(
        "API report package receipt",
        lambda w: [("/api/v1/report-packages?period=2026-06", _exchange(w)["fresh"], "POST")],
        "province_leader",
    ),
    Write(
        "exchange:index (receive a package)",
        lambda w: [
            (
                reverse("exchange:index"),
                {
                    "kind": "receive",
                    "period": "2026-06",
                    "cutoff": "14",
                    "file": SimpleUploadedFile("goi.json", json.dumps(_exchange(w)["fresh"]).encode()),
                },
            )
        ],
        "province_leader",
    ),
    Write(
        "exchange:index (register a commune's key)",
        lambda w: [
            (reverse("exchange:index"), {"kind": "key", "unit": w.units["b"].pk, "public_key": new_key()[1]})
        ],
        "province_leader",
    ),
    Write(
        "exchange:key_revoke (revoke a commune's key)",
        lambda w: [(reverse("exchange:key_revoke", args=[_exchange(w)["key"].pk]), {})],
        "province_leader",
    ),
    Write(
        "exchange:index (export a package)",
        lambda w: [
            (
                reverse("exchange:index"),
                {"kind": "export", "period": "2026-06", "cutoff": "14", "organisation": w.units["a"].pk},
            )
        ],
        "tracker",
    ),
    Write(
        "api_tokens (a system's token)",
        lambda w: [
            (
                reverse("api_tokens"),
                {
                    "kind": "system",
                    "name": "Hệ thống",
                    "days": "30",
                    "unit": w.units["lead"].pk,
                    "role": "viewer",
                },
            )
        ],
        "admin",
    ),
]

# A person's own settings and session: writing there is theirs to do, whatever their role.
PERSONAL = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "notify:open",
    "notify:read_all",
    "notify:preferences",
    "admin:login",
    "admin:logout",
    "api_tokens",  # one's own API tokens and calendar links
}
