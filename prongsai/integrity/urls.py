from django.urls import path

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
]
