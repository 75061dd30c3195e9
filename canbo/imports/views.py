"""Upload → preview (header found, mapping to correct, first rows, every problem) → commit."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.access.scope import can, is_administrator, units_for

from .analysis import Options
from .choices import ImportStatus
from .forms import MappingForm, UploadForm
from .models import ImportRun, SavedMapping
from .services import import_people, prepare

SHOWN_PROBLEMS = 500


def _runs_for(user):
    runs = ImportRun.objects.select_related("user", "unit")
    return runs if is_administrator(user) else runs.filter(user=user)


def _run_or_404(request, pk: int) -> ImportRun:
    run = get_object_or_404(_runs_for(request.user), pk=pk)
    if run.unit is None or not can(request.user, "change", run.unit):
        raise Http404
    return run


@contextmanager
def _local_copy(run: ImportRun):
    """The kept file as a path on disk (storage may be remote or in memory)."""
    with tempfile.TemporaryDirectory(prefix="canbo-import-") as tmp:
        target = Path(tmp) / Path(run.original_name).name
        with run.file.open("rb") as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
        yield target


def import_index_view(request):
    units = units_for(request.user, "change").order_by("path")
    form = UploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        saved = data.get("mapping")
        run = ImportRun(
            user=request.user,
            original_name=Path(upload.name).name,
            sheet=data.get("sheet") or "",
            unit=data["unit"],
            create_units=data.get("create_units") or False,
            mapping=dict(saved.columns) if saved else {},
            status=ImportStatus.PREVIEW,
        )
        run.file.save(Path(upload.name).name, upload, save=False)
        run.save()
        return redirect("imports:preview", pk=run.pk)
    runs = _runs_for(request.user)[:30]
    return render(request, "imports/index.html", {"form": form, "runs": runs})


def _prepared(run: ImportRun, user):
    with _local_copy(run) as path:
        return prepare(
            path=path,
            name=run.original_name,
            sheet=run.sheet or None,
            mapping=run.mapping,
            options=Options(unit=run.unit, create_units=run.create_units, user=user),
        )


def import_preview_view(request, pk: int):
    run = _run_or_404(request, pk)
    if run.status != ImportStatus.PREVIEW:
        return render(request, "imports/result.html", {"run": run})
    prepared = _prepared(run, request.user)
    columns = prepared.layout.columns if prepared.layout else []
    form = MappingForm(request.POST or None, columns=columns)
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        if run.mapping.get("_header_rows"):
            mapping["_header_rows"] = run.mapping["_header_rows"]
        run.mapping = mapping
        run.save(update_fields=["mapping"])
        if form.cleaned_data.get("save_as"):
            SavedMapping.objects.update_or_create(
                name=form.cleaned_data["save_as"],
                defaults={"columns": mapping, "created_by": request.user},
            )
            messages.success(request, _("Đã lưu cách ghép cột."))
        prepared = _prepared(run, request.user)
        form = MappingForm(columns=prepared.layout.columns if prepared.layout else [])
    context = {
        "run": run,
        "prepared": prepared,
        "form": form,
        "analysis": prepared.analysis,
        "problems": prepared.all_problems[:SHOWN_PROBLEMS],
        "more_problems": max(0, len(prepared.all_problems) - SHOWN_PROBLEMS),
    }
    template = "imports/_preview.html" if request.htmx else "imports/preview.html"
    return render(request, template, context)


@require_POST
def import_commit_view(request, pk: int):
    run = _run_or_404(request, pk)
    if run.status != ImportStatus.PREVIEW:
        return redirect("imports:preview", pk=run.pk)
    with _local_copy(run) as path:
        outcome = import_people(
            path=path,
            name=run.original_name,
            sheet=run.sheet or None,
            mapping=run.mapping,
            unit=run.unit,
            create_units=run.create_units,
            user=request.user,
            run=run,
        )
    if outcome.ok:
        messages.success(
            request,
            _("Đã nhập: %(c)d thêm mới, %(u)d cập nhật, %(n)d không đổi.")
            % {"c": outcome.created, "u": outcome.updated, "n": outcome.unchanged},
        )
    else:
        messages.error(request, _("Không nhập: tệp có lỗi, chưa ghi gì vào cơ sở dữ liệu."))
    return redirect("imports:preview", pk=run.pk)
