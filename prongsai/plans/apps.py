from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "prongsai.plans"
    load_volume = "prongsai.plans.volume.load"  # `prongsai loadtest-data`
    figures = "prongsai.plans.figures"  # its columns of the city dashboard
    provider = "prongsai.plans.public"
    api_router = "prongsai.plans.api.router"
    daily_tasks = ["prongsai.plans.tasks.send_reminders"]
    staff_tasks = "prongsai.plans.todo.staff_tasks"
    verbose_name = _("แผนและการติดตาม")

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
