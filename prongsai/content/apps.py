from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "prongsai.content"
    verbose_name = _("ข้อมูลพื้นฐานของหน่วยงาน")
