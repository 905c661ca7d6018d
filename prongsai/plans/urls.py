from django.urls import path

from . import (
    converters,  # noqa: F401 (registers <plan:…>)
    exports,
    views,
)

app_name = "plans"

# Mounted at staff/<slug:agency>/plans/
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import, name="import"),
    path("new/", views.plan_create, name="create"),
    path("memo-settings/", views.memo_settings, name="memo_settings"),
    path("<plan:year>/review/", views.plan_review, name="review_import"),
    path("<plan:year>/next-year/", views.plan_start_from, name="start_from"),
    path("<plan:year>/activities/new/", views.activity_edit, name="activity_add"),
    path("<plan:year>/activities/<int:activity_id>/edit/", views.activity_edit, name="activity_edit"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("<plan:year>/", views.dashboard, name="dashboard"),
    path("<plan:year>/mine/", views.my_activities, name="mine"),
    path("<plan:year>/activities/<int:activity_id>/", views.activity_detail, name="activity"),
    path("<plan:year>/reports/<int:report_id>/review/", views.report_review, name="review"),
    path("<plan:year>/export.<str:fmt>", exports.plan_export_staff, name="export"),
    path("<plan:year>/monthly/<str:month>.<str:fmt>", exports.monthly_report_export, name="monthly_export"),
]
