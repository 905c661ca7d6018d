from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import StaffLoginForm

app_name = "staff"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="staff/login.html",
            redirect_authenticated_user=True,
            authentication_form=StaffLoginForm,
            extra_context={"otp_required": settings.OTP_REQUIRED},
        ),
        name="login",
    ),
    # Django's own reset by e-mail: a one-time signed link that expires (PASSWORD_RESET_TIMEOUT); the page
    # says the same whether or not the address has an account.
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="staff/password_reset_form.html",
            email_template_name="staff/password_reset_email.txt",
            subject_template_name="staff/password_reset_subject.txt",
            success_url=reverse_lazy("staff:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="staff/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="staff/password_reset_confirm.html",
            success_url=reverse_lazy("staff:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="staff/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("2fa/", views.twofactor_verify, name="twofactor_verify"),
    path("2fa/setup/", views.twofactor_setup, name="twofactor_setup"),
    path("preferences/", views.preferences, name="preferences"),
    path("", views.home, name="home"),
    path("<slug:agency>/", views.dashboard, name="dashboard"),
    path("<slug:agency>/audit/", views.audit_log, name="audit"),
    path("<slug:agency>/settings/", views.agency_settings, name="agency_settings"),
    path("<slug:agency>/holidays/", views.holidays, name="holidays"),
    path("<slug:agency>/holidays/<int:holiday_id>/remove/", views.holiday_remove, name="holiday_remove"),
]
