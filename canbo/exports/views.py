"""Download the filtered people list (.xlsx, .csv) and a 2C profile (.docx, .pdf)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .selectors import ExportError
from .services import CONTENT_TYPES, PEOPLE_FORMATS, PROFILE_FORMATS, export_people, export_profile
from .templatetags.exports import can_export_people


def _download(result) -> FileResponse:
    handle = open(result.path, "rb")  # noqa: SIM115 — FileResponse closes it
    result.path.unlink()  # the open handle keeps the data until the response is sent
    return FileResponse(
        handle,
        as_attachment=True,
        filename=result.filename,
        content_type=CONTENT_TYPES[result.path.suffix.lstrip(".")],
    )


def _export_response(fmt: str, export, on_error):
    """Run `export(path)` into a temporary directory and send the file, or `on_error(message)`
    when canbo cannot write it; the directory is gone either way."""
    path = Path(tempfile.mkdtemp(prefix="canbo-export-")) / f"export.{fmt}"
    try:
        return _download(export(path))
    except ExportError as error:
        return on_error(str(error))
    finally:
        path.unlink(missing_ok=True)  # (already unlinked once sent: the handle keeps the data)
        path.parent.rmdir()


@require_GET
def people_export_view(request, fmt: str):
    """The people list exactly as filtered on the list page (same query string)."""
    if fmt not in PEOPLE_FORMATS:
        raise Http404
    if not can_export_people(request.user):
        raise PermissionDenied(_("Bạn không được giao quyền xuất dữ liệu."))

    def back_to_list(message: str):
        messages.error(request, message)
        query = request.GET.urlencode()
        return redirect(reverse("people:list") + ("?" + query if query else ""))

    return _export_response(
        fmt,
        lambda path: export_people(user=request.user, params=request.GET, fmt=fmt, path=path),
        back_to_list,
    )


@require_GET
def profile_export_view(request, pk: int, fmt: str):
    """One person's 2C profile; a person outside the user's "export" scope is 404."""
    if fmt not in PROFILE_FORMATS:
        raise Http404

    def back_to_profile(message: str):  # e.g. the server cannot write PDF
        messages.error(request, message)
        return redirect("people:detail", pk=pk)

    return _export_response(
        fmt,
        lambda path: export_profile(user=request.user, pk=pk, fmt=fmt, path=path),
        back_to_profile,
    )
