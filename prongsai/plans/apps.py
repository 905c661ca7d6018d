from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "prongsai.plans"
    verbose_name = _("แผนและการติดตาม")

    def public_links(self, agency):
        from .selectors import public_plan_links

        return public_plan_links(agency)

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
