"""Reads of the API that need the user's grants beyond `canbo.access.scope`."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from canbo.access.scope import is_administrator, people_for, units_for
from canbo.people.models import Person
from canbo.posts.models import Assignment, Post


def posts_for(user) -> QuerySet[Post]:
    """Posts at the units the user may view."""
    if is_administrator(user):
        return Post.objects.all()
    return Post.objects.filter(unit__in=units_for(user))


def assignments_for(user) -> QuerySet[Assignment]:
    """Assignments of the people the user may view."""
    if is_administrator(user):
        return Assignment.objects.all()
    return Assignment.objects.filter(person__in=people_for(user))


def profiles(queryset: QuerySet[Person]) -> QuerySet[Person]:
    """The whole profile with every section, in a fixed number of queries (as `person_profile`)."""
    return queryset.select_related(
        "unit", "ethnicity", "religion", "hometown", "birthplace", "qualification_level",
        "political_theory", "state_management", "civil_service_rank", "management_tier",
    ).prefetch_related(
        "trainings__qualification_level", "work_history", "family", "awards", "salary_history",
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related(
                "post__title", "post__unit", "decision"
            ).prefetch_related("post__unit__former_names"),
        ),
    )  # fmt: skip
