"""Real-browser tests: Playwright's sync API driving Debian's chromium against Django's live server.

- One chromium per session, a fresh context (cookies, storage) per test.
- `desktop` is 1280×800; `phone` is 360×740 with touch, as a chairman's phone.
- `shot(page, "step")` saves artifacts/screenshots/<test>/<nn>-<step>.png; look at them.
- Every page must work offline: a request to any host but the live server is refused
  and fails the test (no CDN), and so does an uncaught JavaScript error.

chromium is /usr/bin/chromium (or $CHROMIUM_PATH); `make test` installs it with
scripts/ensure_chromium.sh. Run by hand without it, the tests are skipped, except
when DIEUHANH_BROWSER_REQUIRED=1 (set by the Makefile), where they fail.
"""

import datetime
import io
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

# Playwright's sync API runs an asyncio loop in the test thread; Django would then refuse
# database calls from that thread (the factories, the assertions) without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    # The machine's network is closed: without these chromium keeps dialling home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,
}
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items):
    """Everything under tests/browser is a browser test and needs the transactional database."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    if Path(CHROMIUM_PATH).is_file() and os.access(CHROMIUM_PATH, os.X_OK):
        return CHROMIUM_PATH
    message = (
        f"chromium không có tại {CHROMIUM_PATH}: chạy `make test` (cài bằng scripts/ensure_chromium.sh) "
        "hoặc `sudo apt-get install chromium` / chromium missing: run `make test` or install Debian's chromium"
    )
    if os.environ.get("DIEUHANH_BROWSER_REQUIRED"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
    except Exception:
        pw.stop()
        raise
    yield chromium
    chromium.close()
    pw.stop()


@dataclass
class Watch:
    """What went wrong in the page while the test ran: JS errors, requests leaving the machine,
    anything the Content-Security-Policy blocked."""

    host: str
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"lỗi JavaScript: {e}" for e in self.page_errors]
            + [f"yêu cầu ra ngoài máy (CDN?): {u}" for u in self.outside_requests]
            + [f"lỗi máy chủ: {u}" for u in self.server_errors]
            + [f"vi phạm Content-Security-Policy: {v}" for v in self.csp_violations]
        )

    def on_console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)


def _new_context(browser, live_server, options) -> tuple:
    host = urlsplit(live_server.url).netloc
    watch = Watch(host=host)
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options
    )
    context.set_default_timeout(TIMEOUT_MS)

    def gate(route):
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlsplit(url).netloc == host:
            route.continue_()
        else:
            watch.outside_requests.append(url)
            route.abort()

    context.route("**/*", gate)

    def on_page(page):
        page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
        page.on("console", watch.on_console)
        page.on(
            "response",
            lambda resp: (
                watch.server_errors.append(f"{resp.status} {resp.url}") if resp.status >= 500 else None
            ),
        )

    context.on("page", on_page)
    return context, watch


@pytest.fixture
def _contexts(browser, live_server, transactional_db):
    made = []

    def make(options):
        context, watch = _new_context(browser, live_server, options)
        made.append((context, watch))
        return context

    yield make
    problems = [p for _, watch in made for p in watch.problems()]
    for context, _ in made:
        context.close()
    if problems:
        pytest.fail("Trang có lỗi:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def desktop(_contexts):
    """A page in a fresh 1280×800 browser context."""
    return _contexts(DESKTOP).new_page()


@pytest.fixture
def phone(_contexts):
    """A page in a fresh 360×740 touch context."""
    return _contexts(PHONE).new_page()


@pytest.fixture
def new_page(_contexts):
    """Another person at another browser: new_page() or new_page(phone=True)."""

    def make(phone: bool = False):
        return _contexts(PHONE if phone else DESKTOP).new_page()

    return make


class Shots:
    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0
        self.paths: list[Path] = []

    def __call__(self, page, step: str, full_page: bool = True) -> Path:
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        path = self.folder / f"{self.count:02d}-{slug}.png"
        page.wait_for_load_state("load")  # the deferred app.js has run: what a person sees
        page.screenshot(path=str(path), full_page=full_page)
        self.paths.append(path)
        return path


@pytest.fixture
def shot(request) -> Shots:
    """shot(page, "step name"): a full-page screenshot under artifacts/screenshots/<test>/."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name).strip("_")
    folder = SCREENSHOTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return Shots(folder)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """A cheap hasher: the demo seeds seven people and every test logs in (the server thread shares it)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_people(transactional_db):
    """The demo province, its three communes and the demo logins (password demo@2026), no documents."""
    from dieuhanh.org.demo import seed_people, seed_units

    seed_units()
    return {login.username: login for login in seed_people()}


# Pages judge statuses on timezone.localdate(): every browser test runs on Monday 15/06/2026,
# 09:00 in Hà Nội, with the clock ticking (time-machine moves the live server's thread too).
TODAY = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=True):
        yield TODAY.date()


@pytest.fixture
def demo(transactional_db, demo_people):
    """The whole demo: the organisation, the people and the five sample directives confirmed."""
    call_command("seed_demo", stdout=io.StringIO())
    return demo_people
