from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityConfig(AppConfig):
    """A parent agency over its children (the BMA over its 50 districts): loading them, the city dashboard,
    pushing a catalogue to every child, and serving an agency on its own host name."""

    name = "prongsai.city"
    verbose_name = _("หน่วยงานต้นสังกัดและหน่วยงานในสังกัด")
    daily_tasks = ["prongsai.city.tasks.readiness_refresh_all"]

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
