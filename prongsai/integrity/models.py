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
from django.core.validators import MaxValueValidator, MinValueValidator
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


# --- the corruption-risk register (seed item 25; NACC O34-O35) ---------------------------------------------


class RiskCriterion(models.Model):
    """The written criterion of one level (1-5) of likelihood or impact, per agency. Missing levels are
    filled from ``risks.DEFAULT_CRITERIA`` (the common practice of Thai public-sector risk assessment)."""

    class Dimension(models.TextChoices):
        LIKELIHOOD = "likelihood", _("โอกาสที่จะเกิด (Likelihood)")
        IMPACT = "impact", _("ผลกระทบ (Impact)")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(_("มิติ"), max_length=12, choices=Dimension.choices)
    level = models.PositiveSmallIntegerField(
        _("ระดับ"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    label = models.CharField(_("ชื่อระดับ"), max_length=50)
    description = models.TextField(_("เกณฑ์"))

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["dimension", "level"]
        verbose_name = _("เกณฑ์การประเมินความเสี่ยง")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "dimension", "level"], name="risk_criterion_unique_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.level}"


def _score_field(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(1), MaxValueValidator(5)])


class Risk(models.Model):
    """One corruption risk of a work process of a department, scored before (inherent) and after the
    existing controls (residual). Its treatment is carried by plan activities, referenced by provider key
    (``plans.activity:<id>``): their monthly reports are its monthly status, read, never copied."""

    class Kind(models.TextChoices):
        # The NACC's three kinds of corruption risk.
        PERMISSION = "permission", _("ความเสี่ยงการทุจริตที่เกี่ยวข้องกับการพิจารณาอนุมัติ อนุญาต")
        DUTY = "duty", _("ความเสี่ยงการทุจริตในความโปร่งใสของการใช้อำนาจและตำแหน่งหน้าที่")
        BUDGET = "budget", _("ความเสี่ยงการทุจริตในความโปร่งใสของการใช้จ่ายงบประมาณและการบริหารจัดการทรัพยากรภาครัฐ")

    class State(models.TextChoices):
        IDENTIFIED = "identified", _("ระบุความเสี่ยงแล้ว")
        TREATING = "treating", _("อยู่ระหว่างดำเนินการจัดการ")
        CONTROLLED = "controlled", _("ควบคุมความเสี่ยงได้แล้ว")
        WITHDRAWN = "withdrawn", _("ยกเลิก")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20, unique=True)
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่าย")
    )
    process = models.CharField(_("กระบวนงาน"), max_length=300)
    kind = models.CharField(_("ประเภทความเสี่ยง"), max_length=12, choices=Kind.choices)
    title = models.TextField(_("เหตุการณ์ความเสี่ยง"))
    cause = models.TextField(_("สาเหตุ/ปัจจัยเสี่ยง"), blank=True)
    likelihood = _score_field(_("โอกาส (ก่อนควบคุม)"))
    impact = _score_field(_("ผลกระทบ (ก่อนควบคุม)"))
    controls = models.TextField(_("มาตรการควบคุมที่มีอยู่"), blank=True)
    residual_likelihood = _score_field(_("โอกาส (หลังควบคุม)"))
    residual_impact = _score_field(_("ผลกระทบ (หลังควบคุม)"))
    owner = models.CharField(_("ผู้รับผิดชอบ (ตำแหน่ง)"), max_length=200)
    treatment = models.TextField(_("แนวทาง/แผนการจัดการความเสี่ยง"), blank=True)
    activity_refs = models.JSONField(_("กิจกรรมตามแผนที่จัดการความเสี่ยงนี้"), default=list, blank=True)
    state = models.CharField(_("สถานะ"), max_length=12, choices=State.choices, default=State.IDENTIFIED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    events = GenericRelation(StatusEvent)
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year", "department__order", "department__name", "process", "pk"]
        verbose_name = _("ความเสี่ยงการทุจริต")
        verbose_name_plural = _("ทะเบียนความเสี่ยงการทุจริต")
        indexes = [models.Index(fields=["agency", "fiscal_year"])]

    def __str__(self) -> str:
        return f"{self.process}: {self.title[:60]}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact


class AuditFinding(models.Model):
    """A finding of an audit (internal audit, the State Audit Office, the NACC...) that raised a risk."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20, unique=True)
    source = models.CharField(_("ผู้ตรวจสอบ/แหล่งที่มา"), max_length=200)
    found_on = models.DateField(_("วันที่ตรวจพบ"))
    text = models.TextField(_("ข้อตรวจพบ"))
    document = models.FileField(_("เอกสาร"), upload_to="integrity/findings/", max_length=200, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "-pk"]
        verbose_name = _("ข้อตรวจพบจากการตรวจสอบ")

    def __str__(self) -> str:
        return f"{self.source} {self.found_on}"


class RiskSource(models.Model):
    """What raised a risk: a corruption complaint (by its record only) or an audit finding."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="sources")
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finding = models.ForeignKey(
        AuditFinding, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("ที่มาของความเสี่ยง")
        constraints = [
            models.CheckConstraint(
                condition=Q(complaint__isnull=False, finding__isnull=True)
                | Q(complaint__isnull=True, finding__isnull=False),
                name="risk_source_one_kind",
            ),
            models.UniqueConstraint(fields=["risk", "complaint"], name="risk_source_unique_complaint"),
            models.UniqueConstraint(fields=["risk", "finding"], name="risk_source_unique_finding"),
        ]

    def __str__(self) -> str:
        return f"{self.risk_id} <- {self.complaint_id or self.finding_id}"


class RiskReport(models.Model):
    """The annual assessment (O34) or the report of how the risks were handled (O35) of one fiscal year,
    frozen as PDF and DOCX when the coordinator publishes it. Publishing again adds a row; the newest one
    is the item's, the older ones stay as history."""

    class Kind(models.TextChoices):
        ASSESSMENT = "assessment", _("ผลการประเมินความเสี่ยงการทุจริต")
        HANDLING = "handling", _("รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงการทุจริต")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20, unique=True)
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    kind = models.CharField(_("รายงาน"), max_length=12, choices=Kind.choices)
    pdf = models.FileField(upload_to="integrity/risk-reports/", max_length=200)
    docx = models.FileField(upload_to="integrity/risk-reports/", max_length=200)
    risk_count = models.PositiveIntegerField(default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "kind", "-published_at", "-pk"]
        verbose_name = _("รายงานความเสี่ยงการทุจริตที่เผยแพร่")

    def __str__(self) -> str:
        return f"{self.kind} {self.fiscal_year}"


# --- policy announcements (seed items 23, 24, 27; NACC O31-O32, O42) ----------------------------------------


class Announcement(models.Model):
    """An announcement signed by the director (no-gift, anti-bribery, discretion guidelines) or a record of
    the director's participation activity with photos. Published by two people: who submits it does not
    approve it."""

    class Kind(models.TextChoices):
        NO_GIFT = "no_gift", _("ประกาศนโยบายไม่รับของขวัญและของกำนัลทุกชนิด (No Gift Policy)")
        ANTI_BRIBERY = "anti_bribery", _("ประกาศนโยบายต่อต้านการรับสินบน (Anti-Bribery Policy)")
        DIRECTOR_PARTICIPATION = "director_participation", _("การมีส่วนร่วมของผู้อำนวยการเขต")
        DISCRETION_GUIDELINES = "discretion_guidelines", _("แนวทางการปฏิบัติในการใช้ดุลพินิจของเจ้าหน้าที่")

    class State(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        SUBMITTED = "submitted", _("รออนุมัติ")
        PUBLISHED = "published", _("เผยแพร่แล้ว")
        WITHDRAWN = "withdrawn", _("ถอนการเผยแพร่")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20, unique=True)
    kind = models.CharField(_("ประเภท"), max_length=30, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    title = models.CharField(_("เรื่อง"), max_length=300)
    text = models.TextField(_("ข้อความ"))
    signer_name = models.CharField(_("ผู้ลงนาม"), max_length=200)
    signer_position = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=200)
    signed_on = models.DateField(_("วันที่ลงนาม"))
    signed_pdf = models.FileField(
        _("ฉบับลงนาม (PDF)"), upload_to="integrity/announcements/", max_length=200, blank=True
    )
    signed_pdf_name = models.CharField(max_length=255, blank=True)
    state = models.CharField(_("สถานะ"), max_length=12, choices=State.choices, default=State.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    renews = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals",
        verbose_name=_("ต่ออายุจากประกาศ"),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    events = GenericRelation(StatusEvent)
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "kind", "-signed_on", "-pk"]
        verbose_name = _("ประกาศและกิจกรรมตามนโยบาย")
        indexes = [models.Index(fields=["agency", "fiscal_year", "kind"])]

    def __str__(self) -> str:
        return self.title


class AnnouncementPhoto(models.Model):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="photos")
    code = models.CharField(max_length=20, unique=True)
    image = models.FileField(upload_to="integrity/announcement-photos/", max_length=200)
    content_type = models.CharField(max_length=40)
    caption = models.CharField(_("คำบรรยายภาพ"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ภาพกิจกรรม")

    def __str__(self) -> str:
        return self.caption


class RenewalReminder(models.Model):
    """The coordinators were told that an announcement of last year has not been signed again for this one
    (once per agency, year and kind: the daily task may run any number of times)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=30, choices=Announcement.Kind.choices)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("การแจ้งเตือนให้ต่ออายุประกาศ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year", "kind"], name="renewal_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.fiscal_year} {self.kind}"
