"""Exports as actions: check the scope, write the file, log it (`audit.record_export`).

The command line and the web pages call these two functions only. A file is written to a
temporary name beside the target and renamed when complete, so a failed export leaves nothing
half-written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from canbo import audit
from canbo.access import scope
from canbo.people.models import Person
from canbo.people.selectors import person_profile_queryset

from .profile import profile_document, write_profile_docx, write_profile_pdf
from .roster import write_roster_csv, write_roster_xlsx
from .selectors import ExportError, export_filter, export_meta, roster_rows

PEOPLE_FORMATS = ("xlsx", "csv")
PROFILE_FORMATS = ("docx", "pdf")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass
class ExportResult:
    path: Path
    count: int
    filename: str  # a name to offer for download


def _atomic_target(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    return Path(tmp)


def _params_for_log(params: Mapping) -> dict:
    out = {}
    for key in params:
        if key in ("page", "_submitted", "csrfmiddlewaretoken"):
            continue
        values = params.getlist(key) if hasattr(params, "getlist") else [params[key]]
        values = [v for v in values if v not in (None, "")]
        if values:
            out[key] = values[0] if len(values) == 1 else values
    return out


def export_people(*, user, params: Mapping, fmt: str, path: Path | str) -> ExportResult:
    """Write the people that `params` (the list page's filters) select, within the people
    `user` may export (everyone when `user` is None), to `path` as .xlsx or .csv."""
    if fmt not in PEOPLE_FORMATS:
        raise ExportError(
            _("Định dạng “%(f)s” không hỗ trợ cho danh sách (chọn xlsx hoặc csv).") % {"f": fmt}
        )
    filterset = export_filter(params, user)
    meta = export_meta(filterset, user=user)
    rows = roster_rows(filterset.qs, on=meta.as_of)
    path = Path(path)
    tmp = _atomic_target(path)
    try:
        if fmt == "xlsx":
            count = write_roster_xlsx(str(tmp), rows, meta)
        else:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as out:
                count = write_roster_csv(out, rows)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    audit.record_export(
        user, _("Danh sách cán bộ (.%(f)s)") % {"f": fmt}, _params_for_log(params), count
    )
    stamp = meta.as_of.strftime("%Y%m%d")
    return ExportResult(path=path, count=count, filename=f"danh-sach-can-bo-{stamp}.{fmt}")


def profile_person(user, pk) -> Person:
    """The person with every 2C section joined; Http404 when missing or out of the user's
    "export" scope (the command line, `user` None, sees everyone)."""
    if user is None:
        person = person_profile_queryset().filter(pk=pk).first()
        if person is None:
            raise ExportError(_("Không có cán bộ mã số %(pk)s.") % {"pk": pk})
        return person
    return scope.person_or_404(user, pk, "export", queryset=person_profile_queryset())


def export_profile(*, user, pk, fmt: str, path: Path | str) -> ExportResult:
    """Write one person's 2C profile to `path` as .docx or .pdf."""
    if fmt not in PROFILE_FORMATS:
        raise ExportError(
            _("Định dạng “%(f)s” không hỗ trợ cho sơ yếu lý lịch (chọn docx hoặc pdf).")
            % {"f": fmt}
        )
    person = profile_person(user, pk)
    doc = profile_document(person)
    path = Path(path)
    tmp = _atomic_target(path)
    try:
        if fmt == "docx":
            write_profile_docx(str(tmp), doc)
        else:
            write_profile_pdf(str(tmp), doc)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    audit.record_export(
        user, _("Sơ yếu lý lịch 2C (.%(f)s)") % {"f": fmt}, {"id": person.pk}, 1, person=person
    )
    return ExportResult(path=path, count=1, filename=f"so-yeu-ly-lich-2c-{person.pk}.{fmt}")
