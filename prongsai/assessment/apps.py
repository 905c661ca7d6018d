from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "prongsai.assessment"
    label = "assessment"
    provider = "prongsai.assessment.public"
    api_router = "prongsai.assessment.api.router"
    # Survey respondents are scrubbed of address, browser and referer (agencies/privacy.py).
    private_paths = [r"^/[a-z][a-z0-9-]*/survey/"]
    verbose_name = _("การประเมินตนเอง ITA")

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
