from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsConfig(AppConfig):
    name = "prongsai.datasets"
    verbose_name = _("ชุดข้อมูลสถิติ")

    def public_links(self, agency):
        from django.urls import reverse
        from django.utils.translation import gettext as gettext_now

        from .models import Dataset

        if not Dataset.objects.for_agency(agency).published().exists():
            return []
        return [
            {
                "url": reverse("datasets_public:list", kwargs={"agency": agency.slug}),
                "label": gettext_now("ข้อมูลสถิติ"),
            }
        ]

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
