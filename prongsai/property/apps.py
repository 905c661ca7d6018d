from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PropertyConfig(AppConfig):
    name = "prongsai.property"
    load_volume = "prongsai.property.volume.load"  # `prongsai loadtest-data`
    label = "property"
    provider = "prongsai.property.public"
    api_router = "prongsai.property.api.router"
    daily_tasks = ["prongsai.property.tasks.loan_reminders"]
    staff_tasks = "prongsai.property.todo.staff_tasks"
    verbose_name = _("ทรัพย์สินของราชการ ของบริจาค และของกลาง")

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
