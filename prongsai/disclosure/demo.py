"""Demo: the agency answers to the Bangkok district list 2566 (every item assigned as the seed says) and to
the NACC list; a few entries are published so that the public pages and the readiness board show life."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from prongsai.documents.tables import Column, Table

from . import services
from .models import Catalogue, Publication


@transaction.atomic
def load_demo(agency, *, stdout) -> None:
    for line in services.catalogues_load_shipped():
        stdout.write(line)
    for scheme in ("bangkok-district", "nacc"):
        catalogue = Catalogue.objects.get(scheme=scheme, year=2566)
        services.catalogue_adopt(actor=None, agency=agency, catalogue=catalogue)
    if Publication.objects.filter(agency=agency).exists():
        stdout.write("kept OIT publications")
        return
    User = get_user_model()
    officer = User.objects.get(username=f"{agency.slug}.officer")
    coordinator = User.objects.get(username=f"{agency.slug}.coordinator")
    district = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    from datetime import date

    from prongsai.documents.pdf import table_pdf

    departments = list(agency.departments.all())
    structure = Table(
        title=f"โครงสร้างและอัตรากำลัง {agency.name}",
        subtitle=["ปีงบประมาณ พ.ศ. ๒๕๖๖"],
        columns=[Column("order", "ลำดับ", 1, kind="number"), Column("name", "ส่วนราชการ", 6)],
        rows=[{"order": i, "name": d.name} for i, d in enumerate(departments, start=1)],
    )
    entries = [
        (
            "o01",
            "file",
            "โครงสร้างและอัตรากำลังสำนักงานเขต",
            {"upload": SimpleUploadedFile("โครงสร้างสำนักงานเขตปทุมวัน.pdf", table_pdf(structure))},
            None,
        ),
        # o06 (contact) is not typed here: the content module's contact page answers it, one source.
        (
            "o11",
            "link",
            "ศูนย์รับคำขออนุญาตของกรุงเทพมหานคร (e-Service)",
            {"url": "https://eservice.bangkok.go.th"},
            None,
        ),
        (
            "o14",
            "link",
            "ระบบติดตามสถานะการขออนุญาต (Tracking)",
            {"url": "https://eservice.bangkok.go.th"},
            None,
        ),
        (
            "o09",
            "page",
            "คู่มือปฏิบัติงานสำหรับเจ้าหน้าที่",
            {"body": "คู่มือการปฏิบัติงานของแต่ละฝ่าย อยู่ระหว่างปรับปรุง"},
            (date(2022, 10, 1), date(2023, 9, 30)),
        ),
    ]
    for code, kind, title, content, period in entries:
        publication = services.publication_create(
            actor=officer,
            agency=agency,
            item=district.items.get(code=code),
            kind=kind,
            title=title,
            period_start=period[0] if period else None,
            period_end=period[1] if period else None,
            **content,
        )
        if code != "o09":  # one left waiting for the coordinator
            services.publication_review(actor=coordinator, publication=publication, approve=True)
    stdout.write(f"published {len(entries)} OIT entries (one awaiting approval)")
