"""What the city keeps of its children: the OIT readiness last computed for each.

A district's readiness is the OIT core's own (``providers.readiness_summary``), which fetches the public
page of every item that has content: seconds per district, far too slow to recompute 50 times for every
view of the dashboard. The city therefore reads it from this snapshot, refreshed by the worker daily and
whenever the coordinator asks, and says on the page when each was computed and which are older than the
district's last public change."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency


class ReadinessSnapshot(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("ปี (พ.ศ.)"))
    scheme = models.SlugField(_("ชุดเกณฑ์"), max_length=50)
    # [{"code", "title", "sub_indicator", "passed", "problems": [...]}, ...] in catalogue order
    items = models.JSONField(default=list)
    ready = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("ความพร้อม OIT ที่คำนวณไว้")
        verbose_name_plural = _("ความพร้อม OIT ที่คำนวณไว้")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "scheme"], name="readiness_snapshot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.scheme} {self.year}: {self.ready}/{self.total}"

    @property
    def percent(self) -> int:
        return self.ready * 100 // self.total if self.total else 0
