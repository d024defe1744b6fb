"""Two workers at once against the same database: every reminder goes out exactly once.

On SQLite the test database is copied to a file (threads cannot share an in-memory
database safely), and both worker threads open their own connections to it; on
PostgreSQL they connect to the test database directly.
"""

import datetime
import re
import sqlite3
import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection, connections

from dieuhanh.notify.models import Digest, Reminder
from dieuhanh.notify.worker import tick
from dieuhanh.org.constants import Role
from tests.factories import TaskFactory
from tests.notify.conftest import frozen
from tests.scenario import person

D = datetime.date
PEOPLE, TASKS = 12, 15


@pytest.fixture
def shared_database(tmp_path):
    """Point new connections at a database every thread can open; yield a runner for threads."""
    settings_dict = connections.settings[connection.alias]
    original = settings_dict["NAME"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "shared.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        settings_dict["NAME"] = str(path)
    yield
    settings_dict["NAME"] = original


def in_thread(fn):
    """Run fn in a fresh thread (so with a fresh connection to the shared database)."""
    box = {}

    def target():
        try:
            box["value"] = fn()
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    return box["value"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_exactly_once(world, shared_database):
    with frozen(D(2026, 5, 4)):
        for _ in range(PEOPLE):
            person(world.s.lead_unit, Role.MEMBER)
        tasks = [
            TaskFactory(owner=world.commune, lead_unit=world.s.lead_unit, deadline=D(2026, 6, 10))
            for _ in range(TASKS)
        ]
    if connection.vendor == "sqlite":  # copy the data made above into the shared file
        settings_dict = connections.settings[connection.alias]
        target = sqlite3.connect(settings_dict["NAME"])
        connection.connection.backup(target)
        target.close()

    start, errors = threading.Barrier(2), []

    def worker():
        try:
            start.wait()
            for _ in range(3):
                tick()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    with frozen(D(2026, 6, 11), 8):
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        counts = in_thread(
            lambda: (
                Reminder.objects.count(),
                Reminder.objects.filter(sent_at=None).count(),
                Digest.objects.count(),
                sorted(Reminder.objects.values_list("person__email", "task_id")),
            )
        )
    total, unsent, digests, pairs = counts
    recipients = PEOPLE + 2  # and the scenario's lead member and the head of the lead unit
    assert unsent == 0 and digests == recipients
    assert Counter(m.to[0] for m in mail.outbox) == {email: 1 for email in {e for e, _ in pairs}}
    sent_pairs = sorted(
        (m.to[0], int(task_id)) for m in mail.outbox for task_id in re.findall(r"/nhiem-vu/(\d+)/", m.body)
    )
    assert sent_pairs == pairs and total == len(pairs) == recipients * TASKS
    assert {t.pk for t in tasks} <= {task_id for _, task_id in pairs}
