"""Integrity channels: corruption complaints (whistleblowing), general complaints and feedback, and Q&A.

What a complainant wrote and who they are is stored only as ciphertext (``crypto.seal``): the ``sealed_*``
fields. Nothing about the request that brought a complaint is stored: no address, no browser, no referer.
A corruption complaint is two rows: ``Complaint`` holds what the workflow, the statistics and the director
may see (kind, named department, state, dates); ``ComplaintContent`` holds the sealed text, identity and the
argon2 hash of the passphrase, so the audit snapshot that every state change writes carries none of them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyScopedQuerySet, Department, StatusEvent


class Channel(models.TextChoices):
    """How a complaint reached the agency (the statistics count per channel)."""

    WEB = "web", _("เว็บไซต์")
    LETTER = "letter", _("หนังสือ/จดหมาย")
    PHONE = "phone", _("โทรศัพท์")
    WALK_IN = "walk_in", _("ด้วยตนเอง")
    EMAIL = "email", _("อีเมล")
    OTHER = "other", _("ช่องทางอื่น")


class Complaint(models.Model):
    """A report of corruption or misconduct (เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ)."""

    class Category(models.TextChoices):
        BRIBERY = "bribery", _("เรียกรับเงินหรือผลประโยชน์")
        PROCUREMENT = "procurement", _("การจัดซื้อจัดจ้าง")
        ABUSE = "abuse", _("ใช้อำนาจหน้าที่โดยมิชอบ")
        CONFLICT = "conflict", _("ผลประโยชน์ทับซ้อน")
        EMBEZZLEMENT = "embezzlement", _("ยักยอกหรือใช้ทรัพย์สินของราชการ")
        OTHER = "other", _("ประพฤติมิชอบอื่น ๆ")

    class State(models.TextChoices):
        RECEIVED = "received", _("รับเรื่องแล้ว")
        SCREENING = "screening", _("กำลังกลั่นกรอง")
        INVESTIGATING = "investigating", _("กำลังตรวจสอบข้อเท็จจริง")
        CONCLUDED = "concluded", _("ได้ข้อยุติแล้ว")
        CLOSED = "closed", _("ปิดเรื่อง")

    class Outcome(models.TextChoices):
        NONE = "", _("ยังไม่มีข้อยุติ")
        SUBSTANTIATED = "substantiated", _("มีมูล")
        UNSUBSTANTIATED = "unsubstantiated", _("ไม่มีมูล")
        REFERRED = "referred", _("ส่งหน่วยงานที่มีอำนาจ")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    # The case's name in the back office. Staff never see the receipt code: with it and the passphrase
    # anyone could read the case as the complainant.
    ref = models.CharField(_("เลขที่เรื่อง"), max_length=20, unique=True)
    receipt_code = models.CharField(max_length=20, unique=True, null=True, blank=True)
    channel = models.CharField(_("ช่องทาง"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    category = models.CharField(_("ประเภท"), max_length=20, choices=Category.choices)
    # The department the complaint is about: its officers never see the case.
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่าย")
    )
    state = models.CharField(_("สถานะ"), max_length=20, choices=State.choices, default=State.RECEIVED)
    outcome = models.CharField(_("ผล"), max_length=20, choices=Outcome.choices, blank=True, default="")
    received_at = models.DateTimeField(_("วันที่รับเรื่อง"))
    has_identity = models.BooleanField(_("ให้ข้อมูลตัวตน"), default=False)

    events = GenericRelation(StatusEvent)
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("เรื่องร้องเรียนการทุจริต")
        verbose_name_plural = _("เรื่องร้องเรียนการทุจริต")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(state__in=["concluded", "closed"]),
                name="complaint_outcome_only_when_concluded",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["concluded", "closed"]) | ~Q(outcome=""),
                name="complaint_concluded_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["agency", "state"]), models.Index(fields=["agency", "received_at"])]

    def __str__(self) -> str:
        return self.ref


class ComplaintContent(models.Model):
    """The sealed part of a complaint: what happened, about whom, who reported it, and the receipt's hash."""

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, primary_key=True, related_name="content"
    )
    passphrase_hash = models.CharField(max_length=200, blank=True)  # argon2; empty: no online follow-up
    sealed_report = models.TextField()  # JSON: what, who, when, where
    sealed_identity = models.TextField(blank=True)  # JSON: name, phone, email, address

    class Meta:
        verbose_name = _("เนื้อหาเรื่องร้องเรียน (เข้ารหัส)")

    def __str__(self) -> str:
        return f"{self.complaint_id} (sealed)"


class Party(models.TextChoices):
    COMPLAINANT = "complainant", _("ผู้ร้องเรียน")
    HANDLER = "handler", _("เจ้าหน้าที่ผู้รับผิดชอบ")


class ComplaintMessage(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=20, choices=Party.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sealed_body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.sender} message"


class ComplaintEvidence(models.Model):
    """An evidence file, stripped of its metadata, encrypted, under a random name in the storage."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="evidence")
    token = models.CharField(max_length=40, unique=True)  # the file's name in addresses
    file = models.FileField(upload_to="integrity/evidence/", max_length=200)
    sealed_name = models.TextField()  # the name the file had, for the download
    kind = models.CharField(max_length=10)  # pdf, docx, xlsx, jpeg, png
    size = models.PositiveIntegerField()  # bytes of the cleaned file
    added_by = models.CharField(max_length=20, choices=Party.choices, default=Party.COMPLAINANT)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.token


class ComplaintAccess(models.Model):
    """One opening of a case by staff: who, when, what. Auditors read these; nobody edits them."""

    class Action(models.TextChoices):
        OPEN = "open", _("เปิดอ่านเรื่อง")
        IDENTITY = "identity", _("เปิดดูข้อมูลตัวตนผู้ร้องเรียน")
        EVIDENCE = "evidence", _("ดาวน์โหลดหลักฐาน")
        EXPORT = "export", _("ส่งออกหนังสือส่งเรื่อง")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    user_name = models.CharField(max_length=150)
    at = models.DateTimeField()
    action = models.CharField(max_length=20, choices=Action.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["agency", "-at"])]

    def __str__(self) -> str:
        return f"{self.user_name} {self.action} {self.complaint_id}"


class Referral(models.Model):
    """A case sent to a body with more power (the outcome "referred")."""

    class Body(models.TextChoices):
        BMA_INSPECTOR = "bma_inspector", _("ผู้ตรวจราชการกรุงเทพมหานคร")
        NACC = "nacc", _("สำนักงาน ป.ป.ช.")
        PACC = "pacc", _("สำนักงาน ป.ป.ท.")

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="referrals")
    body = models.CharField(_("ส่งถึง"), max_length=20, choices=Body.choices)
    letter_no = models.CharField(_("เลขที่หนังสือ"), max_length=100)
    sent_on = models.DateField(_("วันที่ส่ง"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint.ref} -> {self.body}"


class Feedback(models.Model):
    """A general complaint about a service, a suggestion or a compliment (เรื่องร้องเรียนทั่วไป/ข้อเสนอแนะ/ติชม)."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("ร้องเรียนการให้บริการ")
        SUGGESTION = "suggestion", _("ข้อเสนอแนะ")
        COMPLIMENT = "compliment", _("ชมเชย")

    class State(models.TextChoices):
        RECEIVED = "received", _("รับเรื่องแล้ว")
        IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
        ANSWERED = "answered", _("ตอบแล้ว")
        CLOSED = "closed", _("ปิดเรื่อง")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20, unique=True)  # the tracking code the person keeps
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่าย")
    )
    # About the behaviour of the department's own staff: handled by the complaint handler, not the
    # department, whose officers then never see it.
    about_staff = models.BooleanField(_("เกี่ยวกับพฤติกรรมเจ้าหน้าที่"), default=False)
    sealed_body = models.TextField()  # JSON: subject, body
    sealed_contact = models.TextField(blank=True)  # JSON: name, contact
    state = models.CharField(_("สถานะ"), max_length=20, choices=State.choices, default=State.RECEIVED)
    answer = models.TextField(_("คำตอบ"), blank=True)
    answer_public = models.BooleanField(_("เผยแพร่คำตอบ"), default=False)
    public_summary = models.CharField(_("สรุปเรื่องสำหรับเผยแพร่"), max_length=300, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    events = GenericRelation(StatusEvent)
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("เรื่องร้องเรียนทั่วไปและข้อเสนอแนะ")
        verbose_name_plural = _("เรื่องร้องเรียนทั่วไปและข้อเสนอแนะ")
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_public=False) | ~Q(public_summary=""), name="feedback_public_has_summary"
            )
        ]
        indexes = [models.Index(fields=["agency", "state"])]

    def __str__(self) -> str:
        return self.code


class QuestionQuerySet(AgencyScopedQuerySet):
    def published(self):
        return self.filter(state=Question.State.PUBLISHED)


class Question(models.Model):
    """A question from the public (ถาม-ตอบ); answered by staff, published by the coordinator's choice."""

    class State(models.TextChoices):
        NEW = "new", _("รอคำตอบ")
        ANSWERED = "answered", _("ตอบแล้ว")
        PUBLISHED = "published", _("เผยแพร่แล้ว")
        DECLINED = "declined", _("ไม่รับตอบ")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20, unique=True)
    text = models.TextField(_("คำถาม"))
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่าย")
    )
    state = models.CharField(_("สถานะ"), max_length=20, choices=State.choices, default=State.NEW)
    public_text = models.TextField(_("คำถามที่เผยแพร่"), blank=True)  # the question as published
    answer = models.TextField(_("คำตอบ"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    events = GenericRelation(StatusEvent)
    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("คำถาม")
        verbose_name_plural = _("คำถาม")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="published") | (~Q(answer="") & Q(published_at__isnull=False)),
                name="question_published_is_answered",
            )
        ]

    def __str__(self) -> str:
        return self.code


class ChannelSettings(models.Model):
    """Where else people can report, printed on the channels page and the Q&A page (one per agency)."""

    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="+")
    unit_name = models.CharField(_("หน่วยรับเรื่องร้องเรียน"), max_length=200, blank=True)
    address = models.TextField(_("ที่อยู่สำหรับส่งหนังสือ"), blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    hours = models.CharField(_("วันและเวลาทำการ"), max_length=200, blank=True)
    other_channels = models.TextField(_("ช่องทางอื่น"), blank=True, help_text=_("หนึ่งช่องทางต่อบรรทัด"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ช่องทางการติดต่อ")

    def __str__(self) -> str:
        return self.unit_name or str(self.agency)

    @property
    def other_lines(self) -> list[str]:
        return [line.strip() for line in self.other_channels.splitlines() if line.strip()]
