from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "canbo.posts"
    verbose_name = _("Chức danh, vị trí, quyết định")
