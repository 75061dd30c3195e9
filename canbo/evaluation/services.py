"""Writes of the evaluation app: keyword-only, atomic, validated; the rules of the cycle's year
are checked here and every refusal says why in Vietnamese.

`actor=None` is a command run from the shell (the operating-system account is logged by audit);
a user is held to `canbo.access.scope`: "change" to open cycles, review and propose, "approve"
to decide, the cadre himself (`Person.user`) for his self-assessment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.access.scope import can
from canbo.audit.services import write as audit_write
from canbo.discipline.models import Sanction
from canbo.people.models import Person
from canbo.rules import evaluation as rules
from canbo.units.models import Unit

from .choices import (
    Confidence,
    CycleStatus,
    EvaluationSource,
    EvaluationStatus,
    Rating,
    ScoreStage,
    StepKind,
)
from .models import (
    Ballot,
    BallotMark,
    ConfidenceVote,
    CriteriaTemplate,
    Criterion,
    CriterionScore,
    CycleExclusion,
    Evaluation,
    EvaluationCycle,
    EvaluationStep,
    EvaluationTask,
    UnitRating,
    VoteCandidate,
    VoteResult,
)

BATCH = 5000


def _require(actor, action: str, obj) -> None:
    if actor is not None and not can(actor, action, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này với hồ sơ này."))


@dataclass
class CycleOpened:
    cycle: EvaluationCycle
    evaluations: int = 0
    excluded: list[tuple[int, str]] = field(default_factory=list)


@transaction.atomic
def cycle_open(
    *,
    actor,
    root_unit: Unit,
    year: int,
    name: str = "",
    self_due: date | None = None,
    review_due: date | None = None,
    decision_due: date | None = None,
) -> CycleOpened:
    """Open the `year` cycle for the active people of `root_unit`'s subtree: one evaluation per
    person the rules allow, one exclusion with its reason for each other (under the minimum
    months of work, not yet recruited, already rated that year). Bulk inserts in batches."""
    _require(actor, "change", root_unit)
    if not 2000 <= year <= date.today().year + 1:
        raise ValidationError(_("Năm đánh giá %(y)d không hợp lệ.") % {"y": year})
    if EvaluationCycle.objects.filter(year=year, root_unit=root_unit).exists():
        raise ValidationError(_("Đơn vị này đã có đợt đánh giá của năm này."))
    cycle = EvaluationCycle(
        year=year,
        root_unit=root_unit,
        name=name or _("Đánh giá, xếp loại năm %(y)d — %(u)s") % {"y": year, "u": root_unit.name},
        self_due=self_due,
        review_due=review_due,
        decision_due=decision_due,
        opened_by=actor,
    )
    cycle.full_clean()
    cycle.save()
    if actor is not None:
        from canbo.access.scope import people_for

        people = people_for(actor, "change").in_subtree(root_unit)
    else:
        people = Person.objects.in_subtree(root_unit)
    people = people.active()
    already = set(Evaluation.objects.filter(year=year).values_list("person_id", flat=True))
    result = CycleOpened(cycle=cycle)
    insert = _EvaluationInsert(cycle)
    exclusions: list[CycleExclusion] = []
    rows = people.values_list("pk", "unit_id", "management_tier_id", "recruited_on")
    # the rule depends only on the start month: memoise it
    reasons: dict[date | None, str] = {}
    for pk, unit_id, tier_id, recruited in rows.iterator(chunk_size=BATCH):
        if pk in already:
            reason = _("Đã có kết quả đánh giá năm %(y)d.") % {"y": year}
        else:
            key = recruited if recruited and recruited.year >= year else None
            if key not in reasons:
                ok, why = rules.evaluable(_Start(key), year)
                reasons[key] = "" if ok else why
            reason = reasons[key]
        if reason:
            exclusions.append(CycleExclusion(cycle=cycle, person_id=pk, reason=reason))
            result.excluded.append((pk, reason))
        else:
            insert.add(pk, unit_id, tier_id)
    result.evaluations = insert.flush()
    CycleExclusion.objects.bulk_create(exclusions, batch_size=BATCH)
    audit_write(
        action="create",
        obj=cycle,
        after={"evaluations": result.evaluations, "excluded": len(exclusions)},
        note=_("Mở đợt đánh giá: %(n)d người được đánh giá, %(m)d người không đánh giá.")
        % {"n": result.evaluations, "m": len(exclusions)},
    )
    return result


@transaction.atomic
def cycle_set_status(*, actor, cycle: EvaluationCycle, status: str) -> int:
    """Close a cycle (its results become the year's results in the reports; evaluations left
    undecided stay so, and self-assessments are no longer accepted) or reopen it. Returns how
    many evaluations of the cycle are still without a decision."""
    _require(actor, "change", cycle.root_unit)
    if status not in CycleStatus.values:
        raise ValidationError(_("Trạng thái đợt đánh giá không hợp lệ."))
    undecided = cycle.evaluations.exclude(status=EvaluationStatus.DECIDED).count()
    if cycle.status != status:  # logged with before/after by the audit signals
        cycle.status = status
        cycle.save(update_fields=["status"])
    return undecided


@dataclass(frozen=True)
class _Start:
    recruited_on: date | None


class _EvaluationInsert:
    """New evaluations of a cycle as plain multi-row INSERTs: Django's `bulk_create` spends
    most of its time compiling 100,000 model instances; the rows here are all alike."""

    def __init__(self, cycle: EvaluationCycle):
        from django.db import connection

        self.cycle, self.connection, self.rows, self.count = cycle, connection, [], 0
        defaults = Evaluation(person_id=0, year=cycle.year, cycle=cycle, unit_id=0)
        self.fields = [f for f in Evaluation._meta.concrete_fields if not f.primary_key]
        self.template = [
            f.get_db_prep_save(f.pre_save(defaults, True), connection) for f in self.fields
        ]
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        quote = connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(Evaluation._meta.db_table),
            ", ".join(quote(f.column) for f in self.fields),
            ", ".join(["%s"] * len(self.fields)),
        )

    def add(self, person_id: int, unit_id: int, tier_id: int | None) -> None:
        row = list(self.template)
        row[self.index["person_id"]] = person_id
        row[self.index["unit_id"]] = unit_id
        row[self.index["management_tier_id"]] = tier_id
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self._write()

    def _write(self) -> None:
        if self.rows:
            with self.connection.cursor() as cur:
                cur.executemany(self.sql, self.rows)
            self.count += len(self.rows)
            self.rows = []

    def flush(self) -> int:
        self._write()
        return self.count


def _step(evaluation: Evaluation, kind: str, actor, comment: str = "", rating: str = "") -> None:
    EvaluationStep.objects.create(
        evaluation=evaluation, kind=kind, actor=actor, comment=comment, rating=rating
    )


def _expect(evaluation: Evaluation, *statuses: str) -> None:
    if evaluation.status not in statuses:
        raise ValidationError(
            _("Bản đánh giá đang ở bước “%(s)s”: không thực hiện được bước này.")
            % {"s": evaluation.get_status_display()}
        )
    if evaluation.cycle_id and evaluation.cycle.status == CycleStatus.CLOSED:
        raise ValidationError(_("Đợt đánh giá đã kết thúc."))


def _check_rating(value: str, label: str) -> None:
    if value not in Rating.values:
        raise ValidationError(
            _("%(f)s: mức xếp loại “%(v)s” không hợp lệ.") % {"f": label, "v": value}
        )


@transaction.atomic
def self_assess(
    *,
    actor,
    evaluation: Evaluation,
    text: str,
    self_rating: str = "",
    criterion_scores: dict[int, Decimal | None] | None = None,
) -> Evaluation:
    """The cadre's self-assessment (or the staff entering it for him): self → collective review.
    With the unit's criteria, the cadre scores each criterion; when every group has points
    (the results group may come from the tasks) the total proposes the self-rating."""
    own = actor is not None and evaluation.person.user_id == getattr(actor, "pk", None)
    if not own:
        _require(actor, "change", evaluation.person)
    _expect(evaluation, EvaluationStatus.SELF, EvaluationStatus.RETURNED)
    if not text.strip():
        raise ValidationError(_("Hãy ghi nội dung tự đánh giá."))
    if self_rating:
        _check_rating(self_rating, _("Tự xếp loại"))
    if criterion_scores:
        groups = _save_criterion_scores(evaluation, criterion_scores, ScoreStage.SELF)
        total = _total_from_groups(evaluation, groups)
        if total is not None and not self_rating:
            self_rating = rules.rating_from_score(total, evaluation.year)
    evaluation.self_assessment = text.strip()
    evaluation.self_rating = self_rating
    evaluation.status = EvaluationStatus.REVIEW
    evaluation.save()
    _step(evaluation, StepKind.SELF, actor, text.strip(), self_rating)
    return evaluation


@transaction.atomic
def review(*, actor, evaluation: Evaluation, comment: str) -> Evaluation:
    """The collective's review: review → proposal."""
    _require(actor, "change", evaluation.person)
    _expect(evaluation, EvaluationStatus.REVIEW)
    if not comment.strip():
        raise ValidationError(_("Hãy ghi nhận xét của tập thể."))
    evaluation.review_comment = comment.strip()
    evaluation.status = EvaluationStatus.PROPOSAL
    evaluation.save()
    _step(evaluation, StepKind.REVIEW, actor, comment.strip())
    return evaluation


@transaction.atomic
def propose(
    *,
    actor,
    evaluation: Evaluation,
    rating: str = "",
    general_score: Decimal | None = None,
    results_score: Decimal | None = None,
    months_absent: int | None = None,
    comment: str = "",
    criterion_scores: dict[int, Decimal | None] | None = None,
) -> Evaluation:
    """The proposal: scores (the year's 100-point scale proposes the rating), per criterion of
    the unit's template or per group, or a rating for years rated by criteria.
    proposal → decision."""
    _require(actor, "change", evaluation.person)
    _expect(evaluation, EvaluationStatus.PROPOSAL)
    given = {rules.GENERAL: general_score, rules.RESULTS: results_score}
    if any(v is not None for v in given.values()):
        # a group the unit's criteria detail is scored per criterion, never as a whole
        detailed = {c.group for c in criteria_of(evaluation)}
        for group, value in given.items():
            if value is not None and group in detailed:
                raise ValidationError(
                    _(
                        "Đơn vị đã cụ thể hóa nhóm “%(g)s” thành các tiêu chí: hãy chấm điểm "
                        "từng tiêu chí, không ghi điểm cả nhóm."
                    )
                    % {"g": rules_group_label(group)}
                )
    if criterion_scores:
        groups = _save_criterion_scores(evaluation, criterion_scores, ScoreStage.PROPOSAL)
        if groups.get(rules.GENERAL) is not None:
            general_score = groups[rules.GENERAL]
        if groups.get(rules.RESULTS) is not None:
            results_score = groups[rules.RESULTS]
    if general_score is not None and results_score is None and evaluation.tasks.exists():
        results_score = tasks_results_score(evaluation)
    if general_score is not None or results_score is not None:
        if general_score is None or results_score is None:
            raise ValidationError(_("Hãy ghi đủ điểm tiêu chí chung và điểm kết quả nhiệm vụ."))
        try:
            total = rules.check_score(general_score, results_score, evaluation.year)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
        evaluation.general_score, evaluation.results_score = general_score, results_score
        rating = rating or rules.rating_from_score(total, evaluation.year)
    if not rating:
        raise ValidationError(_("Hãy ghi mức xếp loại đề xuất hoặc điểm."))
    _check_rating(rating, _("Đề xuất xếp loại"))
    if months_absent is not None:
        if not 0 <= months_absent <= 12:
            raise ValidationError(_("Số tháng nghỉ phải từ 0 đến 12."))
        evaluation.months_absent = months_absent
    evaluation.proposed_rating = rating
    evaluation.status = EvaluationStatus.DECISION
    evaluation.save()
    _step(evaluation, StepKind.PROPOSAL, actor, comment.strip(), rating)
    return evaluation


def rules_group_label(group: str) -> str:
    from .choices import CriteriaGroup

    return str(CriteriaGroup(group).label)


def criteria_of(evaluation: Evaluation) -> list[Criterion]:
    """The criteria the evaluation is scored by: those of the template of its unit, or of the
    nearest unit above with one, for its year; [] when the framework applies as it is."""
    from .selectors import criteria_template_for

    template = criteria_template_for(evaluation.unit, evaluation.year)
    return list(template.criteria.all()) if template else []


def _specs(criteria: list[Criterion]) -> list[rules.CriterionSpec]:
    return [rules.CriterionSpec(c.group, c.name, c.points) for c in criteria]


def _save_criterion_scores(
    evaluation: Evaluation, scores: dict[int, Decimal | None], stage: str
) -> dict[str, Decimal | None]:
    """Check and store the points per criterion; the points of each framework group."""
    criteria = criteria_of(evaluation)
    if not criteria:
        raise ValidationError(_("Đơn vị chưa cụ thể hóa tiêu chí: hãy chấm theo nhóm."))
    unknown = set(scores) - {c.pk for c in criteria}
    if unknown:
        raise ValidationError(_("Có tiêu chí không thuộc bộ tiêu chí áp dụng cho bản đánh giá."))
    try:
        groups = rules.score_by_criteria(
            _specs(criteria), [scores.get(c.pk) for c in criteria], evaluation.year
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    CriterionScore.objects.filter(evaluation=evaluation, stage=stage).delete()
    CriterionScore.objects.bulk_create(
        CriterionScore(evaluation=evaluation, criterion=c, stage=stage, points=scores[c.pk])
        for c in criteria
    )
    return groups


def _total_from_groups(evaluation: Evaluation, groups: dict[str, Decimal | None]):
    general, results = groups.get(rules.GENERAL), groups.get(rules.RESULTS)
    if results is None and evaluation.tasks.exists():
        results = tasks_results_score(evaluation)
    if general is None or results is None:
        return None
    try:
        return rules.check_score(general, results, evaluation.year)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


@transaction.atomic
def criteria_set(
    *, actor, unit: Unit, year: int, criteria: list[rules.CriterionSpec]
) -> CriteriaTemplate | None:
    """Detail the year's framework for `unit` (and its subtree): the sub-criteria of each group
    must sum to the group's points; the group points and the score bands stay as the rules fix
    them. An empty list goes back to the framework as it is. Refused once scores were given."""
    if actor is not None and not can(actor, "change", unit):
        raise PermissionDenied(_("Bạn không có quyền cụ thể hóa tiêu chí của đơn vị này."))
    template = CriteriaTemplate.objects.filter(unit=unit, year=year).first()
    if template and CriterionScore.objects.filter(criterion__template=template).exists():
        raise ValidationError(
            _("Đã có điểm chấm theo bộ tiêu chí này: không sửa được bộ tiêu chí năm %(y)d.")
            % {"y": year}
        )
    errors = rules.check_criteria(criteria, year)
    if errors and criteria:
        raise ValidationError(errors)
    before = [(c.group, c.name, str(c.points)) for c in template.criteria.all()] if template else []
    if not criteria:
        if template:
            template.delete()
        return None
    if template is None:
        template = CriteriaTemplate.objects.create(unit=unit, year=year, adapted_by=actor)
    else:
        template.criteria.all().delete()
        template.adapted_by = actor
        template.save()
    Criterion.objects.bulk_create(
        Criterion(template=template, group=c.group, name=c.name.strip(), points=c.points, order=i)
        for i, c in enumerate(criteria)
    )
    audit_write(
        action="update" if before else "create",
        obj=template,
        before={"criteria": before},
        after={"criteria": [(c.group, c.name.strip(), str(c.points)) for c in criteria]},
        note=_("Cụ thể hóa tiêu chí đánh giá năm %(y)d.") % {"y": year},
    )
    return template


def tasks_results_score(evaluation: Evaluation) -> Decimal:
    """The results score of the year's scale computed from the evaluation's tasks."""
    tasks = [
        rules.TaskResult(t.weight, t.done_percent, t.major_errors, t.delays)
        for t in evaluation.tasks.all()
    ]
    try:
        return rules.results_score(tasks, evaluation.year)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


@transaction.atomic
def task_add(
    *,
    actor,
    evaluation: Evaluation,
    name: str,
    weight: Decimal = Decimal(1),
    due_on: date | None = None,
    done_percent: int = 100,
    major_errors: int = 0,
    delays: int = 0,
) -> EvaluationTask:
    """A task of the year (before the decision): the cadre himself or the staff."""
    own = actor is not None and evaluation.person.user_id == getattr(actor, "pk", None)
    if not own:
        _require(actor, "change", evaluation.person)
    _expect(
        evaluation, EvaluationStatus.SELF, EvaluationStatus.RETURNED, EvaluationStatus.REVIEW,
        EvaluationStatus.PROPOSAL,
    )  # fmt: skip
    task = EvaluationTask(
        evaluation=evaluation, name=name.strip(), weight=weight, due_on=due_on,
        done_percent=done_percent, major_errors=major_errors, delays=delays,
    )  # fmt: skip
    task.full_clean()
    task.save()
    return task


def consequences(evaluation: Evaluation) -> list[rules.Consequence]:
    """What the law requires after this year's "incomplete" and the earlier ones of the person
    (RULES §4.3.10–4.3.13): leader or not from the person's current posts; whether the person is
    a cán bộ or a công chức is not recorded, so both are listed."""
    if evaluation.rating != Rating.INCOMPLETE:
        return []
    history = dict(
        Evaluation.objects.filter(person_id=evaluation.person_id)
        .exclude(rating="")
        .values_list("year", "rating")
    )
    leader = evaluation.person.assignments.filter(
        end_date__isnull=True, post__title__is_leadership=True
    ).exists()
    kinds = {"can_bo", "cong_chuc", "leader" if leader else "non_leader"}
    return rules.incomplete_consequences(history, evaluation.year, kinds)


def _sanctioned_in(person_id: int, year: int) -> bool:
    return Sanction.objects.filter(person_id=person_id, decided_on__year=year).exists()


def rating_violations(evaluation: Evaluation, rating: str) -> list[rules.Violation]:
    """What the rules of the evaluation's year say against giving it `rating`: the person's own
    caps and the cap on "excellent" among the unit's decided ratings of the year."""
    year = evaluation.year
    unit_rating = (
        UnitRating.objects.filter(unit_id=evaluation.unit_id, year=year)
        .values_list("rating", flat=True)
        .first()
    )
    person = evaluation.person
    item = rules.RatingItem(
        person_id=person.pk,
        rating=rating,
        name=person.full_name,
        sanctioned_in_year=_sanctioned_in(person.pk, year),
        months_worked=rules.months_worked(person.recruited_on, year),
        months_absent=evaluation.months_absent,
        is_head=evaluation.is_head,
    )
    own = rules.check_ratings([item], year, unit_rating)
    own = [v for v in own if v.code != "excellent_cap"]
    others = list(
        Evaluation.objects.filter(unit_id=evaluation.unit_id, year=year)
        .exclude(pk=evaluation.pk)
        .exclude(rating="")
        .values_list("rating", flat=True)
    )
    cap = [
        v
        for v in rules.check_ratings([rules.RatingItem(None, r) for r in [*others, rating]], year)
        if v.code == "excellent_cap"
    ]
    return own + cap


def unit_violations(
    evaluations: list[Evaluation], year: int, unit_id: int
) -> list[rules.Violation]:
    """The year's rules checked over a unit's ratings (decided, else proposed) all together: the
    cap on "excellent" and each person's own caps. Two queries whatever the number of people."""
    unit_rating = (
        UnitRating.objects.filter(unit_id=unit_id, year=year)
        .values_list("rating", flat=True)
        .first()
    )
    person_ids = [e.person_id for e in evaluations]
    sanctioned = set(
        Sanction.objects.filter(person_id__in=person_ids, decided_on__year=year).values_list(
            "person_id", flat=True
        )
    )
    items = [
        rules.RatingItem(
            person_id=e.person_id,
            rating=e.rating or e.proposed_rating,
            name=e.person.full_name,
            sanctioned_in_year=e.person_id in sanctioned,
            months_absent=e.months_absent,
            is_head=e.is_head,
        )
        for e in evaluations
        if e.rating or e.proposed_rating
    ]
    return rules.check_ratings(items, year, unit_rating)


@transaction.atomic
def decide(
    *, actor, evaluation: Evaluation, rating: str, comment: str = "", body: str = ""
) -> Evaluation:
    """The decision of the competent body: only by a user whose "approve" grant covers the
    person and the management tier that names the body; refused, with every reason, if the
    year's rules forbid the rating. decision → decided."""
    from .selectors import competent_body, may_decide

    if not may_decide(actor, evaluation):
        raise PermissionDenied(
            _("Chỉ %(body)s (người được giao quyền phê duyệt diện này) quyết định xếp loại.")
            % {"body": competent_body(evaluation)}
        )
    _expect(evaluation, EvaluationStatus.DECISION)
    _check_rating(rating, _("Xếp loại"))
    violations = rating_violations(evaluation, rating)
    if violations:
        raise ValidationError([v.message for v in violations])
    evaluation.rating = rating
    evaluation.status = EvaluationStatus.DECIDED
    evaluation.decided_by = actor
    evaluation.decided_on = date.today()
    evaluation.decided_by_body = body or competent_body(evaluation)
    evaluation.save()
    _step(evaluation, StepKind.DECISION, actor, comment.strip(), rating)
    return evaluation


@transaction.atomic
def return_for_rework(*, actor, evaluation: Evaluation, comment: str) -> Evaluation:
    """Send an evaluation back to the cadre (from review, proposal or decision), with why."""
    _require(actor, "change", evaluation.person)
    _expect(
        evaluation, EvaluationStatus.REVIEW, EvaluationStatus.PROPOSAL, EvaluationStatus.DECISION
    )
    if not comment.strip():
        raise ValidationError(_("Hãy ghi lý do trả lại."))
    evaluation.status = EvaluationStatus.RETURNED
    evaluation.save()
    _step(evaluation, StepKind.RETURN, actor, comment.strip())
    return evaluation


@transaction.atomic
def unit_rating_set(
    *, actor, unit: Unit, year: int, rating: str, decided_on: date | None = None, note: str = ""
) -> UnitRating:
    """The rating of a collective for a year (replaces the one recorded before)."""
    if actor is not None and not can(actor, "approve", unit):
        raise PermissionDenied(_("Bạn không có quyền xếp loại đơn vị này."))
    _check_rating(rating, _("Xếp loại tập thể"))
    obj, _created = UnitRating.objects.update_or_create(
        unit=unit, year=year, defaults={"rating": rating, "decided_on": decided_on, "note": note}
    )
    return obj


@transaction.atomic
def imported_ratings_save(*, rows: list[tuple[Person, int, str]]) -> int:
    """Past ratings from a file (already validated): decided evaluations without a cycle."""
    objs = [
        Evaluation(
            person=person,
            year=year,
            unit_id=person.unit_id,
            management_tier_id=person.management_tier_id,
            status=EvaluationStatus.DECIDED,
            source=EvaluationSource.IMPORT,
            proposed_rating=rating,
            rating=rating,
        )
        for person, year, rating in rows
    ]
    Evaluation.objects.bulk_create(objs, batch_size=BATCH)
    audit_write(
        action="create",
        model_label="evaluation.Evaluation",
        object_repr=_("Nhập kết quả xếp loại"),
        after={"count": len(objs)},
    )
    return len(objs)


# --- confidence votes --------------------------------------------------------------------


@transaction.atomic
def vote_create(
    *, actor, unit: Unit, body: str, held_on: date, convened: int, present: int
) -> ConfidenceVote:
    if actor is not None and not can(actor, "change", unit):
        raise PermissionDenied(_("Bạn không có quyền ghi kết quả lấy phiếu ở đơn vị này."))
    errors = rules.check_vote_counts(convened, present, 0, 0, 0)
    if convened <= 0:
        errors.append(_("Số được triệu tập phải lớn hơn 0."))
    try:
        rules.vote_thresholds(held_on)
    except LookupError:
        # the thresholds of QĐ 262 (before 02/02/2023) are not in the registry
        errors.append(
            _("Chưa có quy định lấy phiếu tín nhiệm áp dụng cho ngày %(d)s trong hệ thống.")
            % {"d": held_on.strftime("%d/%m/%Y")}
        )
    if errors:
        raise ValidationError(errors)
    vote = ConfidenceVote(unit=unit, body=body, held_on=held_on, convened=convened, present=present)
    vote.full_clean()
    vote.save()
    return vote


def vote_exclusion(person: Person, held_on: date) -> str:
    """Why `person` may not be voted on at a session of `held_on` (RULES §3.2–3.3: not a
    holder of a leadership or management title on that day, notified of leave pending
    retirement, appointed or elected in the year, no longer working), or ""."""
    from canbo.posts.models import Assignment

    assignments = Assignment.objects.filter(person=person)
    facts = rules.VoteFacts(
        active=person.status == "active",
        holds_leadership=assignments.active_on(held_on)
        .filter(post__title__is_leadership=True)
        .exists(),
        taken_in_year=tuple(
            assignments.filter(start_date__year=held_on.year, start_date__lte=held_on).values_list(
                "kind", "start_date"
            )
        ),
        retirement_notified_on=person.retirement_notified_on,
    )
    return rules.vote_exemption(facts, held_on)


@transaction.atomic
def vote_person_add(*, actor, vote: ConfidenceVote, person: Person) -> VoteCandidate:
    """Put `person` on the ballot of the session, so that ballots can be entered by hand before
    any count; refused with the reason for those the rules exempt (RULES §3.2–3.3)."""
    if actor is not None and not can(actor, "change", vote.unit):
        raise PermissionDenied(_("Bạn không có quyền ghi kết quả lấy phiếu ở đơn vị này."))
    _require(actor, "change", person)
    reason = vote_exclusion(person, vote.held_on)
    if reason:
        raise ValidationError(f"{person.full_name}: {reason}")
    if (
        VoteCandidate.objects.filter(vote=vote, person=person).exists()
        or vote.results.filter(person=person).exists()
    ):
        raise ValidationError(_("%(n)s đã có trong danh sách lấy phiếu.") % {"n": person.full_name})
    candidate = VoteCandidate.objects.create(vote=vote, person=person)
    audit_write(
        action="update",
        obj=vote,
        after={"person_added": person.pk},
        note=_("Thêm người được lấy phiếu: %(n)s.") % {"n": person.full_name},
    )
    return candidate


@transaction.atomic
def vote_person_remove(*, actor, vote: ConfidenceVote, person: Person) -> None:
    """Take back a person put on the ballot by mistake: only while no ballot marks him and no
    count was recorded for him."""
    if actor is not None and not can(actor, "change", vote.unit):
        raise PermissionDenied(_("Bạn không có quyền ghi kết quả lấy phiếu ở đơn vị này."))
    if (
        BallotMark.objects.filter(ballot__vote=vote, person=person).exists()
        or vote.results.filter(person=person).exists()
    ):
        raise ValidationError(
            _("%(n)s đã có phiếu hoặc số phiếu: không bỏ khỏi danh sách được.")
            % {"n": person.full_name}
        )
    deleted, _rows = VoteCandidate.objects.filter(vote=vote, person=person).delete()
    if deleted:
        audit_write(
            action="update",
            obj=vote,
            after={"person_removed": person.pk},
            note=_("Bỏ người được lấy phiếu: %(n)s.") % {"n": person.full_name},
        )


@transaction.atomic
def vote_result_add(
    *, actor, vote: ConfidenceVote, person: Person, high: int, normal: int, low: int
) -> VoteResult:
    """Record the counts for one person voted on; refused with the reason for those the rules
    exempt, and when the counts cannot be right."""
    _require(actor, "change", person)
    reason = vote_exclusion(person, vote.held_on)
    if reason:
        raise ValidationError(reason)
    errors = rules.check_vote_counts(vote.convened, vote.present, high, normal, low)
    if errors:
        raise ValidationError(errors)
    result = VoteResult(vote=vote, person=person, high=high, normal=normal, low=low)
    result.full_clean()
    result.save()
    return result


# --- individual ballots ------------------------------------------------------------------------


def _check_choice(choice: str) -> None:
    if choice not in Confidence.values:
        raise ValidationError(_("Mức tín nhiệm “%(v)s” không hợp lệ.") % {"v": choice})


@transaction.atomic
def ballots_add(*, actor, vote: ConfidenceVote, ballots: list[dict[Person, str]]) -> int:
    """Ballot sheets of a session, each one voter's choice per person voted on (a person left
    blank on the sheet is simply absent from it); anonymous: no voter is recorded. Refused, all
    of them, if there would be more sheets than people present, a person the rules exempt, or a
    choice that is not one of the three levels."""
    if actor is not None and not can(actor, "change", vote.unit):
        raise PermissionDenied(_("Bạn không có quyền ghi kết quả lấy phiếu ở đơn vị này."))
    if not ballots:
        raise ValidationError(_("Chưa có phiếu nào để ghi."))
    already = vote.ballots.count()
    if already + len(ballots) > vote.present:
        raise ValidationError(
            _("Số phiếu (%(n)d) vượt số người có mặt (%(p)d).")
            % {"n": already + len(ballots), "p": vote.present}
        )
    people = {p.pk: p for sheet in ballots for p in sheet}
    errors: list[str] = []
    for person in people.values():
        if actor is not None and not can(actor, "change", person):
            raise PermissionDenied(_("Bạn không có quyền ghi kết quả cho cán bộ này."))
        reason = vote_exclusion(person, vote.held_on)
        if reason:
            errors.append(f"{person.full_name}: {reason}")
    for sheet in ballots:
        for choice in sheet.values():
            _check_choice(choice)
    if errors:
        raise ValidationError(errors)
    last = vote.ballots.order_by("-number").values_list("number", flat=True).first() or 0
    created = Ballot.objects.bulk_create(
        Ballot(vote=vote, number=last + i) for i in range(1, len(ballots) + 1)
    )
    BallotMark.objects.bulk_create(
        BallotMark(ballot=b, person=p, choice=c)
        for b, sheet in zip(created, ballots, strict=True)
        for p, c in sheet.items()
    )
    audit_write(
        action="create",
        obj=vote,
        after={"ballots": len(ballots)},
        note=_("Nhập %(n)d phiếu tín nhiệm.") % {"n": len(ballots)},
    )
    return len(ballots)


@transaction.atomic
def ballots_to_counts(*, actor, vote: ConfidenceVote) -> int:
    """Write the tally of the ballots entered as the counts of each person voted on (replacing
    counts entered by hand); how many people."""
    from .selectors import ballot_tally

    if actor is not None and not can(actor, "change", vote.unit):
        raise PermissionDenied(_("Bạn không có quyền ghi kết quả lấy phiếu ở đơn vị này."))
    tally = ballot_tally(vote)
    if not tally:
        raise ValidationError(_("Chưa nhập phiếu nào."))
    for person_id, counts in tally.items():
        errors = rules.check_vote_counts(vote.convened, vote.present, *counts)
        if errors:
            raise ValidationError(errors)
        high, normal, low = counts
        VoteResult.objects.update_or_create(
            vote=vote, person_id=person_id, defaults={"high": high, "normal": normal, "low": low}
        )
    audit_write(
        action="update",
        obj=vote,
        after={"counts_from_ballots": len(tally)},
        note=_("Cập nhật số phiếu từ %(n)d phiếu đã nhập.") % {"n": vote.ballots.count()},
    )
    return len(tally)
