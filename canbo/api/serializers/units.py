"""Units of the tree."""

from __future__ import annotations

from rest_framework import serializers

from canbo.units.models import Unit, UnitName

from .common import AreaRefSerializer, ModelSerializer, UnitRefSerializer


class UnitSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    parent = UnitRefSerializer(read_only=True, allow_null=True)
    area = AreaRefSerializer(read_only=True, allow_null=True)
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id", "code", "name", "kind", "kind_display", "parent", "path", "depth", "area",
            "valid_from", "valid_to", "is_active",
        ]  # fmt: skip
        read_only_fields = fields


class FormerNameSerializer(ModelSerializer):
    class Meta:
        model = UnitName
        fields = ["name", "valid_from", "valid_to"]
        read_only_fields = fields


class UnitDetailSerializer(UnitSerializer):
    """A unit with its former names, its children and the people counted in the user's scope."""

    former_names = FormerNameSerializer(many=True, read_only=True)
    children = UnitRefSerializer(source="visible_children", many=True, read_only=True)
    people_here = serializers.IntegerField(
        read_only=True, help_text="cán bộ đang công tác tại chính đơn vị (trong phạm vi được giao)"
    )
    people_total = serializers.IntegerField(
        read_only=True,
        help_text="cán bộ đang công tác trong cả cây đơn vị (trong phạm vi được giao)",
    )

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "former_names", "children", "people_here", "people_total"]  # fmt: skip
        read_only_fields = fields
