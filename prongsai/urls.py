from django.contrib import admin
from django.urls import include, path

from prongsai.api.api import api

admin.site.site_header = "Prongsai"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("staff/<slug:agency>/plans/", include("prongsai.plans.urls")),
    path("staff/", include("prongsai.agencies.urls")),
    # Public pages last: /<agency>/ catches any slug.
    path("<slug:agency>/plan/", include("prongsai.plans.public_urls")),
    path("", include("prongsai.portal.urls")),
]
