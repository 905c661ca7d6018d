"""The demo agency of `make run`: สำนักงานเขตปทุมวัน with the departments its FY2566 plan names."""

from django.contrib.auth import get_user_model
from django.db import transaction

from . import services
from .models import Agency, Role

DEMO_SLUG = "pathumwan"

# (code, Thai name, English name), in the order the district lists them.
DEPARTMENTS = [
    ("administration", "ฝ่ายปกครอง", "Administration"),
    ("registration", "ฝ่ายทะเบียน", "Registration"),
    ("finance", "ฝ่ายการคลัง", "Finance"),
    ("public-works", "ฝ่ายโยธา", "Public Works"),
    ("environment", "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล", "Environment and Sanitation"),
    ("revenue", "ฝ่ายรายได้", "Revenue"),
    ("city-law", "ฝ่ายเทศกิจ", "City Law Enforcement"),
    ("education", "ฝ่ายการศึกษา", "Education"),
    ("community", "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม", "Community Development and Social Welfare"),
    ("cleansing", "ฝ่ายรักษาความสะอาดและสวนสาธารณะ", "Cleansing and Parks"),
]

# user name suffix -> (role, department codes)
STAFF = {
    "officer": (Role.OFFICER, ["administration", "registration"]),
    "coordinator": (Role.COORDINATOR, []),
    "director": (Role.DIRECTOR, []),
    "complaints": (Role.COMPLAINT_HANDLER, []),
    "auditor": (Role.AUDITOR, []),
}
ADMIN_USERNAME = "admin"


def demo_agency_ensure() -> tuple[Agency, bool]:
    agency = Agency.objects.filter(slug=DEMO_SLUG).first()
    if agency:
        return agency, False
    agency = services.agency_create(
        actor=None,
        slug=DEMO_SLUG,
        name="สำนักงานเขตปทุมวัน",
        name_en="Pathum Wan District Office",
        kind=Agency.Kind.DISTRICT_OFFICE,
        parent_name="กรุงเทพมหานคร",
    )
    for order, (code, name, name_en) in enumerate(DEPARTMENTS, start=1):
        services.department_create(
            actor=None, agency=agency, code=code, name=name, name_en=name_en, order=order
        )
    return agency, True


@transaction.atomic
def demo_staff_ensure(agency: Agency, password: str) -> list[tuple[str, str, bool]]:
    """Creates the demo accounts that do not exist yet; returns (user name, role, created)."""
    User = get_user_model()
    result = []
    for suffix, (role, department_codes) in STAFF.items():
        username = f"{agency.slug}.{suffix}"
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(password)
            user.save()
        departments = agency.departments.filter(code__in=department_codes)
        services.membership_grant(actor=None, user=user, agency=agency, role=role, departments=departments)
        result.append((username, Role(role).label, created))
    admin, created = User.objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(password)
        admin.save()
    result.append((ADMIN_USERNAME, "platform admin", created))
    return result
