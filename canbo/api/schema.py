"""The OpenAPI schema: drf-spectacular's, with every error answer the API really gives.

Each operation documents its 401/403, lists their 400 (bad filter) and 404 (no such page),
detail paths their 404, writes their 400/415, and the profile writes their 412/428
(optimistic concurrency) and the `ETag` header, so that clients and schemathesis know them.
"""

from __future__ import annotations

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiParameter

JSON = "application/json"

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "{trường: [thông báo lỗi]}; lỗi chung ở non_field_errors",
    "additionalProperties": {},
}
STALE = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "version": {"type": "integer", "description": "phiên bản hiện tại của hồ sơ"},
        "changed": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "current": {"type": "string"},
                    "yours": {"type": "string"},
                },
                "required": ["field", "current", "yours"],
            },
        },
    },
    "required": ["detail", "version", "changed"],
}
ETAG_HEADER = {
    "ETag": {
        "schema": {"type": "string"},
        "description": "phiên bản hồ sơ, gửi lại trong If-Match khi sửa",
    }
}

ERRORS = {
    "400": ("Dữ liệu không hợp lệ", FIELD_ERRORS),
    "401": ("Chưa xác thực", ERROR),
    "403": ("Không có quyền", ERROR),
    "404": ("Không tìm thấy (không có, hoặc ngoài phạm vi được giao)", ERROR),
    "412": ("Hồ sơ đã được người khác sửa (phiên bản cũ)", STALE),
    "415": ("Kiểu dữ liệu không hỗ trợ", ERROR),
    "428": ("Thiếu If-Match hoặc version", ERROR),
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="ETag đã nhận khi đọc hồ sơ (hoặc gửi trường version trong dữ liệu)",
)


class AutoSchema(openapi.AutoSchema):
    """Adds the error answers (and the concurrency header) to every operation."""

    def get_description(self) -> str:
        """The view's `api_description` (Vietnamese, for the readers of the docs), not its
        docstring (English, for the readers of the code)."""
        return str(getattr(self.view, "api_description", ""))

    def _error_codes(self) -> list[str]:
        codes = ["401", "403"]
        has_id = "{" in self.path
        if self._is_list_view():
            codes += ["400", "404"]
        elif has_id:
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["400", "415"]
        if self._versioned() and self.method in ("PUT", "PATCH"):
            codes += ["412", "428"]
        return sorted(set(codes))

    def _versioned(self) -> bool:
        return getattr(self.view, "versioned", False)

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._versioned() and self.method in ("PUT", "PATCH"):
            parameters = [*parameters, IF_MATCH]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        if self._versioned() and ("{" in self.path or self.method == "POST"):
            for code in ("200", "201"):
                if code in responses:
                    responses[code]["headers"] = dict(ETAG_HEADER)
        for code in self._error_codes():
            if code not in responses:
                description, schema = ERRORS[code]
                responses[code] = {
                    "content": {JSON: {"schema": schema}},
                    "description": description,
                }
        return responses
