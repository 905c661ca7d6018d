from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "prongsai.integrity"
    load_volume = "prongsai.integrity.volume.load"  # `prongsai loadtest-data`
    figures = "prongsai.integrity.figures"  # its columns of the city dashboard
    provider = "prongsai.integrity.public"
    api_router = "prongsai.integrity.api.router"
    daily_tasks = ["prongsai.integrity.tasks.announcement_renewals"]
    staff_tasks = "prongsai.integrity.todo.staff_tasks"
    # Scrubbed of the client's address, browser and referer (agencies/privacy.py).
    private_paths = [r"^/report/", r"^/[a-z][a-z0-9-]*/(?:complaints/new/|feedback/|questions/)"]
    verbose_name = _("ช่องทางร้องเรียนและรับฟังความคิดเห็น")

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
