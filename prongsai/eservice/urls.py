from django.urls import path

from . import staff_views as views

app_name = "eservice"

# Mounted at staff/<slug:agency>/eservice/
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.request_new, name="new"),
    path("statistics/", views.statistics, name="statistics"),
    path("services/", views.catalogue, name="catalogue"),
    path("services/new/", views.service_new, name="service_new"),
    path("services/<slug:slug>/edit/", views.service_edit, name="service_edit"),
    path("requests/<str:code>/", views.request_detail, name="request"),
    path("requests/<str:code>/transition/", views.request_transition, name="transition"),
    path("requests/<str:code>/note/", views.request_note, name="note"),
    path("requests/<str:code>/files/<int:file_id>/", views.request_file, name="file"),
]
