"""Profiles (mẫu 2C): a compact row for lists, the whole profile with its sections for one
person, and the fields a client may write (the web form's, by the same rules)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from canbo.api.errors import vietnamese_messages
from canbo.catalogs.models import (
    CivilServiceRank,
    Ethnicity,
    ManagementTier,
    PoliticalTheoryLevel,
    QualificationLevel,
    Religion,
    StateManagementRank,
)
from canbo.core.dates import PartialDate, parse_partial_date
from canbo.people.choices import StudyMode
from canbo.people.forms import PersonForm
from canbo.people.models import Award, FamilyMember, Person, SalaryHistory, Training, WorkHistory
from canbo.posts.choices import EndReason
from canbo.posts.models import Assignment
from canbo.rules.retirement import retirement_date
from canbo.units.models import Area, Unit

from .common import (
    AreaRefSerializer,
    CatalogRefSerializer,
    ModelSerializer,
    UnitRefSerializer,
)
from .posts import DecisionRefSerializer, PostSerializer, TitleRefSerializer

# the fields of the web form, in its order: the API writes exactly what the form writes
FORM_FIELDS: list[str] = list(PersonForm.Meta.fields)
CATALOG_FIELDS = {
    "ethnicity": Ethnicity,
    "religion": Religion,
    "management_tier": ManagementTier,
    "qualification_level": QualificationLevel,
    "political_theory": PoliticalTheoryLevel,
    "state_management": StateManagementRank,
    "civil_service_rank": CivilServiceRank,
}
AREA_FIELDS = ("birthplace", "hometown")


# -- read


class CurrentPostSerializer(serializers.Serializer):
    title = TitleRefSerializer(source="post.title", read_only=True)
    unit = UnitRefSerializer(source="post.unit", read_only=True)
    is_concurrent = serializers.BooleanField(read_only=True)
    start_date = serializers.DateField(read_only=True)


class PersonListSerializer(ModelSerializer):
    """One row of the people list."""

    birth = serializers.CharField(read_only=True, help_text="ngày sinh như đã khai: 05/03/1975, 03/1975, 1975")  # fmt: skip
    unit = UnitRefSerializer(read_only=True)
    qualification_level = CatalogRefSerializer(read_only=True, allow_null=True)
    political_theory = CatalogRefSerializer(read_only=True, allow_null=True)
    ethnicity = CatalogRefSerializer(read_only=True, allow_null=True)
    is_party_member = serializers.BooleanField(read_only=True)
    current_posts = CurrentPostSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id", "version", "full_name", "gender", "birth", "birth_date", "birth_date_precision",
            "unit", "qualification_level", "political_theory", "ethnicity", "is_party_member",
            "status", "current_posts",
        ]  # fmt: skip
        read_only_fields = fields


class TrainingSerializer(ModelSerializer):
    mode = serializers.ChoiceField(choices=StudyMode.choices, allow_blank=True, read_only=True)
    qualification_level = CatalogRefSerializer(read_only=True, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Training
        fields = [
            "id", "kind", "kind_display", "qualification_level", "field", "institution", "mode",
            "start_date", "end_date", "diploma",
        ]  # fmt: skip
        read_only_fields = fields


class WorkHistorySerializer(ModelSerializer):
    class Meta:
        model = WorkHistory
        fields = ["id", "start_date", "start_precision", "end_date", "end_precision", "description"]  # fmt: skip
        read_only_fields = fields


class FamilyMemberSerializer(ModelSerializer):
    class Meta:
        model = FamilyMember
        fields = ["id", "side", "relation", "full_name", "birth_year", "details"]
        read_only_fields = fields


class AwardSerializer(ModelSerializer):
    class Meta:
        model = Award
        fields = ["id", "year", "form", "issuer", "reason"]
        read_only_fields = fields


class SalaryHistorySerializer(ModelSerializer):
    class Meta:
        model = SalaryHistory
        fields = ["id", "start_date", "rank_code", "step", "coefficient"]
        read_only_fields = fields


class ProfileAssignmentSerializer(ModelSerializer):
    """A post held, as the profile shows it (with the unit's name of that time)."""

    post = PostSerializer(read_only=True)
    unit_name_then = serializers.CharField(read_only=True)
    end_reason = serializers.ChoiceField(
        choices=EndReason.choices, allow_blank=True, read_only=True
    )
    decision = DecisionRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Assignment
        fields = [
            "id", "post", "unit_name_then", "kind", "is_concurrent", "start_date", "end_date",
            "end_reason", "decision", "note",
        ]  # fmt: skip
        read_only_fields = fields


class PersonSerializer(ModelSerializer):
    """The whole profile: the 2C fields and every section."""

    birth = serializers.CharField(read_only=True, help_text="ngày sinh như đã khai: 05/03/1975, 03/1975, 1975")  # fmt: skip
    unit = UnitRefSerializer(read_only=True)
    birthplace = AreaRefSerializer(read_only=True, allow_null=True)
    hometown = AreaRefSerializer(read_only=True, allow_null=True)
    is_party_member = serializers.BooleanField(read_only=True)
    retirement_date = serializers.SerializerMethodField()
    trainings = TrainingSerializer(many=True, read_only=True)
    work_history = WorkHistorySerializer(many=True, read_only=True)
    family = FamilyMemberSerializer(many=True, read_only=True)
    awards = AwardSerializer(many=True, read_only=True)
    salary_history = SalaryHistorySerializer(many=True, read_only=True)
    current_assignments = serializers.SerializerMethodField()
    past_assignments = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id", "version", *FORM_FIELDS, "birth", "birth_date", "birth_date_precision",
            "is_party_member", "retirement_date", "created_at", "updated_at",
            "trainings", "work_history", "family", "awards", "salary_history",
            "current_assignments", "past_assignments",
        ]  # fmt: skip
        read_only_fields = fields

    def build_relational_field(self, field_name, relation_info):
        if field_name in CATALOG_FIELDS:
            return CatalogRefSerializer, {"read_only": True, "allow_null": True}
        return super().build_relational_field(field_name, relation_info)

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_retirement_date(self, obj: Person) -> str | None:
        try:
            return retirement_date(obj.gender, obj.birth_date, obj.birth_date_precision).isoformat()
        except (ValueError, KeyError, LookupError):
            return None

    def _assignments(self, obj: Person, current: bool) -> list:
        rows = [a for a in obj.assignments.all() if a.is_current == current]
        return ProfileAssignmentSerializer(rows, many=True, context=self.context).data

    @extend_schema_field(ProfileAssignmentSerializer(many=True))
    def get_current_assignments(self, obj: Person) -> list:
        return self._assignments(obj, True)

    @extend_schema_field(ProfileAssignmentSerializer(many=True))
    def get_past_assignments(self, obj: Person) -> list:
        return self._assignments(obj, False)


# -- write


def _code_field(queryset, label: str) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=queryset,
        required=False,
        allow_null=True,
        help_text=_("mã (code) của %(label)s") % {"label": label},
    )


class PersonWriteSerializer(ModelSerializer):
    """What a client may write: the web form's fields; catalogs, areas and the unit by code.

    On update send the version read (`If-Match: "<version>"` or the field `version`)."""

    birth = serializers.CharField(
        max_length=20, help_text="ngày sinh như trên mẫu 2C: 05/03/1975, 03/1975 hoặc 1975"
    )
    unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.none())
    citizen_id = serializers.CharField(
        max_length=12, required=False, allow_null=True, allow_blank=True
    )  # uniqueness is checked by the model, with its Vietnamese message
    version = serializers.IntegerField(
        required=False, min_value=1, write_only=True, help_text="phiên bản đã đọc (thay If-Match)"
    )

    class Meta:
        model = Person
        fields = [*FORM_FIELDS, "birth", "version"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units

    def get_fields(self):
        result = super().get_fields()
        for name, model in CATALOG_FIELDS.items():
            result[name] = vietnamese_messages(
                _code_field(model.objects.all(), model._meta.verbose_name)
            )
        for name in AREA_FIELDS:
            result[name] = vietnamese_messages(_code_field(Area.objects.all(), _("địa bàn")))
        return result

    def validate_birth(self, value: str) -> PartialDate:
        try:
            return parse_partial_date(value)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def apply(self, person: Person) -> Person:
        """Copy the validated values onto `person` (not saved: services save)."""
        data = dict(self.validated_data)
        data.pop("version", None)
        birth = data.pop("birth", None)
        if birth is not None:
            person.birth_date = birth.value
            person.birth_date_precision = birth.precision
        for name, value in data.items():
            setattr(person, name, value)
        return person
