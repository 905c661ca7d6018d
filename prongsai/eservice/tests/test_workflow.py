"""Officers move requests through the steps of their service: every move with the right role and the wrong
one, illegal moves refused, each move a status event with who, when and why, and the applicant told."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from prongsai.agencies.models import AuditEntry, StatusEvent
from prongsai.eservice import services
from prongsai.eservice.models import Request, State

from .helpers import apply, make_service, pdf

pytestmark = pytest.mark.django_db

# (state the request is brought to first, path to get there, the move tested)
PATHS = {
    State.RECEIVED: [],
    State.NEEDS_DOCUMENTS: [State.NEEDS_DOCUMENTS],
    State.ACCEPTED: [State.ACCEPTED],
    State.IN_STEP: [State.ACCEPTED, State.IN_STEP],
    State.APPROVED: [State.ACCEPTED, State.APPROVED],
}
MOVES = [
    (State.RECEIVED, State.ACCEPTED),
    (State.RECEIVED, State.NEEDS_DOCUMENTS),
    (State.RECEIVED, State.REFUSED),
    (State.NEEDS_DOCUMENTS, State.RECEIVED),
    (State.NEEDS_DOCUMENTS, State.REFUSED),
    (State.ACCEPTED, State.IN_STEP),
    (State.ACCEPTED, State.NEEDS_DOCUMENTS),
    (State.ACCEPTED, State.APPROVED),
    (State.ACCEPTED, State.REFUSED),
    (State.IN_STEP, State.IN_STEP),
    (State.IN_STEP, State.APPROVED),
    (State.IN_STEP, State.REFUSED),
    (State.IN_STEP, State.NEEDS_DOCUMENTS),
    (State.APPROVED, State.COMPLETED),
]
MESSAGE = "โปรดส่งสำเนาทะเบียนบ้านที่ชัดเจน"


def _bring(world, request, state):
    for step in PATHS[state]:
        services.request_transition(actor=world.coordinator, request=request, to_state=step, message=MESSAGE)
    request.refresh_from_db()
    assert request.state == state
    return request


@pytest.fixture
def service(world):
    return make_service(world)


@pytest.mark.parametrize(("source", "target"), MOVES)
@pytest.mark.parametrize("role", ["officer", "coordinator"])
def test_each_move_is_made_by_the_departments_officer_or_the_coordinator(
    world, service, source, target, role
):
    request = _bring(world, apply(world, service), source)
    actor = getattr(world, role)
    mail.outbox.clear()
    before = StatusEvent.objects.count()
    services.request_transition(
        actor=actor, request=request, to_state=target, message=MESSAGE, internal_note="ตรวจแล้ว"
    )
    request.refresh_from_db()
    assert request.state == target
    event = StatusEvent.objects.order_by("-pk").first()
    assert StatusEvent.objects.count() == before + 1
    assert (event.from_state, event.to_state, event.actor, event.note) == (source, target, actor, MESSAGE)
    assert event.data["internal_note"] == "ตรวจแล้ว"
    assert AuditEntry.objects.filter(
        model="eservice.request", object_id=str(request.pk), actor=actor
    ).exists()
    assert len(mail.outbox) == 1 and request.code in mail.outbox[0].body and MESSAGE in mail.outbox[0].body


@pytest.mark.parametrize(("source", "target"), MOVES)
@pytest.mark.parametrize("role", ["director", "auditor", "complaint_handler", "outsider", "nobody"])
def test_each_move_is_refused_to_every_other_role_and_nothing_changes(world, service, source, target, role):
    request = _bring(world, apply(world, service), source)
    before = StatusEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.request_transition(
            actor=getattr(world, role), request=request, to_state=target, message=MESSAGE
        )
    request.refresh_from_db()
    assert request.state == source and StatusEvent.objects.count() == before


@pytest.mark.parametrize(("source", "target"), MOVES)
def test_an_officer_of_another_department_moves_a_request_only_while_it_is_with_their_department(
    world, service, source, target
):
    request = _bring(world, apply(world, service), source)
    if request.department == world.public_works:  # accepted: the next step is ฝ่ายโยธา's
        services.request_transition(
            actor=world.works_officer, request=request, to_state=target, message=MESSAGE
        )
        assert Request.objects.get(pk=request.pk).state == target
    else:
        with pytest.raises(PermissionDenied):
            services.request_transition(
                actor=world.works_officer, request=request, to_state=target, message=MESSAGE
            )
        assert Request.objects.get(pk=request.pk).state == source


def test_forwarding_hands_the_request_to_the_next_steps_department(world, service):
    request = apply(world, service)
    services.request_transition(actor=world.officer, request=request, to_state=State.ACCEPTED)
    assert request.step == 1 and request.department == world.public_works  # step 2 is ฝ่ายโยธา's
    services.request_transition(actor=world.works_officer, request=request, to_state=State.IN_STEP)
    request.refresh_from_db()
    assert request.step == 2 and request.department == world.administration
    services.request_transition(actor=world.officer, request=request, to_state=State.IN_STEP)
    assert request.step == 3
    with pytest.raises(ValidationError) as refused:
        services.request_transition(actor=world.officer, request=request, to_state=State.IN_STEP)
    assert "ขั้นตอนสุดท้าย" in str(refused.value)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (State.RECEIVED, State.APPROVED),
        (State.RECEIVED, State.COMPLETED),
        (State.NEEDS_DOCUMENTS, State.ACCEPTED),
        (State.ACCEPTED, State.COMPLETED),
        (State.APPROVED, State.REFUSED),
        (State.IN_STEP, State.ACCEPTED),
    ],
)
def test_an_illegal_move_is_refused_with_both_states_named_and_nothing_saved(world, service, source, target):
    request = _bring(world, apply(world, service), source)
    before = StatusEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.request_transition(
            actor=world.coordinator, request=request, to_state=target, message=MESSAGE
        )
    assert "ไม่ได้" in str(refused.value)
    request.refresh_from_db()
    assert request.state == source and StatusEvent.objects.count() == before


@pytest.mark.parametrize("closed", [State.COMPLETED, State.REFUSED])
def test_a_closed_request_moves_no_more(world, service, closed):
    request = apply(world, service)
    if closed == State.COMPLETED:
        _bring(world, request, State.APPROVED)
    services.request_transition(actor=world.coordinator, request=request, to_state=closed, message="เหตุผล")
    for target in State.values:
        with pytest.raises(ValidationError):
            services.request_transition(
                actor=world.coordinator, request=request, to_state=target, message="x"
            )


@pytest.mark.parametrize("target", [State.REFUSED, State.NEEDS_DOCUMENTS])
def test_refusing_or_asking_for_documents_must_say_why(world, service, target):
    request = apply(world, service)
    with pytest.raises(ValidationError) as refused:
        services.request_transition(actor=world.officer, request=request, to_state=target, message="  ")
    assert "message" in refused.value.message_dict
    assert Request.objects.get(pk=request.pk).state == State.RECEIVED


def test_the_closing_time_is_the_closing_events_time(world, service):
    request = _bring(world, apply(world, service), State.APPROVED)
    services.request_transition(actor=world.officer, request=request, to_state=State.COMPLETED)
    event = request.events.get(to_state=State.COMPLETED)
    assert Request.objects.get(pk=request.pk).closed_at == event.at
    assert request.events.get(to_state=State.RECEIVED, from_state="").at == request.received_at


def test_the_applicant_sends_the_documents_asked_for_and_the_request_is_back_in_line(world, service):
    request = _bring(world, apply(world, service), State.NEEDS_DOCUMENTS)
    services.request_documents_send(request=request, uploads=[(None, pdf("ทะเบียนบ้าน.pdf"))])
    request.refresh_from_db()
    assert request.state == State.RECEIVED and request.files.count() == 2
    event = request.events.order_by("-pk").first()
    assert (event.from_state, event.to_state, event.actor) == (State.NEEDS_DOCUMENTS, State.RECEIVED, None)
    with pytest.raises(ValidationError):  # not asked for any more
        services.request_documents_send(request=request, uploads=[(None, pdf())])


def test_an_html_file_posing_as_pdf_is_refused_and_nothing_is_stored(world, service):
    request = _bring(world, apply(world, service), State.NEEDS_DOCUMENTS)
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as refused:
        services.request_documents_send(request=request, uploads=[(None, fake)])
    assert "ไม่ใช่ชนิดที่รับได้" in str(refused.value)
    request.refresh_from_db()
    assert request.state == State.NEEDS_DOCUMENTS and request.files.count() == 1


def test_a_note_is_a_timeline_row_and_an_internal_one_is_not_sent(world, service):
    request = apply(world, service)
    mail.outbox.clear()
    services.request_note(actor=world.officer, request=request, internal_note="โทรแจ้งแล้ว")
    assert mail.outbox == []
    services.request_note(actor=world.officer, request=request, message="เจ้าหน้าที่จะโทรนัดตรวจสถานที่")
    assert len(mail.outbox) == 1
    assert request.events.filter(data__kind="note").count() == 2
    with pytest.raises(PermissionDenied):
        services.request_note(actor=world.director, request=request, message="x")


def test_the_notifier_is_configurable_and_the_workflow_does_not_know_the_channel(world, service, settings):
    settings.PRONGSAI_NOTIFIERS = ["prongsai.agencies.tests.test_notify.RecordingNotifier"]
    from prongsai.agencies.tests.test_notify import RecordingNotifier

    RecordingNotifier.sent.clear()
    mail.outbox.clear()
    request = apply(world, service)
    assert mail.outbox == []
    assert (
        RecordingNotifier.sent[0][0].phone == "0812345678"
        and request.code in RecordingNotifier.sent[0][1].body
    )


def test_a_rating_once_after_completion(world, service):
    request = apply(world, service)
    with pytest.raises(ValidationError):
        services.request_rate(request=request, rating=5)
    _bring(world, request, State.APPROVED)
    services.request_transition(actor=world.officer, request=request, to_state=State.COMPLETED)
    services.request_rate(request=request, rating=4, comment="รวดเร็ว")
    with pytest.raises(ValidationError) as again:
        services.request_rate(request=Request.objects.get(pk=request.pk), rating=1)
    assert "ประเมินแล้ว" in str(again.value)
    assert Request.objects.get(pk=request.pk).rating == 4
