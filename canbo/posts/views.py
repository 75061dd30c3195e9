from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from canbo.access import scope

from .forms import AssignmentForm, DecisionForm
from .models import Title
from .services import assignment_create


def title_list_view(request):
    posts_in_scope = holders_in_scope = Q()
    if not scope.is_administrator(request.user):
        units = scope.units_for(request.user).values("pk")
        posts_in_scope = Q(posts__unit__in=units)
        holders_in_scope = Q(
            posts__assignments__person__in=scope.people_for(request.user).values("pk")
        )
    titles = Title.objects.select_related(
        "management_tier", "min_qualification", "min_political_theory", "min_state_management"
    ).annotate(
        n_posts=Count("posts", filter=posts_in_scope, distinct=True),
        n_holders=Count(
            "posts__assignments",
            filter=Q(posts__assignments__end_date__isnull=True) & holders_in_scope,
            distinct=True,
        ),
    )
    return render(request, "posts/title_list.html", {"titles": titles})


def decision_list_view(request):
    counted = Q()
    if not scope.is_administrator(request.user):
        counted = Q(assignments__person__in=scope.people_for(request.user).values("pk"))
    decisions = (
        scope.decisions_for(request.user)
        .annotate(n=Count("assignments", filter=counted))
        .order_by("-issued_on", "number", "pk")
    )
    may_record = scope.units_for(request.user, "change").exists()
    if request.method == "POST" and not may_record:
        raise PermissionDenied(_("Bạn không được giao quyền ghi quyết định."))
    text = request.GET.get("q", "").strip()
    if text:
        decisions = decisions.filter(Q(number__icontains=text) | Q(summary__icontains=text))
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    form = DecisionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        decision = form.save()
        messages.success(request, _("Đã ghi quyết định %(n)s.") % {"n": decision.number})
        return redirect("posts:decisions")
    return render(
        request,
        "posts/decision_list.html",
        {"page": page, "form": form, "q": text, "may_record": may_record},
    )


def assign_view(request, pk: int):
    person = scope.person_or_404(request.user, pk, "view")
    scope.require(request.user, "change", person)
    form = AssignmentForm(request.POST or None)
    if not scope.is_administrator(request.user):
        form.fields["post"].queryset = form.fields["post"].queryset.filter(
            unit__in=scope.units_for(request.user, "change").values("pk")
        )
        form.fields["decision"].queryset = scope.decisions_for(request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment_create(
                person=person,
                post=data["post"],
                kind=data["kind"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                decision=data["decision"],
                is_concurrent=data["is_concurrent"],
                end_current=data["end_current"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã ghi quá trình giữ chức vụ."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "posts/assign.html", {"form": form, "person": person})
