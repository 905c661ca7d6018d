"""Statistical datasets: a department defines a table once (its columns), then fills it each period.

A dataset is a table per period: several rows per period are normal (one per licence type, say). The values
of a row are kept as JSON keyed by column key, already validated and normalised (see ``values.py``):
integers as numbers, decimals and money as text with their exact digits, dates as ISO text.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyScopedQuerySet, Department


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("รายเดือน")
    QUARTERLY = "quarterly", _("รายไตรมาส")
    YEARLY = "yearly", _("รายปีงบประมาณ")


class DatasetQuerySet(AgencyScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Dataset(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="datasets")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="datasets")
    # Public address: a readable start chosen by staff (or "data") and a random suffix, never an id.
    slug = models.SlugField(_("ชื่อในที่อยู่เว็บ"), max_length=60)
    title = models.CharField(_("ชื่อชุดข้อมูล"), max_length=300)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    frequency = models.CharField(
        _("รอบของข้อมูล"), max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    unit_note = models.CharField(_("หมายเหตุหน่วยนับ"), max_length=300, blank=True)
    disclosure_item_code = models.CharField(
        _("รายการ OIT ที่แนบ (เช่น o12)"), max_length=10, blank=True, help_text=_("ว่างได้")
    )
    chart_column = models.CharField(_("คอลัมน์ที่แสดงเป็นแผนภูมิ"), max_length=40, blank=True)
    is_published = models.BooleanField(_("เผยแพร่"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DatasetQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "title"]
        verbose_name = _("ชุดข้อมูลสถิติ")
        verbose_name_plural = _("ชุดข้อมูลสถิติ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="dataset_slug_unique_in_agency"),
        ]

    def __str__(self) -> str:
        return self.title


class ColumnKind(models.TextChoices):
    TEXT = "text", _("ข้อความ")
    INTEGER = "integer", _("จำนวนเต็ม")
    DECIMAL = "decimal", _("ทศนิยม")
    MONEY = "money", _("จำนวนเงิน (บาท)")
    DATE = "date", _("วันที่ (พ.ศ.)")


NUMERIC_KINDS = frozenset({ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.MONEY})


class DatasetColumn(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="columns")
    key = models.SlugField(_("รหัสคอลัมน์ (อังกฤษ)"), max_length=40)
    label = models.CharField(_("หัวคอลัมน์"), max_length=200)
    kind = models.CharField(_("ชนิด"), max_length=20, choices=ColumnKind.choices, default=ColumnKind.TEXT)
    unit = models.CharField(_("หน่วย"), max_length=50, blank=True)
    required = models.BooleanField(_("ต้องกรอก"), default=False)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["dataset", "order", "pk"]
        verbose_name = _("คอลัมน์ของชุดข้อมูล")
        verbose_name_plural = _("คอลัมน์ของชุดข้อมูล")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "key"], name="datasetcolumn_unique_key"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def heading(self) -> str:
        return f"{self.label} ({self.unit})" if self.unit else self.label


class DatasetRow(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="rows")
    period = models.DateField(_("ช่วงเวลา"))  # first day of the month, quarter or fiscal year
    values = models.JSONField(default=dict)
    order = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dataset", "period", "order", "pk"]
        verbose_name = _("แถวข้อมูล")
        verbose_name_plural = _("แถวข้อมูล")
        indexes = [models.Index(fields=["dataset", "period"], name="datasetrow_dataset_period")]
        constraints = [
            models.CheckConstraint(condition=models.Q(period__day=1), name="datasetrow_period_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} · {self.period:%Y-%m}"

    @property
    def period_date(self) -> datetime.date:
        return self.period
