from django.contrib import admin
from django.urls import include, path

from talenta.config.api import api
from talenta.core import converters  # noqa: F401  (registers the bounded id and year converters)

urlpatterns = [
    path("", include("talenta.core.urls")),
    path("", include("talenta.org.urls")),
    path("", include("talenta.people.urls")),
    path("", include("talenta.imports.urls")),
    path("", include("talenta.analytics.urls")),
    path("", include("talenta.learning.urls")),
    path("", include("talenta.coordination.urls")),
    path("", include("talenta.indices.urls")),
    path("", include("talenta.dprd.urls")),
    path("", include("talenta.talent.urls")),
    path("", include("talenta.governance.urls")),
    path("", include("talenta.dashboards.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
