"""The roles seeded by migration (editable afterwards by an administrator in the admin)."""

from django.utils.translation import gettext_noop as _

# code, name, description, default actions, is_administrator, own_profile_only
ROLES = [
    ("administrator", _("Quản trị hệ thống"),
     _("Người dùng, vai trò, danh mục, sao lưu; mọi quyền trên mọi hồ sơ."),
     ["view", "change", "approve", "export", "audit", "discipline"], True, False),
    ("org-board", _("Cán bộ Ban Tổ chức"),
     _("Quản lý hồ sơ, nhập danh sách, ghi quyết định, lập báo cáo trong phạm vi được giao."),
     ["view", "change", "export"], False, False),
    ("leader", _("Lãnh đạo"),
     _("Xem hồ sơ cán bộ thuộc diện quản lý, phê duyệt, xuất báo cáo."),
     ["view", "approve", "export"], False, False),
    ("inspection", _("Ủy ban Kiểm tra"),
     _("Xem hồ sơ, ghi kỷ luật và kết quả kiểm tra, xem nhật ký thay đổi trong phạm vi được giao."),
     ["view", "discipline", "audit"], False, False),
    ("unit-officer", _("Cán bộ phụ trách nhân sự đơn vị"),
     _("Hồ sơ của đơn vị mình (cấp quyền không gồm đơn vị cấp dưới)."),
     ["view", "change"], False, False),
    ("cadre", _("Cán bộ (tự khai)"),
     _("Chỉ xem hồ sơ của chính mình và tự đánh giá."),
     ["view"], False, True),
]  # fmt: skip


def seed_roles(role_model) -> None:
    """Create or update the seeded roles (`role_model`: the migration's historical model, or
    `canbo.access.models.Role`)."""
    for order, (code, name, description, actions, admin, own) in enumerate(ROLES):
        role_model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "actions": actions,
                "is_administrator": admin,
                "own_profile_only": own,
                "sort_order": order,
            },
        )
