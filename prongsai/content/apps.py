from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "prongsai.content"
    load_volume = "prongsai.content.volume.load"  # `prongsai loadtest-data`
    provider = "prongsai.content.public"
    verbose_name = _("ข้อมูลพื้นฐานของหน่วยงาน")

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
