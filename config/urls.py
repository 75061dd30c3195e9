from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from canbo.core.forms import LoginForm
from canbo.security.views import LoginView

urlpatterns = [
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("canbo.security.urls")),  # second factor (TOTP)
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("canbo.core.urls")),
    path("units/", include("canbo.units.urls")),
    path("people/", include("canbo.people.urls")),
    path("exports/", include("canbo.exports.urls")),
    path("posts/", include("canbo.posts.urls")),
    path("imports/", include("canbo.imports.urls")),
    path("stats/", include("canbo.stats.urls")),
    path("api/", include("canbo.api.urls")),
    path("audit/", include("canbo.audit.urls")),
    path("evaluation/", include("canbo.evaluation.urls")),
    path("access/", include("canbo.access.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
