from django.urls import path

from . import register_views as rv
from . import views

app_name = "integrity"

# Mounted at staff/<slug:agency>/integrity/
urlpatterns = [
    path("", views.home, name="home"),
    path("complaints/", views.complaint_queue, name="queue"),
    path("complaints/overview/", views.complaint_overview, name="overview"),
    path("complaints/new/", views.complaint_record, name="record"),
    path("complaints/access-log/", views.access_log, name="access_log"),
    path("complaints/<str:ref>/", views.complaint_case, name="case"),
    path("complaints/<str:ref>/identity/", views.complaint_identity, name="identity"),
    path("complaints/<str:ref>/move/", views.complaint_move, name="move"),
    path("complaints/<str:ref>/refer/", views.complaint_refer, name="refer"),
    path("complaints/<str:ref>/reply/", views.complaint_reply, name="reply"),
    path("complaints/<str:ref>/export/", views.complaint_export, name="export"),
    path("complaints/<str:ref>/evidence/<str:token>/", views.complaint_evidence, name="evidence"),
    path("feedback/", views.feedback_queue, name="feedback"),
    path("feedback/<str:code>/", views.feedback_detail, name="feedback_detail"),
    path("feedback/<str:code>/<slug:action>/", views.feedback_action, name="feedback_action"),
    path("questions/", views.question_queue, name="questions"),
    path("questions/<str:code>/", views.question_detail, name="question_detail"),
    path("questions/<str:code>/<slug:action>/", views.question_action, name="question_action"),
    path("settings/", views.channel_settings, name="settings"),
    path("risks/", rv.risk_register, name="risks"),
    path("risks/new/", rv.risk_new, name="risk_new"),
    path("risks/criteria/", rv.criteria, name="risk_criteria"),
    path("risks/findings/", rv.findings, name="risk_findings"),
    path("risks/findings/<str:code>/document/", rv.finding_document, name="risk_finding_document"),
    path("risks/heatmap.svg", rv.heatmap, name="risk_heatmap"),
    path("risks/reports/<int:year>/<slug:kind>.<str:fmt>", rv.report_preview, name="risk_report"),
    path("risks/reports/<int:year>/<slug:kind>/publish/", rv.report_publish, name="risk_report_publish"),
    path("risks/<str:code>/", rv.risk_detail, name="risk"),
    path("risks/<str:code>/edit/", rv.risk_edit, name="risk_edit"),
    path("risks/<str:code>/state/", rv.risk_state, name="risk_state"),
    path("risks/<str:code>/sources/", rv.risk_source, name="risk_source"),
    path("announcements/", rv.announcement_list, name="announcements"),
    path("announcements/new/", rv.announcement_new, name="announcement_new"),
    path("announcements/<str:code>/", rv.announcement_detail, name="announcement"),
    path("announcements/<str:code>/signed.pdf", rv.announcement_file, name="announcement_file"),
    path("announcements/<str:code>/photos/<str:photo>/", rv.announcement_photo, name="announcement_photo"),
    path("announcements/<str:code>/<slug:action>/", rv.announcement_action, name="announcement_action"),
]
