from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "prongsai.content"
    verbose_name = _("ข้อมูลพื้นฐานของหน่วยงาน")

    def public_links(self, agency):
        from django.urls import reverse
        from django.utils.translation import gettext as t

        kwargs = {"agency": agency.slug}
        return [
            {"url": reverse("content_public:about", kwargs=kwargs), "label": t("เกี่ยวกับหน่วยงาน")},
            {"url": reverse("content_public:news", kwargs=kwargs), "label": t("ข่าวประชาสัมพันธ์")},
            {"url": reverse("content_public:laws", kwargs=kwargs), "label": t("กฎหมายที่เกี่ยวข้อง")},
            {"url": reverse("content_public:schools", kwargs=kwargs), "label": t("โรงเรียน")},
            {"url": reverse("content_public:contact", kwargs=kwargs), "label": t("ติดต่อเรา")},
        ]

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
