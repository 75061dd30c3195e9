from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    WEB = "web", _("Giao diện web")
    API = "api", _("API")
    IMPORT = "import", _("Nhập dữ liệu")
    CLI = "cli", _("Dòng lệnh")
    SYSTEM = "system", _("Hệ thống")


class Action(models.TextChoices):
    CREATE = "create", _("Tạo")
    UPDATE = "update", _("Sửa")
    DELETE = "delete", _("Xóa")
    VIEW = "view", _("Xem hồ sơ")
    EXPORT = "export", _("Xuất dữ liệu")
    LOGIN = "login", _("Đăng nhập")
    LOGOUT = "logout", _("Đăng xuất")
    LOGIN_FAILED = "login_failed", _("Đăng nhập sai")
    BACKUP = "backup", _("Sao lưu")
    RESTORE = "restore", _("Khôi phục")
