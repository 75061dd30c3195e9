"""Optimistic concurrency over HTTP: a profile's ETag is its version; an update names the
version it was based on in `If-Match` (or in the field `version`)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"
    default_detail = gettext_lazy(
        "Thiếu phiên bản: gửi tiêu đề If-Match với ETag đã nhận khi đọc hồ sơ, hoặc trường "
        "version trong dữ liệu, để không ghi đè thay đổi của người khác."
    )


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(header: str) -> list[int]:
    """The versions named by an If-Match header: `"3"`, `W/"3"`, `3` or a list of them."""
    versions = []
    for tag in header.split(","):
        tag = tag.strip()
        if tag == "*":
            raise PreconditionRequired(
                _("If-Match: * không đủ: hãy gửi đúng ETag (phiên bản) đã nhận khi đọc hồ sơ.")
            )
        value = tag.removeprefix("W/").strip('"')
        if not value.isascii() or not value.isdigit() or len(value) > 9:
            raise exceptions.ValidationError(
                {"If-Match": [_("If-Match không hợp lệ: cần ETag đã nhận khi đọc hồ sơ, ví dụ \"3\".")]}
            )  # fmt: skip
        versions.append(int(value))
    return versions


def expected_version(request, person) -> int:
    """The version the client's update is based on; raises 428 when it names none."""
    header = request.headers.get("If-Match", "").strip()
    if header:
        versions = parse_if_match(header)
        return person.version if person.version in versions else versions[0]
    data = request.data
    version = data.get("version") if hasattr(data, "get") else None
    if version in (None, ""):
        raise PreconditionRequired()
    try:
        return int(version)
    except (TypeError, ValueError):
        raise exceptions.ValidationError(
            {"version": [_("Phiên bản phải là một số nguyên (đọc từ hồ sơ).")]}
        ) from None
