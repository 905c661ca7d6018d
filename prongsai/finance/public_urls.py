from django.urls import path, register_converter

from . import public_views


class BeMonth:
    regex = r"25\d\d-(0[1-9]|1[0-2])"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(BeMonth, "bemonth")

app_name = "finance_public"

# Mounted at <slug:agency>/
urlpatterns = [
    path("budget/<int:year>/", public_views.budget_page, name="budget"),
    path("budget/<int:year>/report.<str:fmt>", public_views.budget_download, name="budget_download"),
    path("budget/<int:year>/subsidies.<str:fmt>", public_views.subsidies_download, name="subsidies_download"),
    path("budget/<int:year>/chart.svg", public_views.budget_chart, name="budget_chart"),
    path("budget/<int:year>/ordinance/<str:token>/", public_views.ordinance, name="ordinance"),
    path("procurement/<int:year>/", public_views.procurement_page, name="procurement"),
    path(
        "procurement/<int:year>/report.<str:fmt>",
        public_views.procurement_download,
        name="procurement_download",
    ),
    path("procurement/<int:year>/ocds.json", public_views.procurement_ocds, name="procurement_ocds"),
    path("procurement/skr1/<bemonth:month>.<str:fmt>", public_views.skr1_download, name="skr1"),
    path(
        "procurement/documents/<str:token>/", public_views.procurement_document, name="procurement_document"
    ),
]
