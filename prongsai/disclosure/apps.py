from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "prongsai.disclosure"
    verbose_name = _("การเปิดเผยข้อมูล (OIT)")

    def public_links(self, agency):
        from .selectors import public_oit_links

        return public_oit_links(agency)

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
