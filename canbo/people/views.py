from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from canbo.access import scope
from canbo.audit import record_view
from canbo.core.paging import CappedPaginator
from canbo.rules.retirement import retirement_date
from canbo.units.locality import is_local

from .filters import PersonFilter
from .forms import SECTION_FORMSETS, PersonForm
from .selectors import person_list, person_profile_queryset, with_current_posts
from .services import StaleVersionError, changed_fields, person_create, person_update

EXTRA_FILTERS = [
    "title", "key_post", "key_post_locality", "management_tier", "qualification_level",
    "qualification_min", "political_theory", "political_theory_min", "state_management",
    "retirement", "party_member", "party_joined_to", "ethnicity", "religion", "recruited_to",
    "status",
]  # fmt: skip


def person_list_view(request):
    filterset = PersonFilter(
        request.GET, queryset=person_list(scope.people_for(request.user, "view"))
    )
    paginator = CappedPaginator(filterset.qs, settings.PEOPLE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    with_current_posts(page.object_list, filterset.as_of_date if filterset.is_valid() else None)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "filter_fields": EXTRA_FILTERS,
        "can_create": scope.units_for(request.user, "change").exists(),
    }
    template = "people/_list_results.html" if request.htmx else "people/person_list.html"
    return render(request, template, context)


def person_count_view(request):
    """The exact number of people behind a long list (asked for by a click, see core.paging)."""
    filterset = PersonFilter(request.GET, queryset=scope.people_for(request.user, "view"))
    return render(request, "people/_exact_count.html", {"total": filterset.qs.count()})


def person_detail_view(request, pk: int):
    person = scope.person_or_404(request.user, pk, "view", queryset=person_profile_queryset())
    record_view(request, person)  # every view of a profile is logged (canbo.audit)
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
        "can_change": scope.can(request.user, "change", person),
    }
    return render(request, "people/person_detail.html", context)


def _formsets(request, person):
    data = request.POST if request.method == "POST" else None
    return [
        (label, cls(data, instance=person, prefix=prefix))
        for prefix, label, cls in SECTION_FORMSETS
    ]


def _limit_tiers(form, user) -> None:
    """A grant limited to some management tiers may only put profiles in those tiers."""
    tiers = scope.tiers_for(user, "change")
    if tiers is not None:
        field = form.fields["management_tier"]
        field.queryset = field.queryset.filter(pk__in=tiers)
        field.required = True


def person_create_view(request):
    units = scope.units_for(request.user, "change")
    if not units.exists():
        raise PermissionDenied(_("Bạn không được giao quyền thêm hồ sơ ở đơn vị nào."))
    form = PersonForm(request.POST or None, initial={"unit": request.GET.get("unit")}, units=units)
    _limit_tiers(form, request.user)
    if request.method == "POST" and form.is_valid():
        person = person_create(person=form.instance)
        messages.success(request, _("Đã tạo hồ sơ %(name)s.") % {"name": person.full_name})
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "formsets": []})


def person_edit_view(request, pk: int):
    person = scope.person_or_404(request.user, pk, "view")
    scope.require(request.user, "change", person)
    form = PersonForm(
        request.POST or None, instance=person, units=scope.units_for(request.user, "change")
    )
    _limit_tiers(form, request.user)
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
