from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="staff/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("<slug:agency>/", views.dashboard, name="dashboard"),
    path("<slug:agency>/audit/", views.audit_log, name="audit"),
    path("<slug:agency>/holidays/", views.holidays, name="holidays"),
    path("<slug:agency>/holidays/<int:holiday_id>/remove/", views.holiday_remove, name="holiday_remove"),
]
