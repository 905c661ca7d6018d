from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EserviceConfig(AppConfig):
    name = "prongsai.eservice"
    load_volume = "prongsai.eservice.volume.load"  # `prongsai loadtest-data`
    figures = "prongsai.eservice.figures"  # its columns of the city dashboard
    label = "eservice"
    provider = "prongsai.eservice.public"
    api_router = "prongsai.eservice.api.router"
    staff_tasks = "prongsai.eservice.todo.staff_tasks"
    verbose_name = _("งานบริการประชาชน (E-Service)")

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
