"""Writes on posts and assignments: atomic, validated, keeping the profile consistent."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .choices import AssignmentKind, EndReason
from .models import Assignment, Decision, Post


@transaction.atomic
def assignment_create(
    *,
    person,
    post: Post,
    kind: str,
    start_date: date,
    decision: Decision | None = None,
    end_date: date | None = None,
    is_concurrent: bool = False,
    end_current: bool = True,
    note: str = "",
) -> Assignment:
    """Put a person in a post. A main (not concurrent) current assignment ends the day before
    the new one starts, and the profile's unit and management tier follow the new post."""
    assignment = Assignment(
        person=person,
        post=post,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        decision=decision,
        is_concurrent=is_concurrent or kind == AssignmentKind.CONCURRENT,
        note=note,
    )
    assignment.full_clean()
    if end_current and not assignment.is_concurrent and end_date is None:
        previous = Assignment.objects.active_on(start_date).filter(
            person=person, is_concurrent=False
        )
        for old in previous.select_for_update():
            if old.start_date >= start_date:
                raise ValidationError(
                    {"start_date": _("Đang giữ “%(post)s” từ %(d)s: ngày bắt đầu mới phải sau ngày đó.")
                     % {"post": old.post, "d": f"{old.start_date:%d/%m/%Y}"}}
                )  # fmt: skip
            old.end_date = start_date - timedelta(days=1)
            old.end_reason = old.end_reason or EndReason.MOVED
            old.save(update_fields=["end_date", "end_reason", "updated_at"])
    assignment.save()
    if not assignment.is_concurrent and assignment.is_current:
        person.unit = post.unit
        if post.title.management_tier_id:
            person.management_tier_id = post.title.management_tier_id
        person.version = F("version") + 1
        person.save(update_fields=["unit", "management_tier", "version", "updated_at"])
        person.refresh_from_db(fields=["version"])
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, end_date: date, reason: str) -> Assignment:
    assignment.end_date = end_date
    assignment.end_reason = reason
    assignment.full_clean()
    assignment.save(update_fields=["end_date", "end_reason", "updated_at"])
    return assignment
