import pytest
from django.core.exceptions import ValidationError

from prongsai.agencies.models import Agency


def test_the_health_view_answers_through_the_whole_stack_without_the_database(client):
    # No django_db mark: any query, connection or transaction would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"
    # The project's middleware ran: its security headers are on the answer.
    assert "Content-Security-Policy" in response and response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_health_view_runs_no_query_with_the_database_at_hand(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_no_agency_can_take_the_health_address_as_its_slug():
    with pytest.raises(ValidationError) as raised:
        Agency(slug="healthz", name="x").full_clean()
    assert "slug" in raised.value.message_dict
