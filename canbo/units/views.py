from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from canbo.core.text import fold
from canbo.people.models import Person
from canbo.posts.models import Assignment

from .models import Area, Unit
from .selectors import children_with_counts


def unit_tree_view(request):
    return render(request, "units/tree.html", {"nodes": children_with_counts(None)})


def unit_children_view(request, code: str):
    unit = get_object_or_404(Unit, code=code)
    return render(request, "units/_nodes.html", {"nodes": children_with_counts(unit)})


def unit_detail_view(request, code: str):
    unit = get_object_or_404(
        Unit.objects.select_related("parent", "area__parent").prefetch_related(
            "former_names", "successions_out__successor", "successions_in__predecessor"
        ),
        code=code,
    )
    today = date.today()
    holders = (
        Assignment.objects.active_on(today)
        .filter(post__unit=unit)
        .select_related("person", "post__title")
        .order_by("-post__title__rank", "person__given_name")
    )
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "children": children_with_counts(unit),
        "holders": holders,
        "people_here": Person.objects.active().filter(unit=unit).count(),
        "people_total": Person.objects.active().in_subtree(unit).count(),
    }
    return render(request, "units/detail.html", context)


def _first_value(request) -> str:
    return next((v for v in request.GET.values() if v.strip()), "")


def area_options_view(request):
    """<option>s for the area datalist: current and former areas matching the typed words."""
    text = _first_value(request)
    words = fold(
        text.split(" ", 1)[1] if text[:1] in "PWL" and text[1:2].isdigit() else text
    ).split()
    areas = []
    if words:
        qs = Area.objects.select_related("parent")
        for w in words:
            qs = qs.filter(search_name__contains=w)
        areas = qs.order_by("valid_to", "level", "name")[:30]
    return render(request, "units/_area_options.html", {"areas": areas})


def unit_options_view(request):
    text = _first_value(request).strip()
    units = (
        Unit.objects.filter(Q(name__icontains=text) | Q(code__istartswith=text)).order_by("path")[
            :30
        ]
        if text
        else Unit.objects.filter(depth__lte=1).order_by("path")[:30]
    )
    return render(request, "units/_unit_options.html", {"units": units})
