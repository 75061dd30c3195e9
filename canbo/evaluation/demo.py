"""Past ratings for the demo province, so the ratings report and the statistics have something
to show on a fresh `canbo demo`.

Deterministic for a seed. Each active cadre recruited in time (`evaluable`) gets one decided
rating per year, drawn with shares like the seeds' (most "good", a minority "excellent", a few
"complete" and "incomplete"); a sanction decided in the year forces "incomplete", as the rules
of those years require. Written as imported results (`source=import`), as a province's past
years arrive from its Excel files.
"""

from __future__ import annotations

import random
from datetime import date

from canbo.discipline.models import Sanction
from canbo.people.choices import PersonStatus
from canbo.people.models import Person
from canbo.rules.evaluation import evaluable

from .choices import EvaluationSource, EvaluationStatus, Rating
from .models import Evaluation

SHARES = [
    (Rating.EXCELLENT, 0.14),
    (Rating.GOOD, 0.76),
    (Rating.COMPLETE, 0.08),
    (Rating.INCOMPLETE, 0.02),
]


def seed_past_ratings(*, years: tuple[int, ...], seed: int) -> int:
    """Create the ratings of `years` for people who have none yet; return how many."""
    rng = random.Random(seed)
    sanctioned = {
        (person_id, on.year)
        for person_id, on in Sanction.objects.values_list("person_id", "decided_on")
    }
    rated = set(Evaluation.objects.filter(year__in=years).values_list("person_id", "year"))
    people = (
        Person.objects.filter(status=PersonStatus.ACTIVE)
        .select_related("management_tier")
        .only("pk", "unit_id", "recruited_on", "management_tier__name")
        .order_by("pk")
    )
    ratings, weights = zip(*SHARES, strict=True)
    rows = []
    for person in people:
        for year in years:
            if (person.pk, year) in rated or not evaluable(person, year)[0]:
                continue
            drawn = rng.choices(ratings, weights)[0]
            rating = Rating.INCOMPLETE if (person.pk, year) in sanctioned else drawn
            tier = person.management_tier
            rows.append(
                Evaluation(
                    person_id=person.pk,
                    year=year,
                    unit_id=person.unit_id,
                    management_tier=tier,
                    status=EvaluationStatus.DECIDED,
                    source=EvaluationSource.IMPORT,
                    rating=rating,
                    decided_on=date(year, 12, 20),
                    decided_by_body=tier.name if tier else "",
                )
            )
    Evaluation.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
