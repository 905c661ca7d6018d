"""The e-service receipt links the agency's open service-user survey (through the provider interface)."""

import io

import pytest
from pypdf import PdfReader

from prongsai.assessment import services
from prongsai.eservice.tests.helpers import apply, make_service

from .helpers import open_round

pytestmark = pytest.mark.django_db


def test_the_receipt_links_the_open_eit_survey_and_says_nothing_when_none_is_open(world, client):
    request = apply(world, make_service(world))
    receipt = f"/track/{request.code}/r/{request.receipt_token}/"
    assert 'id="eit-survey"' not in client.get(receipt).content.decode()
    round = open_round(world)
    page = client.get(receipt).content.decode()
    assert f'href="/pathumwan/survey/eit/{round.code}/"' in page
    pdf = client.get(receipt + "receipt.pdf")
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().replace("\n", "")
    assert f"/pathumwan/survey/eit/{round.code}/" in text
    services.round_close(actor=world.coordinator, agency=world.agency, round=round)
    assert 'id="eit-survey"' not in client.get(receipt).content.decode()
