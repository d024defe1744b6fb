"""No HTTP 500 on hostile input: every form and query parameter of every page, fuzzed with hypothesis.

The pages are found, not listed: the test walks the URL resolver for every
pattern, crawls the site as an administrator and as a unit member (links and
form actions of each page), and fails when a pattern outside the admin was
never reached — so a new page is fuzzed without anyone remembering to add it.
The parameters are the names of every form field and every query-string key
seen on the crawled pages; hypothesis sends them, alone or together, with
hostile values (huge and non-integer ids, dates of year 1 or 9999, NUL bytes,
long text ...) by GET and, where the page takes a form, by POST. Each example
runs in a transaction rolled back afterwards, so one POST cannot hide the
next page behind a changed state.
"""

import datetime
import os
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dieuhanh.api.feeds import create_feed
from dieuhanh.api.tokens import create_personal_token
from dieuhanh.evaluation.services.periods import open_period
from dieuhanh.exchange.package import build_package, signing_key
from dieuhanh.exchange.receiving import receive, register_key
from dieuhanh.intake.services.confirm import discard_draft
from dieuhanh.intake.services.importing import import_document
from dieuhanh.notify.channels.in_app import notify
from dieuhanh.org.constants import Role
from dieuhanh.reports.issuing import issue_report, start_report
from dieuhanh.reports.layouts import default_template, upload_template
from dieuhanh.reports.periods import resolve_period
from dieuhanh.tasks.constants import DeadlineKind
from dieuhanh.tasks.services import progress
from tests.factories import MembershipFactory, TaskFactory
from tests.intake.texts import COMMUNE_DIRECTIVE, PROVINCE_DIRECTIVE, data

pytestmark = pytest.mark.django_db

# Examples per path: each of its parameters a few times within the suite's time;
# DIEUHANH_FUZZ_EXAMPLES=500 digs deeper by hand.
MAX_EXAMPLES = int(os.environ.get("DIEUHANH_FUZZ_EXAMPLES", "30"))
# Pages outside the fuzz: Django's admin (its own forms, tested by Django), logging out, the REST API
# (JSON with a bearer token, no page links to it; tests/api sends it odd values) and a calendar link,
# whose only parameter is its secret (tests/api/test_feeds.py), and /favicon.ico (a redirect to a
# static file, no parameter; tests/web/test_small_things.py).
SKIPPED_PREFIXES = ("admin/", "api/v1/")
SKIPPED_NAMES = {"logout", "api_feed", "api_not_found", "favicon"}
# Pages no link leads to: probes, the login page, the page after a password change, and the Excel
# import confirmation (its form is on the preview shown after an upload).
ENTRY_POINTS = ["/", "/healthz", "/dang-nhap/", "/doi-mat-khau/xong/"]
POST_ONLY = {
    "/bao-cao/nhap-nhiem-vu/xac-nhan/": ["valid_only"],
    "/danh-gia/mo-ky/": ["organisation", "year", "number"],
}

HOSTILE = [
    "",
    " ",
    "abc",
    "1e5",
    "1.5",
    "-1",
    "0",
    "99999999999999999999",
    "-99999999999999999999",
    "9223372036854775808",
    "31/12/9999",
    "01/01/0001",
    "00/00/0000",
    "29/02/2026",
    "9999-12-31",
    "0001-01-01",
    "2026-13-45",
    "1.640,5,3",
    "NaN",
    "Infinity",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%s%n",
    "１２",
    "ký tự tiếng Việt",
    "x" * 5000,
]
VALUE = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=40),
)


# Values that make a typical field valid, so that a form passes and the hostile value of another
# parameter reaches the code behind it (a redirect, a service, a query).
PLAUSIBLE = ["15/06/2026", "30/06/2026", "50", "1", "Đã triển khai theo kế hoạch", "on", "approve", "2026-06"]


class PageParser(HTMLParser):
    """Links, forms with their method, action and field names, and the values fields offer."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self.values: dict[str, set[str]] = {}
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or attrs.get("hx-post") or attrs.get("hx-get") or "",
                "fields": set(),
            }
            self.forms.append(self._form)
        elif (
            tag in ("input", "select", "textarea", "button") and self._form is not None and attrs.get("name")
        ):
            self._form["fields"].add(attrs["name"])
            if attrs.get("value"):
                self.values.setdefault(attrs["name"], set()).add(attrs["value"])
            self._select = attrs["name"] if tag == "select" else None
        elif tag == "option" and self._select and attrs.get("value"):
            self.values.setdefault(self._select, set()).add(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def route_patterns(resolver=None, prefix="") -> list[tuple[str, str]]:
    """(route, name) of every URL pattern, included ones too."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += route_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            found.append((route, entry.name or ""))
    return found


def fuzzed_routes() -> list[tuple[str, str]]:
    return [
        (route, name)
        for route, name in route_patterns()
        if not route.startswith(SKIPPED_PREFIXES) and name not in SKIPPED_NAMES
    ]


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


class Site:
    """What a crawl found: the concrete paths of each route, and the parameter names seen for each path."""

    def __init__(self):
        self.paths: dict[str, set[str]] = {}
        self.params: dict[str, set[str]] = {}
        self.posted: set[str] = set()
        self.values: dict[str, set[str]] = {}

    def note(self, path: str, names=(), post=False):
        route = route_of(path)
        if route is None or route.startswith(SKIPPED_PREFIXES):
            return False
        self.paths.setdefault(route, set()).add(path)
        self.params.setdefault(path, set()).update(set(names) - {"csrfmiddlewaretoken"})
        if post:
            self.posted.add(path)
        return True

    def all_names(self) -> list[str]:
        return sorted(set().union(*self.params.values()))


def crawl(client, site: Site, limit: int = 250):
    queue, seen = list(ENTRY_POINTS), set()
    for path, names in POST_ONLY.items():
        site.note(path, names, post=True)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        final = response.request["PATH_INFO"]
        site.note(final, [k for k, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)])
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = PageParser()
        parser.feed(response.content.decode())
        for name, values in parser.values.items():
            site.values.setdefault(name, set()).update(values)
        for href in parser.links:
            target = urljoin(final, href)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("#"):
                continue
            names = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
            if site.note(parts.path, names) and target not in seen:
                queue.append(target)
        for form in parser.forms:
            action = urljoin(final, form["action"]) if form["action"] else final
            site.note(urlsplit(action).path, form["fields"], post=form["method"] == "post")


@pytest.fixture
def site(s, login):
    """The scenario with one of everything a page can show, crawled as an admin and as a unit member."""
    admin = MembershipFactory(unit=s.commune, role=Role.ADMIN, user__is_superuser=True).user
    relative = TaskFactory(
        owner=s.commune,
        lead_unit=s.lead_unit,
        document=s.task.document,
        deadline=None,
        deadline_kind=DeadlineKind.RELATIVE,
    )
    relative.coordinators.add(s.coord_unit)
    progress.report_progress(
        s.task, s.lead, text="Đã triển khai", percent=40, files=[("bc.pdf", b"%PDF-1.4\n")]
    )
    notify(s.lead, "Nhắc việc thử", task=s.task)
    notify(admin, "Nhắc việc thử", task=s.task)
    imported = import_document(
        org=s.commune, data=data(COMMUNE_DIRECTIVE), filename="215.txt", actor=s.tracker
    )
    # Its first lines marked as a page read by OCR, so the page links to that page's image (the
    # OCR itself is tested in tests/intake/test_scanned_documents.py; here only the route counts).
    imported.document.pages = [{"number": 1, "start": 0, "end": 200, "ocr": True, "confidence": 88.0}]
    imported.document.save()
    # A discarded draft: its document's page offers to restore it or to extract again.
    province_plan = data(PROVINCE_DIRECTIVE)
    discard_draft(
        import_document(org=s.commune, data=province_plan, filename="977.txt", actor=s.tracker), s.tracker
    )
    # A pending provincial plan: its duty for a department is set aside "để biết" (the one action).
    plan = data(PROVINCE_DIRECTIVE.replace("977/UBND-KGVX", "978/UBND-KGVX"))
    import_document(org=s.commune, data=plan, filename="978.txt", actor=s.tracker)
    open_period(s.commune, s.tracker, year=2026, number=5)
    period = resolve_period("2026-06")
    issue_report(start_report(s.tracker, period, s.commune), s.tracker)
    start_report(s.tracker, period, s.lead_unit)
    upload_template(s.commune, s.tracker, default_template(), "mau.docx")
    # A commune's report package received by the province: the package page is linked from the list.
    register_key(s.commune, signing_key(s.commune).public_key, s.province_leader)
    receive(build_package(s.commune, s.tracker, "2026-06"), s.province_leader, "2026-06")
    for person in (admin, s.lead):
        create_personal_token(person, "Mã thử")
        create_feed(person, "Lịch thử")
    found = Site()
    clients = {"admin": login(admin), "lead": login(s.lead)}
    for client in clients.values():
        crawl(client, found)
    return found, clients


def test_the_crawl_reaches_every_page(site):
    found, _ = site
    missing = [route for route, _ in fuzzed_routes() if route not in found.paths]
    assert not missing, (
        f"no page links to these routes; give the fuzz fixture data that shows them: {missing}"
    )


def assert_no_server_error(response, method, path, params):
    assert response.status_code < 500, f"{method} {path} {params!r} → {response.status_code}"
    if response.status_code == 400 and "text/html" in response.get("Content-Type", ""):
        body = response.content.decode()
        assert re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", body), body[:500]
        for english in ("Enter a valid", "This field is required", "Select a valid choice"):
            assert english not in body, f"{method} {path}: English message “{english}”"


def test_no_page_answers_500_to_hostile_parameters(site):
    """Every route, every path the crawl found for it: each example sends one of the path's own
    parameters (every parameter seen on the site when the path shows none) with a hostile value,
    along with up to three others. One crawl serves all routes; every failing route is reported."""
    found, clients = site
    everything = found.all_names()
    failures = []
    for route, _ in fuzzed_routes():
        for path in sorted(found.paths.get(route, ()))[:20]:
            try:
                fuzz_path(path, found, clients, everything)
            except Exception as exc:  # noqa: BLE001 — collected, so one failing page hides no other
                failures.append(f"{path}: {exc}"[:3000])
    assert not failures, "\n\n".join(failures)


def fuzz_path(path, found, clients, everything):
    focus = sorted(found.params.get(path, set())) or everything
    methods = ["get", "post"] if path in found.posted else ["get"]

    @settings(
        max_examples=min(MAX_EXAMPLES, 4 * len(focus)),
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        who=st.sampled_from(sorted(clients)),
        method=st.sampled_from(methods),
        base=st.fixed_dictionaries(
            {n: st.sampled_from(sorted(found.values.get(n, ())) + PLAUSIBLE) for n in focus}
        ),
        name=st.sampled_from(focus),
        value=VALUE,
        others=st.dictionaries(st.sampled_from(focus + everything), VALUE, max_size=3),
    )
    def check(who, method, base, name, value, others):
        params = {**base, **others, name: value}
        with transaction.atomic():
            response = getattr(clients[who], method)(path, params)
            assert_no_server_error(response, method.upper(), path, params)
            transaction.set_rollback(True)

    check()


@pytest.mark.parametrize(
    "query",
    [
        "/bao-cao/xuat/tasks/?unit=abc",
        "/bao-cao/xuat/tasks/?unit=1e5",
        "/bao-cao/xuat/tasks/?unit=1.5",
        "/nhiem-vu/?document=99999999999999999999",
        "/nhiem-vu/?period_start=01/01/2026&period_end=31/12/9999",
        "/tong-quan/?period=custom&start=01/01/2026&end=31/12/9999",
        "/van-ban/?date_from=01/01/2026&date_to=31/12/9999",
        "/bao-cao/?date_from=01/01/2026&date_to=31/12/9999",
    ],
)
def test_the_reported_bad_queries_get_a_vietnamese_400(s, login, query):
    admin = MembershipFactory(unit=s.commune, role=Role.ADMIN, user__is_superuser=True).user
    response = login(admin).get(query)
    assert response.status_code == 400
    assert_no_server_error(response, "GET", query, {})


def test_a_trigger_date_in_year_9999_gets_a_vietnamese_400(s, login):
    task = TaskFactory(
        owner=s.commune, lead_unit=s.lead_unit, deadline=None, deadline_kind=DeadlineKind.RELATIVE
    )
    response = login(s.lead).post(f"/nhiem-vu/{task.pk}/ngay-su-kien/", {"trigger": "31/12/9999"})
    assert response.status_code == 400
    assert "từ năm 2000 đến năm 2100" in response.content.decode()


@pytest.mark.parametrize("claimed_on", ["01/01/0001", "31/12/1999", "01/01/2101"])
def test_a_completion_date_outside_2000_2100_is_refused(s, login, claimed_on):
    response = login(s.lead).post(
        f"/nhiem-vu/{s.task.pk}/de-nghi-hoan-thanh/", {"claimed_on": claimed_on, "note": "Xong"}
    )
    assert response.status_code == 400
    assert "từ năm 2000 đến năm 2100" in response.content.decode()
    assert not s.task.completion_requests.exists()


def test_dates_at_the_edges_of_the_range_are_taken():
    from dieuhanh.core.form_fields import VnDateField

    field = VnDateField()
    assert field.clean("01/01/2000") == datetime.date(2000, 1, 1)
    assert field.clean("31/12/2100") == datetime.date(2100, 12, 31)
