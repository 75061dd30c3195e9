"""Titles, posts, decisions and assignments."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from canbo.access.scope import can
from canbo.people.models import Person
from canbo.posts.choices import AssignmentKind, EndReason
from canbo.posts.models import Assignment, Decision, Post, Title

from .common import CatalogRefSerializer, ModelSerializer, Serializer, UnitRefSerializer


class TitleRefSerializer(ModelSerializer):
    class Meta:
        model = Title
        fields = ["id", "code", "name"]
        read_only_fields = fields


class TitleSerializer(ModelSerializer):
    group_display = serializers.CharField(source="get_group_display", read_only=True)
    management_tier = CatalogRefSerializer(read_only=True, allow_null=True)
    min_qualification = CatalogRefSerializer(read_only=True, allow_null=True)
    min_political_theory = CatalogRefSerializer(read_only=True, allow_null=True)
    min_state_management = CatalogRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Title
        fields = [
            "id", "code", "name", "group", "group_display", "is_key", "is_leadership", "rank",
            "management_tier", "min_qualification", "min_political_theory", "min_state_management",
            "description",
        ]  # fmt: skip
        read_only_fields = fields


class PostSerializer(ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    title = TitleRefSerializer(read_only=True)

    class Meta:
        model = Post
        fields = ["id", "unit", "title", "seats"]
        read_only_fields = fields


class DecisionRefSerializer(ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "number", "issued_on", "issuer"]
        read_only_fields = fields


class DecisionSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id", "number", "issued_on", "effective_on", "issuer", "signer", "kind",
            "kind_display", "summary", "has_file",
        ]  # fmt: skip
        read_only_fields = fields

    def get_has_file(self, obj: Decision) -> bool:
        return bool(obj.file)


class PersonRefSerializer(ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "full_name"]
        read_only_fields = fields


class AssignmentSerializer(ModelSerializer):
    """A person in a post, with the unit's name of that time (units are renamed and merged)."""

    person = PersonRefSerializer(read_only=True)
    post = PostSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    end_reason = serializers.ChoiceField(
        choices=EndReason.choices, allow_blank=True, read_only=True
    )
    end_reason_display = serializers.CharField(source="get_end_reason_display", read_only=True)
    decision = DecisionRefSerializer(read_only=True, allow_null=True)
    is_current = serializers.BooleanField(read_only=True)
    unit_name_then = serializers.CharField(read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id", "person", "post", "unit_name_then", "kind", "kind_display", "is_concurrent",
            "start_date", "end_date", "end_reason", "end_reason_display", "decision", "note",
            "is_current",
        ]  # fmt: skip
        read_only_fields = fields


class AssignmentCreateSerializer(Serializer):
    """Put a person in a post (`posts.services.assignment_create`)."""

    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    post = serializers.PrimaryKeyRelatedField(queryset=Post.objects.none())
    kind = serializers.ChoiceField(choices=AssignmentKind.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    decision = serializers.PrimaryKeyRelatedField(
        queryset=Decision.objects.none(), required=False, allow_null=True, default=None
    )
    is_concurrent = serializers.BooleanField(required=False, default=False)
    end_current = serializers.BooleanField(
        required=False,
        default=True,
        help_text="kết thúc chức vụ chính hiện tại vào ngày hôm trước",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

    def __init__(self, *args, people=None, posts=None, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()
        self.fields["post"].queryset = posts if posts is not None else Post.objects.none()
        self.fields["decision"].queryset = (
            decisions if decisions is not None else Decision.objects.none()
        )

    def validate_person(self, person: Person) -> Person:
        user = self.context["request"].user
        if not can(user, "change", person):
            raise serializers.ValidationError(_("Bạn không có quyền sửa hồ sơ này."))
        return person

    def validate(self, attrs):
        end_date = attrs.get("end_date")
        if end_date is not None and end_date < attrs["start_date"]:
            raise serializers.ValidationError(
                {"end_date": [_("Ngày thôi giữ chức vụ không được trước ngày bắt đầu.")]}
            )
        return attrs
