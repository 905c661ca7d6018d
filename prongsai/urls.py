from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from prongsai.agencies import views as agencies_views
from prongsai.api.api import api
from prongsai.portal import views as portal_views

admin.site.site_header = "Prongsai"

urlpatterns = [
    # First: load balancers ask it several times a second, and every pattern before it is a regex tried.
    path("healthz", portal_views.healthz, name="healthz"),
    # Without a CSRF token: choosing the language changes nothing of anyone's data, and a token in every
    # page's language switch would make no public page cacheable (portal/http_cache.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("staff/<slug:agency>/plans/", include("prongsai.plans.urls")),
    path("staff/<slug:agency>/oit/", include("prongsai.disclosure.urls")),
    path("staff/<slug:agency>/content/", include("prongsai.content.urls")),
    path("staff/<slug:agency>/datasets/", include("prongsai.datasets.urls")),
    path("staff/<slug:agency>/eservice/", include("prongsai.eservice.urls")),
    path("staff/<slug:agency>/integrity/", include("prongsai.integrity.urls")),
    path("staff/<slug:agency>/assessment/", include("prongsai.assessment.urls")),
    path("staff/<slug:agency>/finance/", include("prongsai.finance.urls")),
    path("staff/<slug:agency>/property/", include("prongsai.property.urls")),
    path("staff/<slug:agency>/city/", include("prongsai.city.urls")),
    path("audit-heads.json", agencies_views.audit_heads, name="audit_heads"),
    path("staff/tokens/", include("prongsai.api.urls")),
    path("staff/", include("prongsai.agencies.urls")),
    path("track/", include("prongsai.eservice.track_urls")),
    path("report/", include("prongsai.integrity.report_urls")),
    # Public pages last: /<agency>/ catches any slug.
    path("<slug:agency>/services/", include("prongsai.eservice.public_urls")),
    path("<slug:agency>/plan/", include("prongsai.plans.public_urls")),
    path("<slug:agency>/survey/", include("prongsai.assessment.public_urls")),
    path("<slug:agency>/property/", include("prongsai.property.public_urls")),
    # Drawn by the portal from the providers' data, at the item's stable address.
    path(
        "<slug:agency>/oit/<int:year>/<str:code>/infographic.<str:fmt>",
        portal_views.item_infographic,
        name="infographic",
    ),
    path("<slug:agency>/oit/", include("prongsai.disclosure.public_urls")),
    path("<slug:agency>/", include("prongsai.content.public_urls")),
    path("<slug:agency>/", include("prongsai.datasets.public_urls")),
    path("<slug:agency>/", include("prongsai.integrity.public_urls")),
    path("<slug:agency>/", include("prongsai.finance.public_urls")),
    path("search/", portal_views.search_page, name="search"),
    path("<slug:agency>/search/", portal_views.search_page, name="agency_search"),
    path("<slug:agency>/data/catalog.jsonld", portal_views.dcat_catalog, name="dcat"),
    path("", include("prongsai.portal.urls")),
]

handler400 = "prongsai.portal.errors.bad_request"
handler403 = "prongsai.portal.errors.permission_denied"
handler404 = "prongsai.portal.errors.page_not_found"
handler500 = "prongsai.portal.errors.server_error"
