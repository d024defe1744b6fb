"""The authorization matrix (issue 11): every URL pattern the resolver knows × every role ×
GET and POST, over one data set built once for the module (`matrix_world`).

It fails on
- a leak: a marker of something the role may not see (a confidential task they are not named
  on, another commune's text, a sibling unit's work) in any response — pages, downloads, the
  text inside .xlsx/.docx files, headers;
- a write by a read-only role (a viewer, a person of another commune): the database is compared
  before and after each of their requests, GET and POST, with empty and with valid form data;
- a crash (HTTP 500), and a non-staff person let into the admin;
- a URL pattern it cannot fill in (see `matrix_urls.HOW_TO`), so a new page is covered the day
  it is added.

Each request runs in a savepoint rolled back afterwards, so every request meets the same data.
The valid posts are proven valid: the role allowed to make each of them does change the database.
"""

import json
import re

import pytest
import time_machine
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.security.matrix_urls import PERSONAL, WRITES, Unfilled, pattern_urls, url_patterns
from tests.security.matrix_world import (
    AUDIENCE,
    BUILT,
    MARKERS,
    NOW,
    READ_ONLY,
    ROLES,
    UNSURE,
    build_world,
    forbidden,
)
from tests.security.xlsx import zip_text

pytestmark = pytest.mark.django_db
ADMIN_GATE = ("/admin/login/",)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The data set, built once and rolled back when the module is done."""
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        time_machine.travel(NOW, tick=False),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with time_machine.travel(BUILT, tick=False):
                w = build_world()
            w.media = media
            w.extra["urls"], w.extra["unfilled"] = [], []
            for pattern in url_patterns():
                try:
                    w.extra["urls"].append((pattern, pattern_urls(pattern, w)))
                except Unfilled as exc:
                    w.extra["unfilled"].append(str(exc))
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _matrix_media_and_clock(world, settings):
    settings.MEDIA_ROOT = world.media
    with time_machine.travel(NOW, tick=False):
        yield


WRITE_SQL = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# When a person logged in or an API token was last used: noted on reading, not a change of data.
USE_TIMES = ("last_login", "last_used_at")


def fingerprint() -> list:
    """Every row of every table (sessions and login times aside): cheap on this small data set."""
    rows = []
    for model in apps.get_models(include_auto_created=True):
        if model is Session:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in USE_TIMES]
        rows.append(list(model._default_manager.order_by("pk").values_list(*fields)))
    return rows


class Request:
    """One request in a savepoint rolled back afterwards; `.wrote` tells whether it changed the database.

    The SQL is watched first (cheap); only a request that issued a write statement, sessions
    and login times aside, has the whole database compared with `before`.
    """

    def __init__(self, before):
        self.before, self.wrote = before, False

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.queries = CaptureQueriesContext(connection)
        self.queries.__enter__()
        return self

    def __exit__(self, *exc):
        self.queries.__exit__(*exc)
        writes = [
            q["sql"]
            for q in self.queries.captured_queries
            if WRITE_SQL.match(q["sql"])
            and "django_session" not in q["sql"]
            and not any(f'"{column}"' in q["sql"] for column in USE_TIMES)
        ]
        if writes and self.before is not None:
            self.wrote = fingerprint() != self.before
        transaction.set_rollback(True)
        return self.atomic.__exit__(*exc)


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", "replace") + "\n".join(f"{k}: {v}" for k, v in response.items())
    if content[:4] == b"PK\x03\x04":  # .xlsx, .docx: the words are in the zipped XML
        text += zip_text(content)
    return text


def login(world, role) -> Client:
    """Signed in for the pages, and carrying the role's token for the API (which takes no session)."""
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {world.tokens[role]}")
    client.force_login(world.people[role])
    return client


def send(client, step):
    """A form post (url, data), or an API call (url, JSON body, method)."""
    if len(step) == 2:
        return client.post(*step)
    url, data, method = step
    return client.generic(method, url, json.dumps(data), content_type="application/json")


def is_admin(pattern) -> bool:
    return pattern.route.startswith("admin/")


def urls_for(world, role):
    """(pattern, case) pairs; outside the admin's staff, one URL per admin pattern is enough (the gate is the same)."""
    for pattern, cases in world.extra["urls"]:
        if is_admin(pattern) and role != "admin":
            cases = cases[:1]
        for case in cases:
            yield pattern, case


def writes_count(role, case) -> bool:
    """Whether a write by `role` through this URL is a fault: the outsider may work on their own commune."""
    return not (role == "outsider" and case.about == "other")


def leaked(role, text) -> list[str]:
    return [label for marker, label in forbidden(role).items() if marker in text]


def judge(role, method, pattern, url, response, problems, seen=None):
    text = text_of(response)
    problems += [f"{method} {url} shows {role} “{label}”" for label in leaked(role, text)]
    if seen is not None:
        seen.update(label for label, marker in MARKERS.items() if marker in text)
    if response.status_code >= 500:
        problems.append(f"{method} {url} failed with HTTP {response.status_code}")
    if url.startswith("/api/v1/") and response.status_code == 401:
        problems.append(f"{method} {url} refused {role}'s API token: the API was not really tried")
    if is_admin(pattern) and role != "admin" and pattern.key not in PERSONAL:
        gated = response.status_code == 404 or (
            response.status_code == 302 and response["Location"].startswith(ADMIN_GATE)
        )
        if not gated:
            problems.append(f"{method} {url} let {role} into the admin (HTTP {response.status_code})")


def test_every_url_pattern_is_filled_in(world):
    assert world.extra["unfilled"] == [], "\n".join(world.extra["unfilled"])
    assert len(world.extra["urls"]) > 100  # the admin's and the project's patterns were all read


@pytest.mark.parametrize("role", ROLES)
def test_no_response_shows_a_role_what_it_may_not_see(world, role):
    client = login(world, role)
    read_only = role in READ_ONLY
    before = fingerprint() if read_only else None
    problems, seen = [], set()
    for pattern, case in urls_for(world, role):
        with Request(before) as request:
            response = client.get(case.url)
        if request.wrote and pattern.key not in PERSONAL and writes_count(role, case):
            problems.append(f"GET {case.url} by {role} changed the database")
        judge(role, "GET", pattern, case.url, response, problems, seen)
        if pattern.key in PERSONAL:
            client.force_login(world.people[role])
    assert not problems, "\n".join(problems)
    # The other way round: the role does see what it may (the markers are really on the pages).
    unseen = {label for label, roles in AUDIENCE.items() if role in roles} - seen
    assert not unseen, (
        f"{role} never saw {sorted(unseen)}: fix AUDIENCE in matrix_world.py if that is intended"
    )


@pytest.mark.parametrize("role", READ_ONLY)
def test_a_read_only_role_changes_nothing_by_post(world, role):
    client = login(world, role)
    before = fingerprint()
    problems = []
    posted = set()
    for pattern, case in urls_for(world, role):
        # The query string is for GET: one post to each path.
        path = case.url.split("?")[0]
        if pattern.key in PERSONAL or path in posted:
            continue
        posted.add(path)
        with Request(before) as request:
            response = client.post(path, {})
        if request.wrote and writes_count(role, case):
            problems.append(f"POST {path} (empty) by {role} changed the database")
        judge(role, "POST", pattern, path, response, problems)
    for write in WRITES:
        with Request(before) as request:
            for step in write.steps(world):
                url, response = step[0], send(client, step)
                problems += [
                    f"POST {url} shows {role} “{label}”" for label in leaked(role, text_of(response))
                ]
        if request.wrote:
            problems.append(f"{write.what}: {role} posting valid data changed the database")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.what)
def test_each_valid_post_does_write_for_the_role_allowed(world, write):
    """Proof that the posts above are valid: refused for the read-only roles, not for lack of data."""
    client = login(world, write.allowed)
    with Request(fingerprint()) as request:
        for step in write.steps(world):
            url, response = step[0], send(client, step)
            assert response.status_code < 500, (url, response.status_code)
    assert request.wrote, f"{write.what}: {write.allowed} posting it changed nothing"


def test_the_oracle_leaves_few_cells_open():
    """UNSURE is for cells the design leaves open; it must not quietly swallow the matrix."""
    assert sum(len(roles) for roles in UNSURE.values()) <= 2
    assert set(MARKERS) == set(AUDIENCE)
