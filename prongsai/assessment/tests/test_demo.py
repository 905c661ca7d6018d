"""The demo: one practice round of FY2566 whose dashboard shows a predicted score."""

import io

import pytest
from django.core.management import call_command

from prongsai.assessment import selectors
from prongsai.assessment.models import Answer, Round

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_practice_round_with_a_score_on_its_dashboard(client):
    call_command("load-demo", stdout=io.StringIO())
    round = Round.objects.get(agency__slug="pathumwan")
    assert round.year == 2566
    assert Answer.objects.filter(round=round, kind="iit").count() == 38
    assert Answer.objects.filter(round=round, kind="eit").count() == 64
    d = selectors.dashboard(round)
    assert d.iit is not None and d.eit is not None and d.oit is not None and d.ita is not None
    # a plausible spread: not all the same, not perfect
    scores = [q.score for q in d.iit.questions]
    assert 30 < min(scores) < max(scores) <= 100 and 60 < d.iit.score < 95
    assert d.weakest[0].code in {"i12", "i30", "e13", "e14", "i20"}
    shown = [g for g in d.groups if g.score is not None]
    assert shown and all(g.answers >= 5 for g in shown)
    assert any(g.label == "ฝ่ายเทศกิจ" and g.score is None for g in d.groups)  # 3 answers: hidden
    client.force_login(round.created_by)
    page = client.get(f"/staff/pathumwan/assessment/rounds/{round.code}/").content.decode()
    assert 'id="score-ita">–<' not in page
    call_command("load-demo", stdout=io.StringIO())
    assert Round.objects.filter(agency__slug="pathumwan").count() == 1
