"""Who is acting, from where: a context variable set per web request (middleware) and per
command or import (`audit_context`), read when an audit entry is written."""

from __future__ import annotations

import contextvars
import dataclasses
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .choices import Source


@dataclasses.dataclass
class AuditContext:
    source: str = Source.SYSTEM
    user: Any = None  # a User, or None
    username: str = ""  # kept when there is no user object (command line: the OS account)
    ip: str | None = None
    request_id: str = ""
    note: str = ""
    request: Any = None  # the HttpRequest, so that the user is read late (API token auth)
    # decision notes of assignments recorded in this context, by person id: the profile
    # change that follows an assignment shows the same decision
    notes: dict[int, str] = dataclasses.field(default_factory=dict)

    def actor(self):
        """(user or None, username text)."""
        user = self.user
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is not None and not getattr(user, "is_authenticated", False):
            user = None
        if user is not None:
            return user, user.get_username()
        return None, self.username


_current: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar(
    "canbo_audit_context", default=None
)


def current() -> AuditContext:
    """The context in force, or a system context (no user) when none was set."""
    return _current.get() or AuditContext()


def os_username() -> str:
    """The operating-system account running a command, e.g. "cli:root"."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 — no login name in some containers
        return "cli"


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextmanager
def audit_context(
    *,
    source: str | None = None,
    user=None,
    username: str | None = None,
    note: str | None = None,
    request_id: str | None = None,
    ip: str | None = None,
    request=None,
) -> Iterator[AuditContext]:
    """Attribute every change made inside the block, e.g. for a command or an import:

        with audit_context(source="import", user=request.user, note="tệp can-bo.xlsx"):
            ...

    Nested blocks inherit what they do not override."""
    outer = _current.get()
    base = dataclasses.replace(outer, notes={}) if outer else AuditContext()
    changes: dict[str, Any] = {}
    if source is not None:
        changes["source"] = source
    if user is not None:
        changes["user"] = user
        changes["username"] = user.get_username()
    if username is not None:
        changes["username"] = username
    if note is not None:
        changes["note"] = note
    if ip is not None:
        changes["ip"] = ip
    if request is not None:
        changes["request"] = request
    changes["request_id"] = request_id or base.request_id or new_request_id()
    ctx = dataclasses.replace(base, **changes)
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
