"""Reads of profiles: the list with its joins, and one profile with all its sections."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from canbo.posts.models import Assignment

from .models import Person


def person_list(queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """The columns the list shows, with what they need joined (no N+1)."""
    queryset = Person.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "unit", "qualification_level", "political_theory", "ethnicity"
    ).only(
        "full_name", "gender", "birth_date", "birth_date_precision", "party_joined_on",
        "status", "given_name", "search_name", "management_tier_id", "user_id",
        "unit__name", "unit__code", "unit__path",
        "qualification_level__name", "political_theory__name", "ethnicity__name",
    )  # fmt: skip


def with_current_posts(people: list[Person], on: date | None = None) -> list[Person]:
    """Attach `current_posts` (titles held on the date) to a page of people, in one query."""
    on = on or date.today()
    by_person: dict[int, list[Assignment]] = {p.pk: [] for p in people}
    for a in (
        Assignment.objects.active_on(on)
        .filter(person_id__in=by_person)
        .select_related("post__title", "post__unit")
        .order_by("-post__title__rank")
    ):
        by_person[a.person_id].append(a)
    for p in people:
        p.current_posts = by_person[p.pk]
    return people


def person_profile(pk: int) -> Person:
    """One profile with every section, ready for the 2C page."""
    return get_object_or_404(person_profile_queryset(), pk=pk)


def person_profile_queryset() -> QuerySet[Person]:
    """Profiles with every section joined (fetch one through `access.scope.person_or_404`)."""
    return Person.objects.select_related(
        "unit", "ethnicity", "religion", "hometown__parent", "birthplace__parent",
        "qualification_level", "political_theory", "state_management",
        "civil_service_rank", "management_tier",
    ).prefetch_related(
        "trainings__qualification_level", "work_history", "family", "awards", "salary_history",
        "sanctions",
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related(
                "post__title", "post__unit", "decision"
            ).prefetch_related("post__unit__former_names", "post__unit__successions_out__successor"),
        ),
    )  # fmt: skip
