from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public read side: layout, home pages, search, open data and infographics, reading every app
    through the provider interface (prongsai/disclosure/providers.py)."""

    name = "prongsai.portal"
    verbose_name = _("เว็บไซต์สาธารณะ")

    def ready(self):
        from prongsai.agencies.signals import public_data_changed

        from .tasks import on_public_data_changed

        public_data_changed.connect(on_public_data_changed, dispatch_uid="portal.search")

    def load_demo(self, agency, *, stdout):
        # Last of the apps (portal is last in INSTALLED_APPS): the index holds every demo document at once,
        # without waiting for the worker.
        from .search import index_refresh

        result = index_refresh(agency)
        stdout.write(f"search index: {result.added} added, {result.changed} changed, {result.kept} kept")
