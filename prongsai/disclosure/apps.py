from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "prongsai.disclosure"
    load_volume = "prongsai.disclosure.volume.load"  # `prongsai loadtest-data`
    daily_tasks = ["prongsai.disclosure.tasks.file_texts_pending"]
    api_router = "prongsai.disclosure.api.router"
    staff_tasks = "prongsai.disclosure.todo.staff_tasks"
    verbose_name = _("การเปิดเผยข้อมูล (OIT)")

    provider = "prongsai.disclosure.public"

    def ready(self):
        from . import providers

        providers.load()

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
