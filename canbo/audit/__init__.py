"""Audit log of every change, profile view and export; backups (`canbo backup`/`restore`).

Public helpers (importable before the app registry is ready):

    from canbo.audit import audit_context, record_export, record_view
"""

from .context import audit_context

__all__ = ["audit_context", "record_export", "record_view"]


def record_view(request_or_user, person):
    """Log that a profile was seen (call from the view that shows it)."""
    from .services import record_view as _record_view

    return _record_view(request_or_user, person)


def record_export(user, what: str, params: dict, count: int, *, person=None):
    """Log an export: what was exported, with which filters, how many rows."""
    from .services import record_export as _record_export

    return _record_export(user, what, params, count, person=person)
