from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "prongsai.plans"
    provider = "prongsai.plans.public"
    verbose_name = _("แผนและการติดตาม")

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
