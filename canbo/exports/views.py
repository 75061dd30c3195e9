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


def _tmp_path(fmt: str) -> Path:
    return Path(tempfile.mkdtemp(prefix="canbo-export-")) / f"export.{fmt}"


@require_GET
def people_export_view(request, fmt: str):
    """The people list exactly as filtered on the list page (same query string)."""
    if fmt not in PEOPLE_FORMATS:
        raise Http404
    if not can_export_people(request.user):
        raise PermissionDenied(_("Bạn không được giao quyền xuất dữ liệu."))
    path = _tmp_path(fmt)
    try:
        result = export_people(user=request.user, params=request.GET, fmt=fmt, path=path)
    except ExportError as error:
        messages.error(request, str(error))
        query = request.GET.urlencode()
        return redirect(reverse("people:list") + ("?" + query if query else ""))
    finally:
        if not path.exists():
            path.parent.rmdir()
    response = _download(result)
    path.parent.rmdir()
    return response


@require_GET
def profile_export_view(request, pk: int, fmt: str):
    """One person's 2C profile; a person outside the user's "export" scope is 404."""
    if fmt not in PROFILE_FORMATS:
        raise Http404
    path = _tmp_path(fmt)
    try:
        result = export_profile(user=request.user, pk=pk, fmt=fmt, path=path)
    except ExportError as error:  # e.g. the server cannot write PDF
        messages.error(request, str(error))
        return redirect("people:detail", pk=pk)
    finally:
        if not path.exists():
            path.parent.rmdir()
    response = _download(result)
    path.parent.rmdir()
    return response
