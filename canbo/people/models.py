"""The profile (mẫu 2C) and its sections."""

from __future__ import annotations

import functools
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canbo.core.choices import DatePrecision, Gender
from canbo.core.dates import PartialDate
from canbo.core.models import TimeStampedModel
from canbo.core.text import clean as clean_text
from canbo.core.text import fold

from .choices import FamilySide, PersonStatus, StudyMode, TrainingKind


@functools.cache
def _validation():
    """people.validation, imported on first use: the rules behind it load vietnam-provinces'
    legacy tables (~0.2 s), which a process that never validates a profile need not pay at
    start-up; cached, since an import validates 100,000 profiles."""
    from . import validation

    return validation


class PersonQuerySet(models.QuerySet):
    def in_subtree(self, unit) -> PersonQuerySet:
        from canbo.units.models import Unit

        return self.filter(unit__in=Unit.objects.in_subtree(unit).values("pk"))

    def active(self) -> PersonQuerySet:
        return self.filter(status=PersonStatus.ACTIVE)


def _fk(model: str, verbose: str, db_index: bool = False, **kw) -> models.ForeignKey:
    """A catalog or area reference. Not indexed by default: no page looks profiles up by a
    catalog row (a handful of values, each shared by thousands: the people list filters them
    while it walks its name order, the statistics read them from stats_person_figures), and
    each such index costs every insert: an import of 100,000 profiles spent a third of its
    writing in eight of them. Deleting a catalog row scans the table once."""
    return models.ForeignKey(
        model,
        verbose_name=verbose,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=db_index,
        **kw,
    )


class Person(TimeStampedModel):
    """A cadre, civil servant or public employee, with the fields of the 2C form."""

    # 1–3 identity
    full_name = models.CharField(_("họ và tên khai sinh"), max_length=120)
    other_names = models.CharField(_("tên gọi khác"), max_length=120, blank=True)
    gender = models.CharField(_("giới tính"), max_length=6, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    birth_date_precision = models.CharField(
        _("độ chính xác ngày sinh"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    citizen_id = models.CharField(_("số CCCD"), max_length=12, null=True, blank=True, unique=True)
    citizen_id_issued_on = models.DateField(_("ngày cấp CCCD"), null=True, blank=True)
    birthplace = _fk("units.Area", _("nơi sinh"), related_name="+")
    birthplace_text = models.CharField(_("nơi sinh (ghi rõ)"), max_length=255, blank=True)
    hometown = _fk("units.Area", _("quê quán"), related_name="+")
    hometown_text = models.CharField(_("quê quán (ghi rõ)"), max_length=255, blank=True)
    residence = models.CharField(_("nơi ở hiện nay"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    ethnicity = _fk("catalogs.Ethnicity", _("dân tộc"))
    religion = _fk("catalogs.Religion", _("tôn giáo"))
    family_background = models.CharField(
        _("thành phần gia đình xuất thân"), max_length=120, blank=True
    )
    occupation_before = models.CharField(
        _("nghề nghiệp trước khi tuyển dụng"), max_length=200, blank=True
    )
    # 12–16 dates of service and membership
    recruited_on = models.DateField(_("ngày tuyển dụng lần đầu"), null=True, blank=True)
    recruited_by = models.CharField(_("cơ quan tuyển dụng"), max_length=255, blank=True)
    joined_unit_on = models.DateField(_("ngày vào cơ quan hiện nay"), null=True, blank=True)
    # QĐ 96-QĐ/TW Đ3 (RULES §3.3): no confidence vote once notified of leave pending retirement
    retirement_notified_on = models.DateField(
        _("ngày thông báo nghỉ công tác chờ nghỉ hưu"), null=True, blank=True
    )
    party_joined_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    party_official_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    party_unit = models.CharField(_("chi bộ, đảng bộ sinh hoạt"), max_length=255, blank=True)
    mass_org_joined_on = models.DateField(
        _("ngày tham gia tổ chức chính trị – xã hội"), null=True, blank=True
    )
    military_enlisted_on = models.DateField(_("ngày nhập ngũ"), null=True, blank=True)
    military_discharged_on = models.DateField(_("ngày xuất ngũ"), null=True, blank=True)
    military_rank = models.CharField(_("quân hàm cao nhất"), max_length=60, blank=True)
    policy_beneficiary = models.CharField(_("đối tượng chính sách"), max_length=120, blank=True)
    # 19–22 education
    general_education = models.CharField(
        _("giáo dục phổ thông"), max_length=20, blank=True, help_text=_("Ví dụ 12/12")
    )
    qualification_level = _fk("catalogs.QualificationLevel", _("trình độ chuyên môn cao nhất"))
    qualification_field = models.CharField(_("chuyên ngành"), max_length=200, blank=True)
    academic_title = models.CharField(_("học hàm"), max_length=60, blank=True)
    political_theory = _fk("catalogs.PoliticalTheoryLevel", _("lý luận chính trị"))
    state_management = _fk("catalogs.StateManagementRank", _("quản lý nhà nước"))
    foreign_language = models.CharField(_("ngoại ngữ"), max_length=200, blank=True)
    it_skill = models.CharField(_("tin học"), max_length=200, blank=True)
    state_honours = models.CharField(_("danh hiệu nhà nước phong tặng"), max_length=255, blank=True)
    # 23–30 work, rank and salary
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị công tác"),
        on_delete=models.PROTECT,
        related_name="people",
        db_index=False,  # person_unit_status (unit, status) serves the same lookups
    )
    # indexed: access scopes by management tier select a few profiles out of every unit
    management_tier = _fk("catalogs.ManagementTier", _("diện quản lý"), db_index=True)
    main_duty = models.CharField(_("công việc chính được giao"), max_length=255, blank=True)
    strengths = models.CharField(_("sở trường công tác"), max_length=255, blank=True)
    civil_service_rank = _fk("catalogs.CivilServiceRank", _("ngạch"))
    salary_step = models.PositiveSmallIntegerField(_("bậc lương"), null=True, blank=True)
    salary_coefficient = models.DecimalField(
        _("hệ số lương"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    salary_since = models.DateField(_("hưởng từ ngày"), null=True, blank=True)
    # 31 health
    health = models.CharField(_("tình trạng sức khỏe"), max_length=120, blank=True)
    height_cm = models.PositiveSmallIntegerField(_("chiều cao (cm)"), null=True, blank=True)
    weight_kg = models.PositiveSmallIntegerField(_("cân nặng (kg)"), null=True, blank=True)
    blood_type = models.CharField(_("nhóm máu"), max_length=5, blank=True)
    # 34 personal history, 38 remarks
    personal_history = models.TextField(_("lịch sử bản thân"), blank=True)
    remarks = models.TextField(_("nhận xét, đánh giá của cơ quan"), blank=True)

    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )
    search_name = models.CharField(max_length=120, editable=False)
    given_name = models.CharField(max_length=40, editable=False)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    # the login of the cadre himself (role "cán bộ": own profile, own self-assessment)
    user = models.OneToOneField(
        "auth.User",
        verbose_name=_("tài khoản của chính cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["given_name", "search_name", "pk"]
        indexes = [
            models.Index(fields=["unit", "status"], name="person_unit_status"),
            models.Index(fields=["birth_date"], name="person_birth_date"),
            # the list's default order, so the first page is read from the index, not sorted
            models.Index(fields=["given_name", "search_name", "id"], name="person_name_order"),
            # matching by name and date of birth (imports: a common name is shared by thousands
            # in a province); "contains" search has the trigram index on PostgreSQL
            models.Index(fields=["search_name", "birth_date"], name="person_name_birth"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(party_official_on__isnull=True)
                | Q(
                    party_joined_on__isnull=False,
                    party_official_on__gte=models.F("party_joined_on"),
                ),
                name="person_party_official_after_joined",
                violation_error_message=_("Ngày chính thức phải sau ngày vào Đảng."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        self.full_name = clean_text(self.full_name)
        if self.citizen_id:
            self.citizen_id = self.citizen_id.strip() or None
        errors = _validation().profile_errors(
            gender=self.gender or None,
            birth=self.birth if self.birth_date else None,
            citizen_id=self.citizen_id,
            party_joined_on=self.party_joined_on,
            party_official_on=self.party_official_on,
        )
        if errors:
            raise ValidationError(errors)

    def refresh_derived(self) -> None:
        """Recompute the search fields from the name (call before bulk_create)."""
        self.full_name = clean_text(self.full_name)
        self.search_name = fold(self.full_name)
        self.given_name = self.search_name.rsplit(" ", 1)[-1]

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived()
        if self.birth_date and self.birth_date_precision != "day":
            self.birth_date = self.birth.value
        super().save(*args, **kwargs)

    @property
    def birth(self):
        """Date of birth with its precision, as a `PartialDate` ("1975", "03/1975", "05/03/1975")."""
        return PartialDate(self.birth_date, self.birth_date_precision)

    @property
    def is_party_member(self) -> bool:
        return self.party_joined_on is not None

    def current_assignments(self, on: date | None = None):
        return self.assignments.active_on(on or date.today()).select_related(
            "post__title", "post__unit"
        )


class Training(models.Model):
    """Education and training (2C item 32): professional degrees, political theory, courses."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="trainings")
    kind = models.CharField(_("loại"), max_length=20, choices=TrainingKind.choices)
    qualification_level = _fk("catalogs.QualificationLevel", _("trình độ"), db_index=True)
    field = models.CharField(_("chuyên ngành"), max_length=200, blank=True)
    institution = models.CharField(_("cơ sở đào tạo"), max_length=255, blank=True)
    mode = models.CharField(_("hình thức"), max_length=20, choices=StudyMode.choices, blank=True)
    start_date = models.DateField(_("từ"), null=True, blank=True)
    end_date = models.DateField(_("đến"), null=True, blank=True)
    diploma = models.CharField(_("văn bằng, chứng chỉ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("đào tạo, bồi dưỡng")
        verbose_name_plural = _("đào tạo, bồi dưỡng")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="training_end_after_start",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.field or self.diploma}"


class WorkHistory(models.Model):
    """One line of "Tóm tắt quá trình công tác" (2C item 33), as the person declared it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="work_history")
    start_date = models.DateField(_("từ"))
    start_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.MONTH
    )
    end_date = models.DateField(_("đến"), null=True, blank=True)
    end_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.MONTH
    )
    description = models.CharField(_("chức danh, chức vụ, đơn vị công tác"), max_length=500)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="work_history_end_after_start",
                violation_error_message=_("Thời điểm kết thúc không được trước thời điểm bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return self.description


class FamilyMember(models.Model):
    """A family relation (2C item 36): own side or the spouse's side."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family")
    side = models.CharField(
        _("bên"), max_length=6, choices=FamilySide.choices, default=FamilySide.OWN
    )
    relation = models.CharField(_("quan hệ"), max_length=40)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    details = models.CharField(
        _("quê quán, nghề nghiệp, chức danh, đơn vị công tác, học tập, nơi ở"),
        max_length=500,
        blank=True,
    )

    class Meta:
        verbose_name = _("quan hệ gia đình")
        verbose_name_plural = _("quan hệ gia đình")
        ordering = ["side", "pk"]

    def __str__(self) -> str:
        return f"{self.relation}: {self.full_name}"


class Award(models.Model):
    """An award (2C item 35.1)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="awards")
    year = models.PositiveSmallIntegerField(_("năm"))
    form = models.CharField(_("hình thức khen thưởng"), max_length=255)
    issuer = models.CharField(_("cấp khen"), max_length=255, blank=True)
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return f"{self.year}: {self.form}"


class SalaryHistory(models.Model):
    """A salary step held over a period (2C item 37.1)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="salary_history")
    start_date = models.DateField(_("từ"))
    rank_code = models.CharField(_("mã ngạch"), max_length=20, blank=True)
    step = models.PositiveSmallIntegerField(_("bậc"), null=True, blank=True)
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("quá trình lương")
        verbose_name_plural = _("quá trình lương")
        ordering = ["start_date"]

    def __str__(self) -> str:
        return f"{self.start_date:%m/%Y}: {self.coefficient}"
