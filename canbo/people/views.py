from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from canbo.rules.retirement import retirement_date
from canbo.units.locality import is_local

from .filters import PersonFilter
from .forms import SECTION_FORMSETS, PersonForm
from .models import Person
from .selectors import person_list, person_profile, with_current_posts
from .services import StaleVersionError, changed_fields, person_create, person_update

EXTRA_FILTERS = [
    "title", "key_post", "qualification_level", "political_theory", "state_management",
    "party_member", "ethnicity", "religion", "status",
]  # fmt: skip


def person_list_view(request):
    filterset = PersonFilter(request.GET, queryset=person_list())
    paginator = Paginator(filterset.qs, settings.PEOPLE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    with_current_posts(page.object_list, filterset.as_of_date if filterset.is_valid() else None)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "filter_fields": EXTRA_FILTERS,
    }
    template = "people/_list_results.html" if request.htmx else "people/person_list.html"
    return render(request, template, context)


def person_detail_view(request, pk: int):
    person = person_profile(pk)
    assignments = list(person.assignments.all())
    for a in assignments:
        a.is_local = is_local(person.hometown, a.post.unit.area) if a.post.unit.area_id else None
    context = {
        "person": person,
        "assignments": assignments,
        "current": [a for a in assignments if a.is_current],
        "retirement_date": retirement_date(
            person.gender, person.birth_date, person.birth_date_precision
        ),
    }
    return render(request, "people/person_detail.html", context)


def _formsets(request, person):
    data = request.POST if request.method == "POST" else None
    return [
        (label, cls(data, instance=person, prefix=prefix))
        for prefix, label, cls in SECTION_FORMSETS
    ]


def person_create_view(request):
    form = PersonForm(request.POST or None, initial={"unit": request.GET.get("unit")})
    if request.method == "POST" and form.is_valid():
        person = person_create(person=form.instance)
        messages.success(request, _("Đã tạo hồ sơ %(name)s.") % {"name": person.full_name})
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "formsets": []})


def person_edit_view(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    formsets = _formsets(request, person)
    conflict = None
    if request.method == "POST":
        valid = form.is_valid()
        # validate every formset (a list, not a generator) so that all errors show at once
        valid = all([fs.is_valid() for _label, fs in formsets]) and valid  # noqa: C419
        if valid:
            try:
                with transaction.atomic():
                    person_update(
                        person=form.instance,
                        expected_version=form.cleaned_data.get("version") or 0,
                        formsets=[fs for _label, fs in formsets],
                    )
            except StaleVersionError as exc:
                conflict = changed_fields(form.instance, exc.current)
                form.data = form.data.copy()
                form.data["version"] = exc.current.version
                form.add_error(
                    None,
                    _("Hồ sơ này vừa được người khác lưu (phiên bản %(v)d). Thay đổi của bạn CHƯA được "
                      "lưu. Hãy xem các khác biệt dưới đây, sửa lại nếu cần rồi bấm Lưu lần nữa.")
                    % {"v": exc.current.version},
                )  # fmt: skip
            else:
                messages.success(request, _("Đã lưu hồ sơ %(name)s.") % {"name": person.full_name})
                return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "formsets": formsets, "person": person, "conflict": conflict},
    )
