from django.urls import path

from . import (
    converters,  # noqa: F401 (registers <plan:…>)
    exports,
    views,
)

app_name = "plans_public"

# Mounted at <slug:agency>/plan/
urlpatterns = [
    path("<plan:year>/", views.public_plan, name="plan"),
    path("<plan:year>/plan.<str:fmt>", exports.plan_export_public, name="export"),
]
