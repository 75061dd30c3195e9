"""A small province for the API tests: two communes, people in each, a post, a decision."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.posts.services import assignment_create
from tests.api.api_helpers import token_client
from tests.factories import (
    DecisionFactory,
    PersonFactory,
    TitleFactory,
    post,
    unit,
    user_with_grant,
)


@pytest.fixture
def province(db):
    """P (province) > A, B (communes); 2 active people + 1 retired in A, 1 in B; the first person
    of A holds the post "Bí thư" at A by a decision."""
    p = unit("tinh", "Tỉnh Thử", kind="province")
    a = unit("xa-a", "Xã An", parent=p, kind="commune")
    b = unit("xa-b", "Xã Bình", parent=p, kind="commune")
    title = TitleFactory(code="bi-thu", name="Bí thư", is_key=True, rank=90)
    secretary = post(a, title)
    decision = DecisionFactory(number="12-QĐ/TU", summary="Bổ nhiệm Bí thư Xã An")
    an = PersonFactory(full_name="Lê Văn An", unit=a, birth_date=date(1975, 3, 5))
    binh = PersonFactory(
        full_name="Trần Thị Bình", unit=a, gender="female", birth_date=date(1985, 1, 1)
    )
    PersonFactory(full_name="Phạm Văn Cũ", unit=a, status="retired")
    chi = PersonFactory(full_name="Ngô Văn Chí", unit=b)
    assignment_create(
        person=an,
        post=secretary,
        kind="appointment",
        start_date=date(2020, 10, 1),
        decision=decision,
    )
    an.refresh_from_db()
    return {
        "province": p, "a": a, "b": b, "title": title, "post": secretary, "decision": decision,
        "an": an, "binh": binh, "chi": chi,
    }  # fmt: skip


@pytest.fixture
def admin_api(user):
    """The conftest's `user` is an administrator: sees everything."""
    return token_client(user)


@pytest.fixture
def officer_a(province):
    """An organization-board officer granted view + change on commune A only."""
    return user_with_grant("org-board", province["a"], username="can-bo-xa-a")


@pytest.fixture
def officer_a_api(officer_a):
    return token_client(officer_a)
