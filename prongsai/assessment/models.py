"""Practice rounds of the ITA self-assessment, their invitation codes and the anonymous answers.

What is kept of a staff answer, and what is not (the NACC promises staff that their IIT answers cannot be
traced back; a practice run that could be traced would teach them to answer "correctly", not honestly):

- ``Answer`` has no person, no address, no browser, no invitation code, and only the DAY it was given (no time
  of day, no created/updated timestamps), so it cannot be lined up with who was seen at a desk or logged in at
  a moment. Its key is a random UUID, so the order of the table says nothing about the order of answering.
- ``Invitation`` keeps only a keyed hash of its code and whether it has been used; the codes themselves are
  printed once, on the slips of a batch, and never stored. Even a coordinator who hands the slips out by name
  learns only that a code was used, never which answer it gave: nothing joins the two rows, and the back
  office shows counts of used codes, not which ones.
- No audit entry, status event or log line is written for an answer (each would carry a timestamp).
- Results are shown only for groups of at least ``MIN_GROUP`` answers (scoring per department too, with the
  smallest departments hidden as well when the rest of the agency could be worked out by subtraction).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyScopedQuerySet, Department, StatusEvent

MIN_GROUP = 5


class Instrument(models.Model):
    """The year's instrument as shipped (``instruments/ita-<year>.json``); a round keeps its own copy."""

    year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True)
    data = models.JSONField()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("แบบประเมิน ITA")
        verbose_name_plural = _("แบบประเมิน ITA")

    def __str__(self) -> str:
        return self.data.get("title", str(self.year))


class Round(models.Model):
    """One practice survey: staff answer the IIT with invitation codes, service users the EIT by link/QR."""

    class State(models.TextChoices):
        OPEN = "open", _("เปิดรับคำตอบ")
        CLOSED = "closed", _("ปิดรับคำตอบแล้ว")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assessment_rounds")
    year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    title = models.CharField(_("ชื่อรอบ"), max_length=200)
    # The public address of the round's survey pages: random, never the id.
    code = models.CharField(max_length=12, unique=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    # The round's copy of the year's instrument: the coordinator may correct its wording (the EIT is shipped
    # unverified) without changing other agencies' rounds or the meaning of answers already given.
    instrument = models.JSONField()
    opened_on = models.DateField(_("วันที่เปิด"))
    # The expected score of EIT part 2 (respondents the agency does not reach); empty: assumed equal to part 1.
    eit_outside = models.DecimalField(
        _("คะแนนที่คาดว่า EIT ส่วนที่ ๒ จะได้"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    iit_target = models.PositiveIntegerField(_("จำนวนผู้ตอบ IIT ที่ต้องการ"), default=30)
    eit_target = models.PositiveIntegerField(_("จำนวนผู้ตอบ EIT ที่ต้องการ"), default=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    events = GenericRelation(StatusEvent)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-opened_on", "-pk"]
        verbose_name = _("รอบการประเมินตนเอง")
        verbose_name_plural = _("รอบการประเมินตนเอง")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Invitation(models.Model):
    """One code of a printed batch: its keyed hash and whether it was used. Never the code, never who got it,
    never when it was used."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="invitations")
    batch = models.PositiveSmallIntegerField()
    digest = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("รหัสเชิญตอบแบบสำรวจ")
        verbose_name_plural = _("รหัสเชิญตอบแบบสำรวจ")

    def __str__(self) -> str:
        return f"{self.round_id}:{self.batch}"


class Answer(models.Model):
    """One respondent's answers to the IIT or the EIT. See the module docstring for what is not kept."""

    class Kind(models.TextChoices):
        IIT = "iit", "IIT"
        EIT = "eit", "EIT"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="answers")
    kind = models.CharField(max_length=3, choices=Kind.choices)
    # The respondent's own choice (optional): results per department only for groups of MIN_GROUP or more.
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField()  # the day only
    answers = models.JSONField()  # question code -> the choices of its sub-items

    class Meta:
        verbose_name = _("คำตอบแบบสำรวจ")
        verbose_name_plural = _("คำตอบแบบสำรวจ")
        indexes = [models.Index(fields=["round", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.answered_on}"
