"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

- `browser` (session): Chromium at /usr/bin/chromium. Missing → skip with a notice (a warning and
  a line in the terminal summary); under CI (CI=true) missing is an error.
- `new_page()` makes a fresh, empty browser context and page (closed after the test); `page` is one.
- `log_in(page)` logs in through the real login form; `logged_in_page` is a logged-in `page`.
- The migrations load ~14,000 areas and the catalogs. A live-server test is transactional and
  pytest-django flushes every table after it, so the rows the migrations loaded are copied once
  and written back (≈0.2 s) before each browser test and after its flush: tests that run later
  find the database as the migrations left it.
- On SQLite the live server's threads share the test's in-memory connection, which is not safe
  for two requests at once (the browser fetches a page and its icon in parallel): the server
  runs one request at a time.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_NOTICE = f"Chromium không có ở {CHROMIUM} — bỏ qua kiểm thử trình duyệt"
PASSWORD = "Mat-khau-rat-dai-2025"  # the `user` fixture of tests/conftest.py
E2E_DIR = Path(__file__).parent
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"
TIMEOUT_MS = 10_000

# Rows recreated by the flush itself (post_migrate) are not copied.
NOT_SEEDED_APPS = {"auth", "contenttypes", "sessions", "admin"}

_skipped_for_missing_chromium = False
_reseed = pytest.StashKey[Callable[[], None]]()


# -- marking and reporting -------------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter):
    if _skipped_for_missing_chromium:
        terminalreporter.write_sep("!", f"CHÚ Ý: {MISSING_NOTICE}", yellow=True, bold=True)
        terminalreporter.write_line(
            "Cài bằng `apt-get install chromium` để chạy các kiểm thử trình duyệt (tests/e2e)."
        )


# -- the rows the migrations loaded ----------------------------------------------------------


def _seeded_models():
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and meta.app_label not in NOT_SEEDED_APPS:
            yield model


def _is_empty(model) -> bool:
    return not model._base_manager.exists()


@pytest.fixture(scope="session")
def _migrated_rows(django_db_setup, django_db_blocker):
    """(model, columns, rows) of every table that holds rows right after the migrations."""
    from canbo.catalogs.seed import sync_catalogs
    from canbo.units.areas import load_areas
    from canbo.units.models import Area

    with django_db_blocker.unblock():
        if _is_empty(Area):  # an earlier transactional test flushed them: load them again
            with transaction.atomic():
                sync_catalogs(apps)
                load_areas(Area)
        quote = connection.ops.quote_name
        snapshot = []
        for model in _seeded_models():
            columns = [f.column for f in model._meta.concrete_fields]
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {', '.join(map(quote, columns))} FROM {quote(model._meta.db_table)}"
                )
                rows = cursor.fetchall()
            if rows:
                snapshot.append((model, columns, rows))
    return snapshot


def _restore(snapshot) -> None:
    """Write back the copied rows of every table that is empty (foreign keys are deferred)."""
    quote = connection.ops.quote_name
    restored = []
    with transaction.atomic(), connection.cursor() as cursor:
        for model, columns, rows in snapshot:
            if not _is_empty(model):
                continue
            cursor.executemany(
                f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})",
                rows,
            )
            restored.append(model)
        for sql in connection.ops.sequence_reset_sql(no_style(), restored):
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def _seeded_db(request, _migrated_rows, django_db_blocker):
    """Areas and catalogs present during the test, and again after pytest-django's flush."""
    with django_db_blocker.unblock():
        _restore(_migrated_rows)

    def reseed():
        with django_db_blocker.unblock():
            _restore(_migrated_rows)

    request.node.stash[_reseed] = reseed


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # Runs after every fixture's teardown, hence after the flush of the transactional test.
    try:
        return (yield)
    finally:
        reseed = item.stash.get(_reseed, None)
        if reseed is not None:
            reseed()


# -- live server -----------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time():
    """pytest-django hands the live server's threads the test's in-memory SQLite connection;
    two requests on it at once fail ("bad parameter or other API misuse") and the page gets the
    error. Requests still come in on their own threads (keep-alive connections stay open), but
    the application runs for one at a time."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class SerializedWSGIServer(ThreadedWSGIServer):
        def set_app(self, application):
            lock = threading.Lock()

            def serialized(environ, start_response):
                with lock:
                    return application(environ, start_response)

            super().set_app(serialized)

    previous = LiveServerThread.server_class
    LiveServerThread.server_class = SerializedWSGIServer
    yield
    LiveServerThread.server_class = previous


# -- browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    global _skipped_for_missing_chromium
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"CI: Chromium phải có ở {CHROMIUM} (apt-get install chromium) để chạy tests/e2e.",
                pytrace=False,
            )
        _skipped_for_missing_chromium = True
        warnings.warn(pytest.PytestWarning(MISSING_NOTICE), stacklevel=1)
        pytest.skip(MISSING_NOTICE)

    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API keeps an event loop in this thread; without this Django refuses ORM
    # calls from the test code (SynchronousOnlyOperation). Restored when the session ends.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable[[], object]]:
    """Factory: a page in a new, empty browser context (no cookies) pointed at the live server."""
    contexts = []

    def make():
        context = browser.new_context(
            base_url=live_server.url,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            viewport={"width": 1366, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def log_in(user):
    """Log a page in through the login form, as `user` (tests/conftest.py)."""
    from playwright.sync_api import expect

    def do(page, username: str = user.username, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("heading", name="Danh sách cán bộ")).to_be_visible()
        return page

    return do


@pytest.fixture
def logged_in_page(page, log_in):
    return log_in(page)


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def _watch_csp(page) -> list[str]:
    """Every CSP violation the page reports (the DOM event and the console message)."""
    found: list[str] = []

    def report(text: str) -> None:
        found.append(text)

    page.expose_function("reportCspViolation", report)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation("
        "`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"
    )
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return found


@pytest.fixture
def watch_csp() -> Callable[[object], list[str]]:
    """`watch_csp(page)`: the list that collects every CSP violation `page` reports from then on."""
    return _watch_csp
