"""Long lists count up to a cap and say "more than …"; the exact figure is one click away."""

import pytest
from django.urls import reverse

from canbo.core.paging import CappedPaginator
from canbo.people.models import Person
from tests.factories import PersonFactory, unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "n, cap, shown, capped", [(3, 5, 3, False), (5, 5, 5, False), (6, 5, 5, True)]
)
def test_paginator_counts_exactly_up_to_the_cap(n, cap, shown, capped):
    u = unit("xa-a")
    PersonFactory.create_batch(n, unit=u)
    paginator = CappedPaginator(Person.objects.order_by("pk"), 2, cap=cap)
    assert paginator.count == shown
    assert paginator.capped is capped
    assert paginator.num_pages == -(-shown // 2)


def test_long_list_says_more_than_and_the_click_gives_the_exact_count(staff_client, settings):
    settings.LIST_COUNT_CAP = 3
    u = unit("xa-a", name="Xã An Bình")
    PersonFactory.create_batch(5, unit=u, gender="female")
    PersonFactory.create_batch(2, unit=u, gender="male")
    body = staff_client.get(reverse("people:list")).content.decode()
    assert "Hơn 3 cán bộ" in body and "Đếm chính xác" in body
    exact = staff_client.get(reverse("people:count"), {"gender": "female"}).content.decode()
    assert "đúng 5 cán bộ" in exact
    # under the cap the list gives the exact figure itself
    body = staff_client.get(reverse("people:list"), {"gender": "male"}).content.decode()
    assert "2 cán bộ" in body and "Hơn" not in body
