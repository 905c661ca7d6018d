from django.urls import path

from . import views

app_name = "assessment"

# Mounted at staff/<slug:agency>/assessment/
urlpatterns = [
    path("", views.home, name="home"),
    path("rounds/<str:code>/", views.round_dashboard, name="round"),
    path("rounds/<str:code>/settings/", views.round_settings, name="settings"),
    path("rounds/<str:code>/wording/", views.round_wording, name="wording"),
    path("rounds/<str:code>/invitations/", views.invitations, name="invitations"),
    path("rounds/<str:code>/poster.pdf", views.poster, name="poster"),
    path("rounds/<str:code>/state/", views.round_state, name="state"),
]
