import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.agencies.models import Agency, AuditEntry
from prongsai.agencies.tests.factories import AgencyFactory
from prongsai.city.demo import DISTRICTS

pytestmark = pytest.mark.django_db


def test_the_fifty_districts_load_once_under_the_bma(capsys):
    bma = AgencyFactory(slug="bma", name="กรุงเทพมหานคร")
    call_command("load-agencies", str(DISTRICTS), "--parent", "bma")
    assert "50 created" in capsys.readouterr().out
    children = bma.children.all()
    assert children.count() == 50
    assert all(a.name.startswith("สำนักงานเขต") and a.name_en.endswith("District Office") for a in children)
    assert children.filter(slug="pathumwan", name="สำนักงานเขตปทุมวัน").exists()
    entries = AuditEntry.objects.count()
    call_command("load-agencies", str(DISTRICTS), "--parent", "bma")
    assert "0 created, 0 updated, 50 unchanged" in capsys.readouterr().out
    assert AuditEntry.objects.count() == entries  # idempotent: nothing written the second time


def test_an_existing_agency_joins_and_every_bad_row_is_reported(tmp_path, capsys):
    AgencyFactory(slug="bma", name="กรุงเทพมหานคร")
    other_city = AgencyFactory(slug="other-city")
    pathumwan = AgencyFactory(slug="pathumwan", name="สำนักงานเขตปทุมวัน")
    AgencyFactory(slug="taken", parent=other_city)
    path = tmp_path / "districts.csv"
    path.write_text(
        "slug,name,name_en\n"
        "pathumwan,สำนักงานเขตปทุมวัน,Pathum Wan District Office\n"
        ",สำนักงานเขตไม่มีชื่อย่อ,\n"
        "Bad Slug!,สำนักงานเขตผิด,\n"
        "staff,สำนักงานเขตสงวน,\n"
        "taken,สำนักงานเขตของเมืองอื่น,\n"
        "pathumwan,ซ้ำ,\n"
        "bang-rak,สำนักงานเขตบางรัก,Bang Rak District Office\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="5 rows"):
        call_command("load-agencies", str(path), "--parent", "bma")
    captured = capsys.readouterr()
    assert "1 created, 1 updated" in captured.out
    for row in (3, 4, 5, 6, 7):
        assert f"row {row}:" in captured.err
    pathumwan.refresh_from_db()
    assert pathumwan.parent.slug == "bma"
    assert Agency.objects.get(slug="taken").parent == other_city
    assert Agency.objects.get(slug="bang-rak").parent.slug == "bma"


def test_an_unreadable_file_or_unknown_parent(tmp_path):
    AgencyFactory(slug="bma")
    path = tmp_path / "x.csv"
    path.write_text("name\nเขต\n", encoding="utf-8")
    with pytest.raises(CommandError, match="slug"):
        call_command("load-agencies", str(path), "--parent", "bma")
    with pytest.raises(CommandError, match="no agency"):
        call_command("load-agencies", str(path), "--parent", "nope")
