from django.urls import path

from . import exports, views

app_name = "plans"

# Mounted at staff/<slug:agency>/plans/
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import, name="import"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("<int:year>/", views.dashboard, name="dashboard"),
    path("<int:year>/mine/", views.my_activities, name="mine"),
    path("<int:year>/activities/<int:activity_id>/", views.activity_detail, name="activity"),
    path("<int:year>/reports/<int:report_id>/review/", views.report_review, name="review"),
    path("<int:year>/export.<str:fmt>", exports.plan_export_staff, name="export"),
    path("<int:year>/monthly/<str:month>.<str:fmt>", exports.monthly_report_export, name="monthly_export"),
]
