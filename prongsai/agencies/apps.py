from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "prongsai.agencies"
    daily_tasks = ["prongsai.agencies.tasks.audit_checkpoint"]
    verbose_name = _("หน่วยงานและเจ้าหน้าที่")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import session_started

        # Django's own sign-in event: the one place that sees every login (the form, force_login, the admin).
        user_logged_in.connect(session_started, dispatch_uid="agencies.session_started")
