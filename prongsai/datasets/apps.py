from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsConfig(AppConfig):
    name = "prongsai.datasets"
    provider = "prongsai.datasets.public"
    verbose_name = _("ชุดข้อมูลสถิติ")

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
