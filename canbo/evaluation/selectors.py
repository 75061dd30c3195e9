"""Reads of the evaluation app: rating distributions, cycle progress, a unit's evaluations."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.catalogs.models import ManagementTier
from canbo.units.models import PATH_STEP, Unit, path_upper_bound

from .choices import RATING_ABBREVIATIONS, RATING_ORDER, EvaluationStatus, Rating
from .models import Evaluation, EvaluationCycle

NO_TIER = "-"


def _share(part: int, total: int) -> Decimal:
    return (Decimal(part) * 100 / total).quantize(Decimal("0.1")) if total else Decimal(0)


def _row(label: str, code: str, counts: dict[str, int]) -> dict:
    total = sum(counts.values())
    return {
        "code": code,
        "label": label,
        "total": total,
        "counts": {r: counts.get(r, 0) for r in RATING_ORDER},
        "shares": {r: _share(counts.get(r, 0), total) for r in RATING_ORDER},
    }


def cells(row: dict) -> list[tuple[int, Decimal]]:
    """(count, share) per rating, best first: for templates."""
    return [(row["counts"][r], row["shares"][r]) for r in RATING_ORDER]


def decided_in_subtree(unit: Unit, year: int | None = None, people=None) -> QuerySet[Evaluation]:
    """Decided ratings of people rated in `unit`'s subtree (the unit they were in that year);
    `people`: a Person queryset the reader may see (`people_for(user, "view")`)."""
    qs = Evaluation.objects.filter(
        unit__path__gte=unit.path, unit__path__lt=path_upper_bound(unit.path)
    ).exclude(rating="")
    if year is not None:
        qs = qs.filter(year=year)
    if people is not None:
        qs = qs.filter(person__in=people.values("pk"))
    return qs


def rating_distribution(unit: Unit, year: int, people=None) -> dict:
    """Counts and shares of each rating in `unit`'s subtree for `year`, in total and by
    management tier: {"unit", "year", "total": row, "tiers": [row, …]}."""
    grouped = (
        decided_in_subtree(unit, year, people)
        .values("management_tier_id", "rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_tier: dict[int | None, dict[str, int]] = defaultdict(dict)
    total: dict[str, int] = defaultdict(int)
    for g in grouped:
        by_tier[g["management_tier_id"]][g["rating"]] = g["n"]
        total[g["rating"]] += g["n"]
    tiers = {t.pk: t for t in ManagementTier.objects.filter(pk__in=[k for k in by_tier if k])}
    rows = []
    for tier_id, counts in sorted(
        by_tier.items(), key=lambda kv: -(tiers[kv[0]].rank if kv[0] in tiers else -1)
    ):
        tier = tiers.get(tier_id)
        rows.append(
            _row(
                tier.name if tier else _("(chưa xác định diện quản lý)"),
                tier.code if tier else NO_TIER,
                counts,
            )
        )
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "year": year,
        "ratings": [
            {"code": r, "label": str(Rating(r).label), "abbreviation": RATING_ABBREVIATIONS[r]}
            for r in RATING_ORDER
        ],
        "total": _row(_("Tổng số"), "", dict(total)),
        "tiers": rows,
    }


def rating_trend(unit: Unit, years: list[int] | None = None, people=None) -> list[dict]:
    """The total row of each year with ratings in the subtree (or of `years`), oldest first."""
    decided = decided_in_subtree(unit, None, people)
    if years:  # only the years asked for: not a scan of every year's ratings
        decided = decided.filter(year__in=years)
    grouped = decided.values("year", "rating").annotate(n=Count("pk")).order_by()
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    for g in grouped:
        by_year[g["year"]][g["rating"]] = g["n"]
    wanted = sorted(years) if years else sorted(by_year)
    return [{"year": y, **_row(str(y), str(y), by_year.get(y, {}))} for y in wanted]


def cycle_progress(cycle: EvaluationCycle, people=None) -> list[dict]:
    """Per unit of the cycle: how many evaluations are at each step (who is not done yet)."""
    qs = cycle.evaluations.all()
    if people is not None:
        qs = qs.filter(person__in=people.values("pk"))
    grouped = qs.values("unit_id", "status").annotate(n=Count("pk")).order_by()
    by_unit: dict[int, dict[str, int]] = defaultdict(dict)
    for g in grouped:
        by_unit[g["unit_id"]][g["status"]] = g["n"]
    units = Unit.objects.in_bulk(list(by_unit))
    out = []
    for unit_id, counts in by_unit.items():
        unit = units[unit_id]
        total = sum(counts.values())
        decided = counts.get(EvaluationStatus.DECIDED, 0)
        out.append(
            {
                "unit": unit,
                "total": total,
                "decided": decided,
                "pending": total - decided,
                "counts": {s: counts.get(s, 0) for s in EvaluationStatus.values},
            }
        )
    out.sort(key=lambda r: r["unit"].path)
    return out


def unit_evaluations(cycle: EvaluationCycle, unit: Unit, people=None) -> QuerySet[Evaluation]:
    """The evaluations of one unit in a cycle, with what the list shows, in one query."""
    qs = cycle.evaluations.filter(unit=unit).select_related("person", "management_tier")
    if people is not None:
        qs = qs.filter(person__in=people.values("pk"))
    return qs.only(
        "pk", "status", "proposed_rating", "rating", "general_score", "results_score", "is_head",
        "months_absent", "person_id",
        "person__full_name", "person__birth_date", "person__given_name", "person__search_name",
        "management_tier__name", "management_tier__code", "unit_id", "year", "cycle_id",
    ).order_by("person__given_name", "person__search_name", "pk")  # fmt: skip


# --- criteria templates ---------------------------------------------------------------------


def criteria_template_for(unit: Unit, year: int):
    """The template that applies to `unit` in `year`: its own, else that of the nearest unit
    above it with one; None when the framework applies as it is."""
    from .models import CriteriaTemplate

    prefixes = [unit.path[:n] for n in range(PATH_STEP, len(unit.path) + 1, PATH_STEP)]
    templates = (
        CriteriaTemplate.objects.filter(year=year, unit__path__in=prefixes)
        .select_related("unit")
        .prefetch_related("criteria")
    )
    return max(templates, key=lambda t: len(t.unit.path), default=None)


# --- the body competent to decide -------------------------------------------------------------

# The deciding body per management tier (catalogs.data.MANAGEMENT_TIERS): the body that manages
# a cadre decides the rating (RULES §9.11 tiers); the unit's head decides for the unit's own staff.
COMPETENT_BODIES = {
    "TW": gettext_lazy("Bộ Chính trị, Ban Bí thư"),
    "TINH": gettext_lazy("Ban Thường vụ Tỉnh ủy"),
    "HUYEN": gettext_lazy("Ban Thường vụ Huyện ủy"),
    "XA": gettext_lazy("Ban Thường vụ Đảng ủy xã, phường"),
}


def competent_body(evaluation: Evaluation, unit: Unit | None = None) -> str:
    """The body competent to decide the rating, from the management tier of the person when
    rated; the head of the unit when the tier is the unit's own or unknown. `unit`: the
    evaluation's unit when already loaded (a list of one unit's evaluations)."""
    tier = evaluation.management_tier
    if tier is not None and tier.code in COMPETENT_BODIES:
        return str(COMPETENT_BODIES[tier.code])
    return _("Người đứng đầu %(unit)s") % {"unit": (unit or evaluation.unit).name}


def may_decide(user, evaluation: Evaluation) -> bool:
    """Whether `user` may decide: one grant with "approve" that covers the person's unit AND the
    management tier the evaluation was made in (the tier names the competent body)."""
    from canbo.access.scope import can, grants_of, is_administrator

    if user is None:
        return True
    if not can(user, "approve", evaluation.person):
        return False
    if is_administrator(user):
        return True
    tier_id, path = evaluation.management_tier_id, evaluation.person.unit.path
    return any(
        "approve" in s.actions
        and not s.own_profile_only
        and s.covers_path(path)
        and (s.tier_ids is None or tier_id in s.tier_ids)
        for s in grants_of(user)
    )


def awaiting_decision(user) -> QuerySet[Evaluation]:
    """The evaluations waiting for a decision that `user` may take (scope and tiers of the
    grants with "approve"), oldest year first."""
    from canbo.access.scope import people_for, tiers_for

    qs = Evaluation.objects.filter(
        status=EvaluationStatus.DECISION, person__in=people_for(user, "approve").values("pk")
    )
    tiers = tiers_for(user, "approve")
    if tiers is not None:
        qs = qs.filter(management_tier_id__in=tiers)
    return qs.select_related("person", "unit", "management_tier", "cycle").order_by(
        "year", "unit__path", "person__given_name", "pk"
    )


# --- what the profile shows -------------------------------------------------------------------


def person_outcomes(person, years: int = 3) -> dict:
    """The latest ratings (decided, newest first) and confidence votes of `person`, with the
    consequences the rules flag: "incomplete" repeated (RULES §4.3.10–4.3.13) and the share of
    "low" confidence (RULES §3.7–3.8)."""
    from canbo.rules import evaluation as rules

    from .models import VoteResult

    decided = list(
        Evaluation.objects.filter(person=person)
        .exclude(rating="")
        .order_by("-year")
        .only("pk", "year", "rating", "decided_by_body", "person_id")
    )
    history = {e.year: e.rating for e in decided}
    flags: list[str] = []
    if decided:
        latest = decided[0]
        leader = person.assignments.filter(
            end_date__isnull=True, post__title__is_leadership=True
        ).exists()
        kinds = {"can_bo", "cong_chuc", "leader" if leader else "non_leader"}
        flags += [c.message for c in rules.incomplete_consequences(history, latest.year, kinds)]
    votes = []
    for r in (
        VoteResult.objects.filter(person=person)
        .select_related("vote")
        .order_by("-vote__held_on")[:2]
    ):
        outcome = r.outcome()
        votes.append((r, outcome))
        if outcome.consequence and len(votes) == 1:
            flags.append(outcome.message)
    return {"ratings": decided[:years], "votes": votes, "flags": flags}


# --- ballots -------------------------------------------------------------------------------


def ballot_tally(vote) -> dict[int, tuple[int, int, int]]:
    """{person id: (high, normal, low)} counted from the ballots entered, in one query."""
    from .models import BallotMark

    out: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    index = {"high": 0, "normal": 1, "low": 2}
    for g in (
        BallotMark.objects.filter(ballot__vote=vote)
        .values("person_id", "choice")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        out[g["person_id"]][index[g["choice"]]] = g["n"]
    return {k: tuple(v) for k, v in out.items()}  # type: ignore[misc]


def ballot_check(vote, people=None) -> list[dict]:
    """Per person voted on: the counts recorded, the tally of the ballots and whether they
    agree (when ballots were entered): [{"person", "counts", "tally", "agrees", "removable"}, …]."""
    from canbo.people.models import Person

    from .models import VoteCandidate, VoteResult

    tally = ballot_tally(vote)
    results = {r.person_id: (r.high, r.normal, r.low) for r in VoteResult.objects.filter(vote=vote)}
    added = set(VoteCandidate.objects.filter(vote=vote).values_list("person_id", flat=True))
    ids = set(tally) | set(results) | added
    qs = Person.objects.filter(pk__in=ids)
    if people is not None:
        qs = qs.filter(pk__in=people.values("pk"))
    rows = []
    for person in qs.order_by("given_name", "search_name", "pk"):
        counts, counted = results.get(person.pk), tally.get(person.pk)
        rows.append(
            {
                "person": person,
                "counts": counts,
                "tally": counted or (0, 0, 0),
                "agrees": counts == (counted or (0, 0, 0)),
                # put on the ballot by hand, nothing entered for him yet
                "removable": person.pk in added and counts is None and not counted,
            }
        )
    return rows


def vote_person_choices(vote, people, limit: int = 1000) -> list:
    """Who may be put on the ballot of `vote` from a list: the active people of `people` in the
    session's unit subtree holding a leadership or management post on the day, not yet on the
    ballot; each with `label` "name — post (unit)"."""
    from canbo.people.models import Person
    from canbo.posts.models import Assignment

    from .models import VoteCandidate, VoteResult

    on_ballot = set(VoteCandidate.objects.filter(vote=vote).values_list("person_id", flat=True))
    on_ballot |= set(VoteResult.objects.filter(vote=vote).values_list("person_id", flat=True))
    on_ballot |= set(ballot_tally(vote))
    posts: dict[int, str] = {}
    for person_id, title in (
        Assignment.objects.active_on(vote.held_on)
        .filter(post__title__is_leadership=True)
        .filter(person__in=Person.objects.in_subtree(vote.unit).active())
        .filter(person__in=people.values("pk"))
        .values_list("person_id", "post__title__name")
        .order_by("person_id", "-start_date")
    ):
        if person_id not in on_ballot:
            posts.setdefault(person_id, title)
    out = []
    for p in Person.objects.filter(pk__in=list(posts)[:limit]).select_related("unit"):
        p.label = f"{p.full_name} — {posts[p.pk]} ({p.unit.name})"
        out.append(p)
    return out
