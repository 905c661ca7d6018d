from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "prongsai.agencies"
    daily_tasks = ["prongsai.agencies.tasks.audit_checkpoint"]
    verbose_name = _("หน่วยงานและเจ้าหน้าที่")
