"""The API's views. Each declares its queryset (restricted by the user's grants: outside them a
record is "not found", exactly like a missing one), its serializers and filters; writes go
through the services of the domain apps."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from canbo.access.scope import can, decisions_for, people_for, units_for
from canbo.audit import record_view
from canbo.people.models import Person
from canbo.people.selectors import with_current_posts
from canbo.people.services import StaleVersionError, changed_fields, person_create, person_update
from canbo.posts.models import Title
from canbo.posts.services import assignment_create

from . import filters, serializers
from .concurrency import etag, expected_version
from .errors import validation_error
from .selectors import assignments_for, posts_for, profiles


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@schema(None)
def not_found_view(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404, as the API answers everywhere."""
    raise exceptions.NotFound()


class ApiViewSet(viewsets.GenericViewSet):
    """Filters and ordering apply to lists only: a detail is found by its key alone."""

    filter_backends = [*viewsets.GenericViewSet.filter_backends, OrderingFilter]
    lookup_value_regex = "[^/]+"  # any key reaches the view: a bad one is a JSON 404

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)


class ReadOnlyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    pass


@extend_schema_view(
    list=extend_schema(summary="Danh sách đơn vị"),
    retrieve=extend_schema(summary="Một đơn vị, với số cán bộ trong phạm vi được giao"),
)
class UnitViewSet(ReadOnlyViewSet):
    """Units of the tree that the user's grants cover; looked up by code."""

    api_description = gettext_lazy(
        "Các đơn vị trong phạm vi được giao, tra theo mã. Một đơn vị kèm tên cũ, đơn vị con và "
        "số cán bộ đang công tác (chỉ đếm cán bộ trong phạm vi được giao)."
    )

    lookup_field = "code"
    filterset_class = filters.UnitFilter
    ordering_fields = ["path", "name", "code"]
    ordering = ["path"]

    def get_queryset(self):
        units = units_for(self.request.user, "view")
        queryset = units.select_related("parent", "area")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("former_names")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.UnitDetailSerializer
        return serializers.UnitSerializer

    def retrieve(self, request, *args, **kwargs):
        unit = self.get_object()
        unit.visible_children = list(
            units_for(request.user, "view").filter(parent=unit).order_by("path")
        )
        people = people_for(request.user, "view").active()
        unit.people_here = people.filter(unit=unit).count()
        unit.people_total = people.in_subtree(unit).count()
        return Response(self.get_serializer(unit).data)


@extend_schema_view(list=extend_schema(summary="Danh sách chức danh"))
class TitleViewSet(ReadOnlyViewSet):
    """Titles and their standards (a catalog: every signed-in user reads it)."""

    api_description = gettext_lazy("Chức danh và tiêu chuẩn chức danh (danh mục dùng chung).")

    serializer_class = serializers.TitleSerializer
    filterset_class = filters.TitleFilter
    ordering_fields = ["rank", "name", "code"]

    def get_queryset(self):
        return Title.objects.select_related(
            "management_tier", "min_qualification", "min_political_theory", "min_state_management"
        ).order_by("-rank", "name", "pk")


@extend_schema_view(list=extend_schema(summary="Danh sách vị trí (chức danh tại đơn vị)"))
class PostViewSet(ReadOnlyViewSet):
    """Posts at the units the user may view."""

    api_description = gettext_lazy("Vị trí: một chức danh tại một đơn vị trong phạm vi được giao.")
    serializer_class = serializers.PostSerializer
    filterset_class = filters.PostFilter
    ordering_fields = ["unit__path", "title__rank"]

    def get_queryset(self):
        return (
            posts_for(self.request.user)
            .select_related("unit", "title")
            .order_by("unit__path", "-title__rank", "pk")
        )


@extend_schema_view(list=extend_schema(summary="Danh sách quyết định"))
class DecisionViewSet(ReadOnlyViewSet):
    """Decisions behind the assignments of the people the user may view."""

    api_description = gettext_lazy(
        "Quyết định liên quan đến cán bộ trong phạm vi được giao (và quyết định chưa gắn với "
        "ai, cho người có quyền sửa)."
    )
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilter
    ordering_fields = ["issued_on", "number"]

    def get_queryset(self):
        return decisions_for(self.request.user).order_by("-issued_on", "number", "pk")


@extend_schema_view(
    list=extend_schema(summary="Quá trình giữ chức vụ"),
    create=extend_schema(
        summary="Bổ nhiệm, điều động … một cán bộ vào một vị trí",
        request=serializers.AssignmentCreateSerializer,
        responses={201: serializers.AssignmentSerializer},
    ),
)
class AssignmentViewSet(mixins.CreateModelMixin, ReadOnlyViewSet):
    """Assignments of the people the user may view; created through `assignment_create`."""

    api_description = gettext_lazy(
        "Quá trình giữ chức vụ của cán bộ trong phạm vi được giao. Ghi mới cần quyền sửa hồ sơ: "
        "chức vụ chính hiện tại kết thúc vào ngày hôm trước, đơn vị và diện quản lý của hồ sơ "
        "theo vị trí mới."
    )
    filterset_class = filters.AssignmentFilter
    ordering_fields = ["start_date", "end_date"]

    def get_queryset(self):
        return (
            assignments_for(self.request.user)
            .select_related("person", "post__unit", "post__title", "decision")
            .prefetch_related("post__unit__former_names")
            .order_by("-start_date", "pk")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.AssignmentCreateSerializer
        return serializers.AssignmentSerializer

    def get_serializer(self, *args, **kwargs):
        if self.action == "create":
            user = self.request.user
            kwargs.update(
                people=people_for(user, "view"),
                posts=posts_for(user).select_related("unit", "title"),
                decisions=decisions_for(user),
            )
        return super().get_serializer(*args, **kwargs)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = assignment_create(**serializer.validated_data)
        assignment = self.get_queryset().get(pk=assignment.pk)
        data = serializers.AssignmentSerializer(assignment, context=self.get_serializer_context())
        return Response(data.data, status=status.HTTP_201_CREATED)


def _with_etag(response: Response, person: Person) -> Response:
    response["ETag"] = etag(person.version)
    return response


@extend_schema_view(
    list=extend_schema(summary="Danh sách cán bộ (cùng bộ lọc với trang danh sách)"),
    retrieve=extend_schema(summary="Hồ sơ cán bộ (mẫu 2C) với các phần"),
    create=extend_schema(
        summary="Tạo hồ sơ cán bộ",
        request=serializers.PersonWriteSerializer,
        responses={201: serializers.PersonSerializer},
    ),
    update=extend_schema(
        summary="Sửa hồ sơ (cần If-Match hoặc version)",
        request=serializers.PersonWriteSerializer,
        responses={200: serializers.PersonSerializer},
    ),
    partial_update=extend_schema(
        summary="Sửa một phần hồ sơ (cần If-Match hoặc version)",
        request=serializers.PersonWriteSerializer,
        responses={200: serializers.PersonSerializer},
    ),
)
class PersonViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnlyViewSet
):  # fmt: skip
    """Profiles within the user's grants. Writes need "change" on the profile (and on the unit
    it is put in), and an update needs the version read (optimistic concurrency)."""

    api_description = gettext_lazy(
        "Hồ sơ cán bộ trong phạm vi được giao; ngoài phạm vi là “không tìm thấy” (404) như hồ sơ "
        "không có. Danh sách dùng cùng bộ lọc với trang danh sách (mặc định chỉ cán bộ đang công "
        "tác: status= để lấy tất cả). Sửa hồ sơ cần quyền sửa và phiên bản đã đọc: tiêu đề "
        "If-Match với ETag, hoặc trường version; phiên bản cũ bị từ chối (412) kèm các khác biệt, "
        "thiếu phiên bản bị từ chối (428)."
    )

    versioned = True  # ETag / If-Match in the schema (see canbo.api.schema)
    filterset_class = filters.ApiPersonFilter
    filter_backends = ApiViewSet.filter_backends[:-1]  # `sort` of the web list orders people

    def get_queryset(self):
        people = people_for(self.request.user, "view")
        if self.action == "list":
            return people.select_related(
                "unit", "qualification_level", "political_theory", "ethnicity"
            ).defer("personal_history", "remarks")
        return profiles(people)

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.PersonListSerializer
        if self.action in ("create", "update", "partial_update"):
            return serializers.PersonWriteSerializer
        return serializers.PersonSerializer

    def get_serializer(self, *args, **kwargs):
        if self.get_serializer_class() is serializers.PersonWriteSerializer:
            kwargs["units"] = units_for(self.request.user, "view")
        return super().get_serializer(*args, **kwargs)

    def _profile(self, person: Person, status_code: int = status.HTTP_200_OK) -> Response:
        person = profiles(Person.objects.all()).get(pk=person.pk)
        data = serializers.PersonSerializer(person, context=self.get_serializer_context()).data
        return _with_etag(Response(data, status=status_code), person)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        with_current_posts(page, date.today())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        data = self.get_serializer(person).data
        record_view(request, person)  # who saw whom, when
        return _with_etag(Response(data), person)

    def _check_scope(self, person: Person) -> None:
        """The profile, as it will be saved, must stay within the user's "change" grants."""
        if not can(self.request.user, "change", person):
            raise exceptions.ValidationError(
                {"unit": [_("Bạn không có quyền thêm, sửa hồ sơ ở đơn vị (và diện quản lý) này.")]}
            )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person = serializer.apply(Person())
        self._check_scope(person)
        person = self._save(person_create, person=person)
        response = self._profile(person, status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"{request.path}{person.pk}/")
        return response

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        person = self.get_object()
        if not can(request.user, "change", person):
            raise exceptions.PermissionDenied(_("Bạn chỉ được xem hồ sơ này, không được sửa."))
        serializer = self.get_serializer(person, data=request.data, partial=partial)
        version = expected_version(request, person)  # 428 / 400 before anything else
        serializer.is_valid(raise_exception=True)
        serializer.apply(person)
        self._check_scope(person)
        try:
            person = self._save(person_update, person=person, expected_version=version)
        except StaleVersionError as exc:
            return self._stale(person, exc.current)
        return self._profile(person)

    def _save(self, service, **kwargs) -> Person:
        try:
            with transaction.atomic():
                return service(**kwargs)
        except ValidationError as exc:
            raise validation_error(
                exc, {"birth_date": "birth", "birth_date_precision": "birth"}
            ) from exc

    def _stale(self, mine: Person, current: Person) -> Response:
        body = {
            "detail": _(
                "Hồ sơ đã được người khác lưu (phiên bản %(v)d). Thay đổi của bạn CHƯA được lưu: "
                "hãy đọc lại hồ sơ, xem các khác biệt rồi gửi lại với phiên bản mới."
            ) % {"v": current.version},
            "version": current.version,
            "changed": [
                {"field": label, "current": theirs, "yours": yours}
                for label, theirs, yours in changed_fields(mine, current)
            ],
        }  # fmt: skip
        return _with_etag(Response(body, status=status.HTTP_412_PRECONDITION_FAILED), current)
