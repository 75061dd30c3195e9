"""/api/: the resources, the OpenAPI 3 schema and the browsable docs (served offline)."""

from django.conf import settings
from django.urls import path, re_path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import routers

from . import views

app_name = "api"


class Router(routers.DefaultRouter):
    include_format_suffixes = False


router = Router()
router.register("units", views.UnitViewSet, basename="unit")
router.register("people", views.PersonViewSet, basename="person")
router.register("titles", views.TitleViewSet, basename="title")
router.register("posts", views.PostViewSet, basename="post")
router.register("assignments", views.AssignmentViewSet, basename="assignment")
router.register("decisions", views.DecisionViewSet, basename="decision")


def docs_page(view):
    """The docs are pages for people: behind the web login like every other page. (DRF marks
    its views `login_required = False`: it authenticates API calls itself, token or session,
    and answers 401 in JSON, where Django's LoginRequiredMiddleware would redirect.)
    Swagger UI and Redoc style their pages with inline styles (and Redoc searches in a blob
    worker): the content security policy allows that on these two pages only."""
    csp = {**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
    csp["worker-src"] = [CSP.SELF, "blob:"]
    view = csp_override(csp)(view)
    view.login_required = True
    return view


urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        docs_page(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html"
            )
        ),
        name="docs",
    ),
    path(
        "redoc/",
        docs_page(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    re_path(r"^.+/$", views.not_found_view),  # after APPEND_SLASH: any other address
]
