import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from prongsai.agencies.models import Agency
from prongsai.city.models import ReadinessSnapshot

pytestmark = pytest.mark.django_db


def test_the_demo_puts_pathumwan_and_49_other_districts_under_the_bma(client, capsys):
    call_command("load-demo")
    out = capsys.readouterr().out
    bma = Agency.objects.get(slug="bma")
    assert bma.name == "กรุงเทพมหานคร" and bma.children.count() == 50
    pathumwan = Agency.objects.get(slug="pathumwan")
    assert pathumwan.parent == bma and pathumwan.plans.exists()  # its full demo is kept
    password = out.split("shown only now): ")[1].split()[0]
    coordinator = get_user_model().objects.get(username="bma.coordinator")
    assert coordinator.check_password(password)
    assert ReadinessSnapshot.objects.filter(agency__parent=bma).count() == 5
    client.force_login(coordinator)
    board = client.get("/staff/bma/city/").context["board"]
    assert board.year == 2566 and len(board.rows) == 50
    keys = [c.key for _m, c in board.columns]
    row = next(r for r in board.rows if r.agency == pathumwan)
    assert row.cells[keys.index("activities")] > 0 and row.cells[keys.index("received")] > 0
    # A second run changes nothing and says so.
    call_command("load-demo")
    assert "kept bma with 0 new and 50 known districts" in capsys.readouterr().out
