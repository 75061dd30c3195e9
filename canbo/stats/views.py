from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from canbo.access.scope import can, people_for, unit_or_404
from canbo.core.pdf import PdfUnavailable

from . import charts
from .breakdowns import attach_urls
from .export import document, pdf, workbook
from .forms import IndicatorEntryForm, ReportForm
from .indicators import evaluate
from .models import Indicator
from .narrative import indicator_sentences, narrative
from .selectors import default_unit, unit_indicators, unit_report
from .services import indicator_entry_add


def _params(request):
    form = ReportForm(request.GET or None)
    as_of, tier = date.today(), None
    if form.is_bound and form.is_valid():
        as_of = form.cleaned_data["as_of"] or as_of
        tier = form.cleaned_data["tier"]
    return form, as_of, tier


def stats_home_view(request):
    unit = default_unit(request.user)
    if unit is None:
        raise Http404(_("Bạn chưa được phân quyền xem đơn vị nào."))
    return redirect("stats:dashboard", code=unit.code)


def dashboard_view(request, code: str):
    unit = unit_or_404(request.user, code)
    form, as_of, tier = _params(request)
    report = attach_urls(
        unit_report(request.user, unit=unit, as_of=as_of, tier=tier, period=form.period),
        reverse("people:list"),
    )
    sections = [(b, charts.chart(b)) for b in report.breakdowns]
    context = {
        "unit": unit,
        "form": form,
        "report": report,
        "sections": sections,
        "sentences": narrative(report),
        "query": request.GET.urlencode(),
    }
    return render(request, "stats/dashboard.html", context)


def indicators_view(request, code: str):
    """The indicators with their progress: loaded into the dashboard by htmx (they are computed
    separately so that the figures show at once), or as a page of their own."""
    unit = unit_or_404(request.user, code)
    _form, as_of, _tier = _params(request)
    results = unit_indicators(request.user, unit=unit, on=as_of)
    context = {"unit": unit, "results": results, "sentences": indicator_sentences(results)}
    if request.htmx:
        return render(request, "stats/_indicators.html", context)
    return render(request, "stats/indicators.html", context)


FORMATS = {
    "xlsx": (workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (pdf, "application/pdf"),
}


def export_view(request, code: str, fmt: str = "xlsx"):
    unit = unit_or_404(request.user, code, "export")
    form, as_of, tier = _params(request)
    report = unit_report(request.user, unit=unit, as_of=as_of, tier=tier, period=form.period)
    results = unit_indicators(request.user, unit=unit, on=as_of)
    build, content_type = FORMATS[fmt]
    try:
        content = build(report, results)
    except PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect("stats:dashboard", code=unit.code)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="thong-ke-{unit.code}-{as_of:%Y%m%d}.{fmt}"'
    )
    return response


def indicator_view(request, code: str, indicator: str):
    unit = unit_or_404(request.user, code)
    ind = get_object_or_404(
        Indicator.objects.select_related("unit").prefetch_related("conditions", "entries"),
        code=indicator,
        unit__path__startswith=unit.path,
    )
    _form, as_of, _tier = _params(request)
    may_enter = ind.kind == "manual" and can(request.user, "change", ind.unit)
    entry_form = IndicatorEntryForm(request.POST or None) if may_enter else None
    if request.method == "POST":
        if not may_enter:
            raise Http404
        if entry_form.is_valid():
            try:
                indicator_entry_add(indicator=ind, user=request.user, **entry_form.cleaned_data)
            except ValidationError as exc:
                entry_form.add_error(None, exc)
            else:
                messages.success(request, _("Đã ghi số liệu."))
                return redirect(request.path)
    result = evaluate(ind, people=people_for(request.user, "view"), on=as_of)
    return render(
        request,
        "stats/indicator.html",
        {"unit": unit, "indicator": ind, "result": result, "entry_form": entry_form},
    )
