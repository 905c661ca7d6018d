"""A query compiled once and run again with other values (agencies/prepared.py) gives what the ORM gives."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from prongsai.agencies.models import Agency, StatusEvent
from prongsai.agencies.prepared import PreparedQuery
from prongsai.agencies.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

TYPE, OBJECT = 2_100_000_001, 2_100_000_002  # markers: no real row has these ids


def _events_of(type_id, object_id):
    return StatusEvent.objects.filter(content_type_id=type_id, object_id=object_id).order_by("pk")


def _fields(event: StatusEvent) -> tuple:
    return tuple(getattr(event, f.attname) for f in StatusEvent._meta.concrete_fields)


@pytest.fixture
def events():
    agency = AgencyFactory()
    agency_type = ContentType.objects.get_for_model(Agency)
    at = datetime.datetime(2023, 3, 30, 9, 15, tzinfo=datetime.UTC)
    made = {}
    for subject in (101, 102):
        made[subject] = [
            StatusEvent.objects.create(
                agency=agency,
                content_type=agency_type,
                object_id=subject,
                at=at + datetime.timedelta(hours=n),
                from_state="received" if n else "",
                to_state="in_progress" if n else "received",
                note=f"ขั้นที่ {n + 1} ของคำขอ {subject}",
                data={"step": n, "department": "ฝ่ายทะเบียน"},
            )
            for n in range(3)
        ]
    return agency_type, made


def test_each_call_reads_its_own_rows_with_every_field_as_the_orm_reads_it(events):
    agency_type, _made = events
    prepared = PreparedQuery(_events_of, TYPE, OBJECT)
    for subject in (101, 102, 101):
        got = prepared(agency_type.pk, subject)
        assert [_fields(e) for e in got] == [_fields(e) for e in _events_of(agency_type.pk, subject)]
        assert [e.note for e in got] == [f"ขั้นที่ {n} ของคำขอ {subject}" for n in (1, 2, 3)]
    first = prepared(agency_type.pk, 101)[0]
    assert first.data == {"step": 0, "department": "ฝ่ายทะเบียน"}  # the JSON read back, not its text
    assert first.at == datetime.datetime(2023, 3, 30, 9, 15, tzinfo=datetime.UTC) and first.at.tzinfo
    assert prepared(agency_type.pk, 999) == []


def test_what_it_reads_is_a_saved_row_that_saves_in_place(events):
    agency_type, made = events
    event = PreparedQuery(_events_of, TYPE, OBJECT)(agency_type.pk, 102)[0]
    assert not event._state.adding and event._state.db == "default"
    event.note = "แก้ไขข้อความ"
    event.save()
    assert StatusEvent.objects.count() == 6
    assert StatusEvent.objects.get(pk=made[102][0].pk).note == "แก้ไขข้อความ"


def test_it_is_one_query_through_djangos_cursor_with_the_values_bound_not_written_in(events):
    agency_type, _made = events
    prepared = PreparedQuery(_events_of, TYPE, OBJECT)
    prepared(agency_type.pk, 101)
    with CaptureQueriesContext(connection) as queries:
        assert len(prepared(agency_type.pk, 102)) == 3
    assert len(queries) == 1
    # A value that looks like SQL is only a value.
    named = PreparedQuery(lambda slug: Agency.objects.filter(slug=slug).order_by(), "\x00slug")
    assert named("x' OR '1'='1") == [] and Agency.objects.count() == 1


@pytest.mark.parametrize(
    "build",
    [
        lambda t, o: _events_of(t, o).select_related("agency"),
        lambda t, o: _events_of(t, o).annotate(n=Count("pk")),
        lambda t, o: _events_of(t, o).only("note"),
        lambda t, o: _events_of(t, o).values("note"),
        # the marker twice: no single place for its value
        lambda t, o: StatusEvent.objects.filter(Q(content_type_id=t) | Q(object_id=t), object_id=o),
    ],
    ids=["select_related", "annotate", "only", "values", "marker-twice"],
)
def test_a_query_it_cannot_keep_is_refused_at_its_first_use_not_answered_differently(events, build):
    agency_type, _made = events
    with pytest.raises(ValueError):
        PreparedQuery(build, TYPE, OBJECT)(agency_type.pk, 101)


def test_the_number_of_values_is_checked_and_none_is_refused(events):
    agency_type, _made = events
    with pytest.raises(TypeError):
        PreparedQuery(_events_of, TYPE, OBJECT)(1)
    with pytest.raises(TypeError):  # the ORM would have written IS NULL, not = NULL
        PreparedQuery(_events_of, TYPE, OBJECT)(agency_type.pk, None)
