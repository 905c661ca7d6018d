from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "prongsai.agencies"
    daily_tasks = ["prongsai.agencies.tasks.audit_checkpoint"]
    verbose_name = _("หน่วยงานและเจ้าหน้าที่")

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from . import checks, public_stamp  # noqa: F401 (checks registers itself)
        from .middleware import session_started
        from .models import Agency, Department

        # What the public pages show changes also outside the services that announce it (public_stamp.py).
        post_save.connect(public_stamp.agency_saved, sender=Agency, dispatch_uid="agencies.stamp.agency")
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                public_stamp.department_changed, sender=Department, dispatch_uid=f"stamp.dept.{name}"
            )
        post_save.connect(public_stamp.admin_changed, sender=LogEntry, dispatch_uid="agencies.stamp.admin")

        # Django's own sign-in event: the one place that sees every login (the form, force_login, the admin).
        user_logged_in.connect(session_started, dispatch_uid="agencies.session_started")
