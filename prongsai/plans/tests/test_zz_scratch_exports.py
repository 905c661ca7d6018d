from datetime import date
from pathlib import Path

import pytest

from prongsai.documents.images import pdf_to_png
from prongsai.plans.tests.helpers import all_departments
from prongsai.plans.tests.test_exports import SEED, monthly_url, public_url, submit
from prongsai.plans.services import plan_import
from pypdf import PdfReader
import io

OUT = Path("/tmp/prongsai-exports")


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
def test_render(world, client, login):
    all_departments(world.agency)
    plan = plan_import(actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=SEED.read_text()).plan
    acts = list(plan.activities.current().order_by("order"))
    b = world.coordinator
    submit(b, acts[0], date(2023, 3, 1), "done", 100, "อบรมเจ้าหน้าที่ประจำจุดบริการครบทุกคนแล้ว ทั้งฝ่ายทะเบียนและฝ่ายปกครอง\nแนบภาพกิจกรรม", accept=True)
    submit(b, acts[1], date(2023, 3, 1), "in_progress", 40, "ออกแบบ info graphic แล้ว รอพิมพ์")
    submit(b, acts[2], date(2023, 3, 1), "in_progress", 20, "ติดป้ายแล้วบางจุด", accept=False)
    submit(b, acts[3], date(2023, 2, 1), "in_progress", 30, "ประชุมชี้แจงแล้ว", accept=True)
    for name, response in (("plan", client.get(public_url("pdf"))), ("monthly", login(world.director).get(monthly_url("2023-03")))):
        assert response.status_code == 200
        (OUT / f"{name}.pdf").write_bytes(response.content)
        pages = len(PdfReader(io.BytesIO(response.content)).pages)
        for page in range(1, pages + 1):
            (OUT / f"{name}-{page:02d}.png").write_bytes(pdf_to_png(response.content, page=page, dpi=90))
    for name, url in (("plan", public_url("docx")), ("plan", public_url("xlsx"))):
        r = client.get(url)
        (OUT / f"{name}.{url.rsplit('.', 1)[1]}").write_bytes(r.content)
    (OUT / "monthly.docx").write_bytes(login(world.director).get(monthly_url("2023-03", "docx")).content)
