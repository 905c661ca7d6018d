"""What the self-assessment gives the rest of the platform (``disclosure/providers.py``): the link of the open
service-user survey (``LINKS["eit_survey"]``), which the e-service receipt shows after a service."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.disclosure.providers import PublicLink

from . import selectors


def eit_survey(agency) -> PublicLink | None:
    found = selectors.latest_open_round(agency)
    if found is None:
        return None
    url = reverse("assessment_public:eit", kwargs={"agency": agency.slug, "round": found.code})
    return PublicLink(url, _("ตอบแบบสำรวจความคิดเห็นผู้รับบริการ (ITA) ใช้เวลาประมาณ ๕ นาที ไม่ต้องระบุตัวตน"))


LINKS = {"eit_survey": eit_survey}
