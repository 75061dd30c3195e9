from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from canbo.access.scope import can, people_for, unit_or_404, units_for
from canbo.core.pdf import PdfUnavailable

from . import charts
from .breakdowns import attach_urls
from .export import document, pdf, workbook
from .forms import (
    ConditionFormSet,
    IndicatorEntryForm,
    IndicatorForm,
    ReportForm,
    condition_rows,
)
from .indicators import evaluate
from .models import Indicator
from .narrative import indicator_sentences, narrative
from .selectors import default_unit, unit_indicators, unit_report
from .services import (
    StaleIndicatorError,
    indicator_declare,
    indicator_entry_add,
    indicator_update,
)
from .trend import SERIES, TREND_DEFINITION, rating_labels, trend
from .trend import dates as trend_dates


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


def trend_view(request, code: str):
    """The headline figures over the years: loaded into the dashboard by htmx (a scan of its
    own, so that the figures show at once), or as a page of its own."""
    unit = unit_or_404(request.user, code)
    _form, as_of, tier = _params(request)
    points = trend(
        people_for(request.user, "view"), as_of=as_of, unit=unit, tier=tier,
        list_url=reverse("people:list"),
    )  # fmt: skip
    labels = rating_labels()
    rated = any(p.ratings for p in points)
    context = {
        "unit": unit,
        "trend_rows": [
            (p, p.rating_cells([c for c, _n in labels]) if rated else []) for p in points
        ],
        "trend_series": SERIES,
        "trend_svg": charts.trend_lines(points, SERIES),
        "rating_svg": charts.rating_bars(points, labels),
        "rating_labels": labels,
        "trend_definition": TREND_DEFINITION,
    }
    if request.htmx:
        return render(request, "stats/_trend.html", context)
    return render(request, "stats/trend.html", context)


def indicators_view(request, code: str):
    """The indicators with their progress: loaded into the dashboard by htmx (they are computed
    separately so that the figures show at once), or as a page of their own."""
    unit = unit_or_404(request.user, code)
    _form, as_of, tier = _params(request)
    results = unit_indicators(request.user, unit=unit, on=as_of)
    context = {
        "unit": unit,
        "tier": tier,  # not applied to indicators: the page says so
        "results": results,
        "sentences": indicator_sentences(results),
        "may_declare": can(request.user, "change", unit),
    }
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
    report = unit_report(
        request.user, unit=unit, as_of=as_of, tier=tier, period=form.period,
        trend_dates=trend_dates(as_of),
    )  # fmt: skip
    results = unit_indicators(request.user, unit=unit, on=as_of)
    build, content_type = FORMATS[fmt]
    try:
        points = trend(
            people_for(request.user, "view"), as_of=as_of, unit=unit, tier=tier,
            groups=report.trend_groups,
        )  # fmt: skip
        content = build(report, results, trend=points)
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
        {
            "unit": unit,
            "indicator": ind,
            "result": result,
            "entry_form": entry_form,
            "may_edit": can(request.user, "change", ind.unit),
        },
    )


def _changeable_units(user, unit):
    """The units of `unit`'s subtree the user may change (where an indicator may be declared)."""
    return units_for(user, "change").filter(path__startswith=unit.path)


def indicator_form_view(request, code: str, indicator: str | None = None):
    """Declare (no `indicator`) or edit an indicator and its conditions, without the admin:
    for users with the change right on its unit; a save made by someone else meanwhile is
    refused, never silently overwritten (the version, as on the profile form)."""
    unit = unit_or_404(request.user, code)
    ind = None
    if indicator is not None:
        ind = get_object_or_404(
            Indicator.objects.select_related("unit"),
            code=indicator,
            unit__path__startswith=unit.path,
        )
        if not can(request.user, "change", ind.unit):
            raise Http404
    units = _changeable_units(request.user, unit)
    if not units.exists():
        raise Http404
    initial = {"unit": unit} if ind is None and can(request.user, "change", unit) else {}
    form = IndicatorForm(request.POST or None, instance=ind, units=units, initial=initial)
    conditions = ConditionFormSet(
        request.POST or None,
        prefix="c",
        initial=[
            {"role": c.role, "field": c.field, "operator": c.operator, "value": c.value}
            for c in (ind.conditions.all() if ind else [])
        ],
    )
    if request.method == "POST":
        valid = form.is_valid()
        valid = conditions.is_valid() and valid
        if valid:
            rows = condition_rows(conditions)
            try:
                if ind is None:
                    fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
                    saved = indicator_declare(conditions=rows, **fields)
                else:
                    saved = indicator_update(
                        indicator=form.instance,
                        expected_version=form.cleaned_data.get("version") or 0,
                        conditions=rows,
                    )
            except StaleIndicatorError as exc:
                form.data = form.data.copy()
                form.data["version"] = exc.current.version
                form.add_error(
                    None,
                    _("Chỉ tiêu này vừa được người khác lưu (phiên bản %(v)d). Thay đổi của bạn "
                      "CHƯA được lưu. Hãy tải lại trang để xem bản mới nhất, hoặc kiểm tra rồi "
                      "bấm Lưu lần nữa để ghi đè.")
                    % {"v": exc.current.version},
                )  # fmt: skip
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã lưu chỉ tiêu “%(name)s”.") % {"name": saved.name})
                return redirect("stats:indicator", code=unit.code, indicator=saved.code)
    return render(
        request,
        "stats/indicator_form.html",
        {"unit": unit, "indicator": ind, "form": form, "conditions": conditions,
         "fields_help": _field_help()},
    )  # fmt: skip


def _field_help():
    from .conditions import FIELDS

    return [(key, f.label) for key, f in FIELDS.items()]
