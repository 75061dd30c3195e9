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
from decimal import Decimal

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


def seed_current_cycle(*, year: int, seed: int, on: date | None = None) -> dict[str, int]:
    """An OPEN cycle of `year` for the demo commune (the one of the demo logins), its adapted
    criteria, evaluations left at every step of the workflow, and one confidence-vote session
    with its ballots tallied into the counts. Does nothing when the cycle exists already."""
    from django.core.exceptions import ValidationError

    from canbo.rules.evaluation import CriterionSpec, framework
    from canbo.units.models import Unit

    from . import services
    from .models import EvaluationCycle

    on = on or date.today()
    commune = Unit.objects.filter(kind="commune", valid_to__isnull=True).order_by("path").first()
    if commune is None or EvaluationCycle.objects.filter(year=year, root_unit=commune).exists():
        return {}
    rng = random.Random(seed)
    if framework(year):
        services.criteria_set(
            actor=None, unit=commune, year=year,
            criteria=[
                CriterionSpec("general", "Chính trị, tư tưởng", 8),
                CriterionSpec("general", "Đạo đức, lối sống", 8),
                CriterionSpec("general", "Ý thức tổ chức kỷ luật", 7),
                CriterionSpec("general", "Tác phong, lề lối làm việc", 7),
            ],
        )  # fmt: skip
    opened = services.cycle_open(
        actor=None, root_unit=commune, year=year,
        self_due=date(year, 12, 5), review_due=date(year, 12, 10), decision_due=date(year, 12, 15),
    )  # fmt: skip
    evaluations = list(opened.cycle.evaluations.select_related("person", "unit").order_by("pk"))
    steps = ("self", "review", "proposal", "decision", "decided", "returned")
    reached = dict.fromkeys(steps, 0)
    for i, ev in enumerate(evaluations):
        target = steps[i % len(steps)]
        if target == "self":
            reached[target] += 1
            continue
        criteria = services.criteria_of(ev)
        services.task_add(actor=None, evaluation=ev, name="Tham mưu báo cáo tổng kết năm", weight=2, done_percent=100, delays=rng.choice((0, 0, 1)))  # fmt: skip
        services.task_add(actor=None, evaluation=ev, name="Giải quyết hồ sơ thủ tục hành chính đúng hạn", done_percent=rng.choice((80, 90, 100)))  # fmt: skip
        scores = {c.pk: Decimal(rng.randint(int(c.points) - 2, int(c.points))) for c in criteria}
        services.self_assess(
            actor=None, evaluation=ev, text="Hoàn thành các nhiệm vụ được giao trong năm.",
            criterion_scores=scores or None,
        )  # fmt: skip
        if target == "returned":
            services.return_for_rework(
                actor=None, evaluation=ev,
                comment="Đề nghị bổ sung sản phẩm cụ thể của từng nhiệm vụ.",
            )  # fmt: skip
            reached[target] += 1
            continue
        if target != "review":
            services.review(actor=None, evaluation=ev, comment="Tập thể nhất trí với tự đánh giá.")
        if target in ("decision", "decided"):
            if scores:
                services.propose(actor=None, evaluation=ev, criterion_scores=scores)
            else:
                services.propose(actor=None, evaluation=ev, rating=Rating.GOOD)
        if target == "decided":
            for rating in (ev.proposed_rating, Rating.GOOD, Rating.COMPLETE, Rating.INCOMPLETE):
                try:
                    services.decide(actor=None, evaluation=ev, rating=rating)
                    break
                except ValidationError:
                    continue
        reached[target] += 1
    voted = _seed_vote(commune, year, on, rng)
    return {**reached, "votes": voted}


def _seed_vote(commune, year: int, on: date, rng: random.Random) -> int:
    """One session with 25 of 27 present, ballots for up to four people (the first with more
    than half "low", which removes him from planning for higher posts), tallied."""
    from . import services
    from .choices import Confidence

    held_on = max(date(year, 1, 15), date.fromordinal(on.toordinal() - 30))
    candidates = [
        p
        for p in Person.objects.in_subtree(commune)
        .filter(status=PersonStatus.ACTIVE)
        .order_by("pk")
        if not services.vote_exclusion(p, held_on)
    ][:4]
    if not candidates:
        return 0
    vote = services.vote_create(
        actor=None, unit=commune, body="Hội nghị Ban Chấp hành Đảng bộ xã", held_on=held_on,
        convened=27, present=25,
    )  # fmt: skip
    ballots = []
    for n in range(25):
        sheet = {}
        for i, p in enumerate(candidates):
            if i == 0:
                sheet[p] = Confidence.LOW if n < 15 else Confidence.NORMAL
            else:
                sheet[p] = rng.choices(Confidence.values, (70, 25, 5))[0]
        ballots.append(sheet)
    services.ballots_add(actor=None, vote=vote, ballots=ballots)
    services.ballots_to_counts(actor=None, vote=vote)
    return 1
