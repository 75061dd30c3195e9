"""The API's serializers, one module per domain."""

from .people import PersonListSerializer, PersonSerializer, PersonWriteSerializer
from .posts import (
    AssignmentCreateSerializer,
    AssignmentSerializer,
    DecisionSerializer,
    PostSerializer,
    TitleSerializer,
)
from .units import UnitDetailSerializer, UnitSerializer

__all__ = [
    "AssignmentCreateSerializer",
    "AssignmentSerializer",
    "DecisionSerializer",
    "PersonListSerializer",
    "PersonSerializer",
    "PersonWriteSerializer",
    "PostSerializer",
    "TitleSerializer",
    "UnitDetailSerializer",
    "UnitSerializer",
]
