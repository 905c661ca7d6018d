from django.urls import path

from . import exports, views

app_name = "plans_public"

# Mounted at <slug:agency>/plan/
urlpatterns = [
    path("<int:year>/", views.public_plan, name="plan"),
    path("<int:year>/plan.<str:fmt>", exports.plan_export_public, name="export"),
]
