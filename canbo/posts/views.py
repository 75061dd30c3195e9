from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from canbo.people.models import Person

from .forms import AssignmentForm, DecisionForm
from .models import Decision, Title
from .services import assignment_create


def title_list_view(request):
    titles = Title.objects.select_related(
        "management_tier", "min_qualification", "min_political_theory", "min_state_management"
    ).annotate(
        n_posts=Count("posts", distinct=True),
        n_holders=Count(
            "posts__assignments",
            filter=Q(posts__assignments__end_date__isnull=True),
            distinct=True,
        ),
    )
    return render(request, "posts/title_list.html", {"titles": titles})


def decision_list_view(request):
    decisions = Decision.objects.annotate(n=Count("assignments"))
    text = request.GET.get("q", "").strip()
    if text:
        decisions = decisions.filter(Q(number__icontains=text) | Q(summary__icontains=text))
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    form = DecisionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        decision = form.save()
        messages.success(request, _("Đã ghi quyết định %(n)s.") % {"n": decision.number})
        return redirect("posts:decisions")
    return render(request, "posts/decision_list.html", {"page": page, "form": form, "q": text})


def assign_view(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    form = AssignmentForm(request.POST or None)
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
