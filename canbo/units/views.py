from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.shortcuts import render

from canbo.access import scope
from canbo.core.text import fold
from canbo.posts.models import Assignment

from .models import Area, Unit
from .selectors import children_with_counts


def _scoped(user) -> dict:
    """The arguments of `children_with_counts` that keep a user inside their grants."""
    if scope.is_administrator(user):
        return {}
    return {"units": scope.units_for(user), "people": scope.people_for(user)}


def unit_tree_view(request):
    kwargs = _scoped(request.user)
    if kwargs:  # the top of each granted subtree, not the roots of the whole tree
        kwargs["roots"] = Unit.objects.filter(pk__in=scope.top_units(request.user))
    return render(request, "units/tree.html", {"nodes": children_with_counts(None, **kwargs)})


def unit_children_view(request, code: str):
    unit = scope.unit_or_404(request.user, code)
    nodes = children_with_counts(unit, **_scoped(request.user))
    return render(request, "units/_nodes.html", {"nodes": nodes})


def unit_detail_view(request, code: str):
    unit = scope.unit_or_404(
        request.user,
        code,
        queryset=Unit.objects.select_related("parent", "area__parent").prefetch_related(
            "former_names", "successions_out__successor", "successions_in__predecessor"
        ),
    )
    people = scope.people_for(request.user)
    visible_units = scope.units_for(request.user)
    today = date.today()
    holders = (
        Assignment.objects.active_on(today)
        .filter(post__unit=unit, person__in=people.values("pk"))
        .select_related("person", "post__title")
        .order_by("-post__title__rank", "person__given_name")
    )
    context = {
        "unit": unit,
        "ancestors": unit.ancestors().filter(pk__in=visible_units.values("pk")),
        "children": children_with_counts(unit, **_scoped(request.user)),
        "holders": holders,
        "people_here": people.active().filter(unit=unit).count(),
        "people_total": people.active().in_subtree(unit).count(),
        "can_change": scope.can(request.user, "change", unit),
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
    visible = scope.units_for(request.user)
    units = (
        visible.filter(Q(name__icontains=text) | Q(code__istartswith=text)).order_by("path")[:30]
        if text
        else visible.order_by("depth", "path")[:30]
    )
    return render(request, "units/_unit_options.html", {"units": units})
