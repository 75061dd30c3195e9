"""Small read-only references shared by the API's serializers."""

from __future__ import annotations

from rest_framework import serializers

from canbo.api.errors import VietnameseErrorsMixin
from canbo.units.models import Area, Unit


class Serializer(VietnameseErrorsMixin, serializers.Serializer):
    pass


class ModelSerializer(VietnameseErrorsMixin, serializers.ModelSerializer):
    pass


class CatalogRefSerializer(serializers.Serializer):
    """A catalog row (ethnicity, qualification level …): id (for filters), code, name."""

    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class AreaRefSerializer(ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "code", "name", "division_type", "valid_to"]
        read_only_fields = fields


class UnitRefSerializer(ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name"]
        read_only_fields = fields
