"""Yearly evaluation cycles, evaluations and ratings, unit ratings, confidence votes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    Confidence,
    CriteriaGroup,
    CycleStatus,
    EvaluationSource,
    EvaluationStatus,
    Rating,
    ScoreStage,
    StepKind,
)


class EvaluationCycle(models.Model):
    """The yearly evaluation of a unit subtree (đợt đánh giá, xếp loại chất lượng)."""

    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    root_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên đợt"), max_length=255, blank=True)
    self_due = models.DateField(_("hạn tự đánh giá"), null=True, blank=True)
    review_due = models.DateField(_("hạn tập thể nhận xét"), null=True, blank=True)
    decision_due = models.DateField(_("hạn quyết định xếp loại"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở đợt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("thời điểm mở"), auto_now_add=True)

    class Meta:
        verbose_name = _("đợt đánh giá")
        verbose_name_plural = _("đợt đánh giá")
        ordering = ["-year", "root_unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "root_unit"],
                name="evaluation_cycle_unique_year_unit",
                violation_error_message=_("Đơn vị này đã có đợt đánh giá của năm này."),
            )
        ]

    def __str__(self) -> str:
        return self.name or f"{self.year} — {self.root_unit}"


class Evaluation(models.Model):
    """One person's evaluation and rating for one year (from a cycle or imported)."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    cycle = models.ForeignKey(
        EvaluationCycle,
        verbose_name=_("đợt đánh giá"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    # the unit and tier of the person when rated: the report of a past year counts them there
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị khi đánh giá"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    management_tier = models.ForeignKey(
        "catalogs.ManagementTier",
        verbose_name=_("diện quản lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_head = models.BooleanField(_("người đứng đầu đơn vị"), default=False)
    status = models.CharField(
        _("bước"), max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.SELF
    )
    source = models.CharField(
        _("nguồn"), max_length=10, choices=EvaluationSource.choices, default=EvaluationSource.CYCLE
    )
    self_assessment = models.TextField(_("tự đánh giá"), blank=True)
    self_rating = models.CharField(
        _("tự xếp loại"), max_length=10, choices=Rating.choices, blank=True
    )
    review_comment = models.TextField(_("nhận xét của tập thể"), blank=True)
    general_score = models.DecimalField(
        _("điểm tiêu chí chung"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    results_score = models.DecimalField(
        _("điểm kết quả nhiệm vụ"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    months_absent = models.PositiveSmallIntegerField(_("số tháng nghỉ trong năm"), default=0)
    proposed_rating = models.CharField(
        _("đề xuất xếp loại"), max_length=10, choices=Rating.choices, blank=True
    )
    rating = models.CharField(
        _("xếp loại"), max_length=10, choices=Rating.choices, blank=True, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by_body = models.CharField(_("cấp có thẩm quyền"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đánh giá, xếp loại")
        verbose_name_plural = _("đánh giá, xếp loại")
        ordering = ["-year", "person__given_name", "person__search_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="evaluation_unique_person_year",
                violation_error_message=_("Cán bộ này đã có kết quả đánh giá của năm này."),
            ),
            models.CheckConstraint(
                condition=~Q(status=EvaluationStatus.DECIDED) | ~Q(rating=""),
                name="evaluation_decided_has_rating",
                violation_error_message=_("Đã quyết định thì phải có mức xếp loại."),
            ),
        ]
        indexes = [
            models.Index(fields=["year", "unit"], name="evaluation_year_unit"),
            models.Index(fields=["cycle", "unit", "status"], name="evaluation_cycle_unit_status"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.year}"

    @property
    def total_score(self):
        if self.general_score is None or self.results_score is None:
            return None
        return self.general_score + self.results_score


class EvaluationStep(models.Model):
    """Who did what, when, in an evaluation's workflow, with the comment of the step."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("đánh giá"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("bước"), max_length=10, choices=StepKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    rating = models.CharField(_("mức xếp loại"), max_length=10, choices=Rating.choices, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("bước đánh giá")
        verbose_name_plural = _("bước đánh giá")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d/%m/%Y %H:%M})"


class EvaluationTask(models.Model):
    """A task, product or KPI of the year that the results score is computed from."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("đánh giá"), on_delete=models.CASCADE, related_name="tasks"
    )
    name = models.CharField(_("nhiệm vụ, sản phẩm"), max_length=500)
    weight = models.DecimalField(_("trọng số"), max_digits=6, decimal_places=2, default=1)
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    done_percent = models.PositiveSmallIntegerField(_("tỷ lệ hoàn thành (%)"), default=100)
    major_errors = models.PositiveSmallIntegerField(_("số lỗi lớn"), default=0)
    delays = models.PositiveSmallIntegerField(_("số lần chậm"), default=0)

    class Meta:
        verbose_name = _("nhiệm vụ được giao")
        verbose_name_plural = _("nhiệm vụ được giao")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_percent__lte=100),
                name="evaluation_task_done_le_100",
                violation_error_message=_("Tỷ lệ hoàn thành không quá 100%%."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="evaluation_task_weight_positive",
                violation_error_message=_("Trọng số phải lớn hơn 0."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CycleExclusion(models.Model):
    """Someone in the cycle's subtree who is not rated, and why (e.g. under 6 months of work)."""

    cycle = models.ForeignKey(
        EvaluationCycle, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="exclusions"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("lý do"), max_length=500)

    class Meta:
        verbose_name = _("người không đánh giá")
        verbose_name_plural = _("người không đánh giá")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "person"], name="cycle_exclusion_unique_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.reason}"


class UnitRating(models.Model):
    """The rating of a collective (a unit) for one year."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=10, choices=Rating.choices)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("xếp loại tập thể")
        verbose_name_plural = _("xếp loại tập thể")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="unit_rating_unique_year",
                violation_error_message=_("Đơn vị này đã có xếp loại của năm này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}: {self.get_rating_display()}"


class ConfidenceVote(models.Model):
    """A confidence-vote session (hội nghị lấy phiếu tín nhiệm)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.CharField(_("hội nghị, cơ quan lấy phiếu"), max_length=255)
    held_on = models.DateField(_("ngày lấy phiếu"))
    convened = models.PositiveIntegerField(_("số được triệu tập"))
    present = models.PositiveIntegerField(_("số có mặt"))

    class Meta:
        verbose_name = _("lấy phiếu tín nhiệm")
        verbose_name_plural = _("lấy phiếu tín nhiệm")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(present__lte=F("convened")),
                name="confidence_vote_present_le_convened",
                violation_error_message=_("Số có mặt không được lớn hơn số được triệu tập."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} ({self.held_on:%d/%m/%Y})"


class VoteCandidate(models.Model):
    """A person put on the ballot of a session before any count or ballot was entered (the
    rules' exemptions are checked when he is added)."""

    vote = models.ForeignKey(
        ConfidenceVote,
        verbose_name=_("hội nghị"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("người được lấy phiếu"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("người được lấy phiếu")
        verbose_name_plural = _("người được lấy phiếu")
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "person"],
                name="vote_candidate_unique_person",
                violation_error_message=_("Người này đã có trong danh sách lấy phiếu."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.vote} — {self.person}"


class VoteResult(models.Model):
    """The counts for one person voted on in a session."""

    vote = models.ForeignKey(
        ConfidenceVote, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="results"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("người được lấy phiếu"),
        on_delete=models.PROTECT,
        related_name="vote_results",
    )
    high = models.PositiveIntegerField(_("tín nhiệm cao"))
    normal = models.PositiveIntegerField(_("tín nhiệm"))
    low = models.PositiveIntegerField(_("tín nhiệm thấp"))

    class Meta:
        verbose_name = _("kết quả lấy phiếu")
        verbose_name_plural = _("kết quả lấy phiếu")
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "person"],
                name="vote_result_unique_person",
                violation_error_message=_("Người này đã có kết quả trong hội nghị này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.high}/{self.normal}/{self.low}"

    def outcome(self):
        from canbo.rules.evaluation import vote_outcome

        v = self.vote
        return vote_outcome(
            convened=v.convened,
            present=v.present,
            high=self.high,
            normal=self.normal,
            low=self.low,
            on=v.held_on,
        )


class CriteriaTemplate(models.Model):
    """A unit's criteria for a year: the framework of the year (group points, score bands)
    detailed into the unit's own sub-criteria (seed 002: "heads of units detail the criteria").
    It applies to the evaluations of the unit and of its subtree, unless a lower unit has one."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    adapted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cụ thể hóa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adapted_at = models.DateTimeField(_("thời điểm"), auto_now=True)

    class Meta:
        verbose_name = _("bộ tiêu chí của đơn vị")
        verbose_name_plural = _("bộ tiêu chí của đơn vị")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="criteria_template_unique_unit_year",
                violation_error_message=_("Đơn vị này đã có bộ tiêu chí của năm này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}"


class Criterion(models.Model):
    """One sub-criterion of a template, within a framework group, with its maximum points."""

    template = models.ForeignKey(
        CriteriaTemplate,
        verbose_name=_("bộ tiêu chí"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    group = models.CharField(_("nhóm"), max_length=10, choices=CriteriaGroup.choices)
    name = models.CharField(_("tiêu chí"), max_length=500)
    points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["template", "group", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gt=0),
                name="criterion_points_positive",
                violation_error_message=_("Số điểm của tiêu chí phải lớn hơn 0."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.points})"


class CriterionScore(models.Model):
    """The points given to one criterion of one evaluation, by the cadre (self) or at the
    proposal."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("đánh giá"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="scores"
    )
    stage = models.CharField(_("người chấm"), max_length=10, choices=ScoreStage.choices)
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("điểm theo tiêu chí")
        verbose_name_plural = _("điểm theo tiêu chí")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion", "stage"], name="criterion_score_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.points}"


class Ballot(models.Model):
    """One voter's ballot sheet in a confidence-vote session (anonymous: no voter recorded)."""

    vote = models.ForeignKey(
        ConfidenceVote, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="ballots"
    )
    number = models.PositiveIntegerField(_("số phiếu"))

    class Meta:
        verbose_name = _("phiếu tín nhiệm")
        verbose_name_plural = _("phiếu tín nhiệm")
        ordering = ["vote", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "number"],
                name="ballot_unique_number",
                violation_error_message=_("Số phiếu này đã được nhập."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.vote} — {self.number}"


class BallotMark(models.Model):
    """The choice on one ballot for one person voted on (none marked: the row is absent)."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("phiếu"), on_delete=models.CASCADE, related_name="marks"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("người được lấy phiếu"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    choice = models.CharField(_("mức tín nhiệm"), max_length=10, choices=Confidence.choices)

    class Meta:
        verbose_name = _("ô đánh dấu trên phiếu")
        verbose_name_plural = _("ô đánh dấu trên phiếu")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "person"], name="ballot_mark_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_choice_display()}"
