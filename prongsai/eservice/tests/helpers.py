import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.eservice import services
from prongsai.eservice.services import DocumentSpec, FeeSpec, StepSpec

BANGKOK = ZoneInfo("Asia/Bangkok")
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=BANGKOK)


def pdf(name="เอกสาร.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_service(world, *, slug="house-move", department=None, online=True, group="", steps=None, name=None):
    """A service of ฝ่ายปกครอง (alice's department) whose second step goes to ฝ่ายโยธา (wanchai's)."""
    return services.service_create(
        actor=world.coordinator,
        agency=world.agency,
        department=department or world.administration,
        slug=slug,
        name=name or "การแจ้งย้ายที่อยู่",
        kind="registration",
        summary="แจ้งย้ายออกและย้ายเข้าภายใน ๑๕ วัน",
        legal_basis="พระราชบัญญัติการทะเบียนราษฎร พ.ศ. ๒๕๓๔ มาตรา ๓๐",
        accepts_online=online,
        report_group=group,
        steps=steps
        or [
            StepSpec("ตรวจสอบเอกสาร", 1),
            StepSpec("ตรวจสอบสถานที่", 3, world.public_works),
            StepSpec("พิจารณา", 2),
            StepSpec("ผู้อำนวยการเขตลงนาม", 1),
        ],
        documents=[DocumentSpec("สำเนาทะเบียนบ้าน", "๑ ฉบับ"), DocumentSpec("หนังสือมอบอำนาจ", required=False)],
        checklist=["ตรวจสอบชื่อในทะเบียนบ้าน", "ผู้แจ้งเป็นเจ้าบ้าน"],
        fees=[FeeSpec("ค่าธรรมเนียม", Decimal("20.00"))],
    )


def apply(world, service, *, name="สมชาย ใจดี", email="somchai@example.com", uploads=None, **kwargs):
    return services.request_submit(
        agency=world.agency,
        service=service,
        applicant_name=name,
        applicant_phone=kwargs.pop("phone", "0812345678"),
        applicant_email=email,
        details=kwargs.pop("details", "ย้ายเข้าบ้านเลขที่ ๑๒"),
        uploads=uploads if uploads is not None else [(service.documents.first(), pdf())],
        **kwargs,
    )
