from django.urls import path

from . import public_views

app_name = "integrity_public"

# Mounted at <slug:agency>/ (public pages of the agency)
urlpatterns = [
    path("complaints/", public_views.complaints_page, name="complaints"),
    path("complaints/new/", public_views.complaint_new, name="complaint_new"),
    path("complaints/statistics/<int:year>/", public_views.statistics_page, name="statistics"),
    path(
        "complaints/statistics/<int:year>.<str:fmt>",
        public_views.statistics_download,
        name="statistics_download",
    ),
    path("feedback/", public_views.feedback, name="feedback"),
    path("feedback/status/", public_views.status, name="status"),
    path("questions/", public_views.questions, name="questions"),
    path("announcements/<str:code>/", public_views.announcement, name="announcement"),
    path("announcements/<str:code>/signed.pdf", public_views.announcement_signed, name="announcement_signed"),
    path(
        "announcements/<str:code>/photos/<str:photo>/",
        public_views.announcement_photo,
        name="announcement_photo",
    ),
    path("risk-reports/<str:code>.<str:fmt>", public_views.risk_report, name="risk_report"),
]
