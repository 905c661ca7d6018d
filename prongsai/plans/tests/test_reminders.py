import signal
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from prongsai.agencies.management.commands.worker import DailyTasks, reminder_run_due
from prongsai.agencies.models import Membership
from prongsai.agencies.tests.factories import Role, member
from prongsai.plans.models import Activity, Indicator, Plan, ReminderSent
from prongsai.plans.services import report_review, report_submit
from prongsai.plans.tasks import reminders_send, send_reminders


@pytest.fixture
def people(world):
    """Everyone gets an e-mail address; the other agency has an officer of a department with the same code."""
    world.other_officer = member(world.other, Role.OFFICER, world.other_department, username="olive.other")
    for name in (
        "officer",
        "works_officer",
        "coordinator",
        "director",
        "auditor",
        "outsider",
        "other_officer",
    ):
        user = getattr(world, name)
        user.email = f"{user.username}@example.org"
        user.save()
    return world


@pytest.fixture
def plan(people):
    world = people
    plan = Plan.objects.create(agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรมฯ")
    indicator = Indicator.objects.create(plan=plan, number="1", title="การปฏิบัติหน้าที่")
    activity = Activity.objects.create(
        plan=plan,
        indicator=indicator,
        key="a",
        order=1,
        focus="พัฒนาจุดบริการ",
        name="อบรมเจ้าหน้าที่เรื่องการให้บริการ",
        due_date=date(2023, 6, 30),
    )
    activity.departments.add(world.administration)
    return plan


def addresses() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_closing_reminder_goes_to_the_officers_of_the_department_only(people, plan):
    with time_machine.travel("2023-03-28 09:00 +0700", tick=False):
        result = send_reminders.enqueue()
    assert result.return_value == 1
    assert addresses() == ["alice.officer@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[โปร่งใส] แจ้งเตือน: รายงานความคืบหน้าเดือน มี.ค. 2566"
    activity = plan.activities.get()
    assert "อบรมเจ้าหน้าที่เรื่องการให้บริการ" in message.body
    assert f"/staff/pathumwan/plans/2566/activities/{activity.pk}/" in message.body
    assert "31 มี.ค. 2566" in message.body
    assert ReminderSent.objects.get().kind == "period_closing"


def test_a_reminder_is_sent_once(people, plan):
    assert reminders_send(today=date(2023, 3, 28)) == 1
    assert reminders_send(today=date(2023, 3, 29)) == 0
    assert len(mail.outbox) == 1


def test_no_closing_reminder_before_the_window_or_when_a_report_exists(people, plan):
    assert reminders_send(today=date(2023, 3, 27)) == 0  # four days before the end of the month
    report_submit(
        actor=people.officer,
        activity=plan.activities.get(),
        period=date(2023, 3, 1),
        status="in_progress",
        percent=30,
    )
    assert reminders_send(today=date(2023, 3, 28)) == 0
    assert mail.outbox == []


def test_a_returned_report_is_owed_again(people, plan):
    report = report_submit(
        actor=people.officer,
        activity=plan.activities.get(),
        period=date(2023, 3, 1),
        status="in_progress",
        percent=30,
    )
    report_review(actor=people.coordinator, report=report, accept=False, comment="แนบหลักฐาน")
    assert reminders_send(today=date(2023, 3, 29)) == 1


def test_the_window_follows_the_setting(people, plan, settings):
    settings.PLAN_REMINDER_DAYS_BEFORE = 5
    assert reminders_send(today=date(2023, 3, 26)) == 1


def test_activities_for_all_departments_remind_every_officer_with_an_address(people, plan):
    activity = plan.activities.get()
    activity.departments.clear()
    activity.all_departments = True
    activity.save()
    people.works_officer.email = ""
    people.works_officer.save()
    Membership.objects.filter(user=people.officer).update(is_active=False)
    registrar = member(people.agency, Role.OFFICER, people.registration, username="reg.officer")
    registrar.email = "reg@example.org"
    registrar.save()
    reminders_send(today=date(2023, 3, 28))
    assert addresses() == ["reg@example.org"]


def test_the_overdue_reminder_goes_to_the_officers_and_the_coordinator_the_day_after(people, plan):
    activity = plan.activities.get()
    activity.due_date = date(2023, 3, 10)
    activity.save()
    assert reminders_send(today=date(2023, 3, 10)) == 0  # due today: not yet overdue
    with time_machine.travel("2023-03-11 09:00 +0700", tick=False):
        assert send_reminders.enqueue().return_value == 2
    assert addresses() == ["alice.officer@example.org", "bob.coordinator@example.org"]
    assert mail.outbox[0].subject == "[โปร่งใส] แจ้งเตือน: กิจกรรมเลยกำหนดแล้วเสร็จ 10 มี.ค. 2566"
    assert ReminderSent.objects.get().period == date(2023, 3, 10)
    assert reminders_send(today=date(2023, 3, 12)) == 0


def test_a_done_activity_gets_no_reminder(people, plan):
    activity = plan.activities.get()
    activity.due_date = date(2023, 3, 10)
    activity.save()
    report = report_submit(
        actor=people.officer, activity=activity, period=date(2023, 2, 1), status="done", percent=100
    )
    report_review(actor=people.coordinator, report=report, accept=True)
    assert [m.subject for m in mail.outbox] == ["[โปร่งใส] รายงานเดือน ก.พ. 2566 ได้รับการรับรองแล้ว"]
    mail.outbox.clear()
    assert reminders_send(today=date(2023, 3, 29)) == 0
    assert mail.outbox == []


def test_a_withdrawn_activity_or_a_plan_of_another_year_gets_no_reminder(people, plan):
    assert reminders_send(today=date(2023, 10, 29)) == 0  # fiscal year 2567: no plan
    Activity.objects.update(withdrawn_at="2023-03-01T00:00:00+07:00")
    assert reminders_send(today=date(2023, 3, 28)) == 0


def test_another_agencys_officers_get_none_of_these_reminders(people, plan):
    activity = plan.activities.get()
    activity.due_date = date(2023, 3, 10)
    activity.save()
    reminders_send(today=date(2023, 3, 28))
    sent = addresses()
    assert sent and not {"olive.other@example.org", "oscar.outsider@example.org"} & set(sent)


def test_the_other_agency_is_reminded_of_its_own_plan(people, plan):
    other_plan = Plan.objects.create(agency=people.other, fiscal_year=2566, title="แผนหนองจอก")
    theirs = Activity.objects.create(plan=other_plan, key="z", focus="ของหนองจอก", due_date=date(2023, 6, 30))
    theirs.departments.add(people.other_department)
    reminders_send(today=date(2023, 3, 28))
    assert addresses() == ["alice.officer@example.org", "olive.other@example.org"]
    other_message = next(m for m in mail.outbox if m.to == ["olive.other@example.org"])
    assert "/staff/nongchok/plans/2566/" in other_message.body and "พัฒนาจุดบริการ" not in other_message.body


def test_a_failed_send_is_retried_on_the_next_run(people, plan, monkeypatch):
    from prongsai.plans import tasks

    def broken(messages):
        raise ConnectionRefusedError

    monkeypatch.setattr(tasks, "send_mass_mail", broken)
    assert reminders_send(today=date(2023, 3, 28)) == 0
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert reminders_send(today=date(2023, 3, 29)) == 1


def test_the_command_sends_for_a_given_date_and_says_how_many(people, plan):
    out = StringIO()
    call_command("send-reminders", "--date", "2023-03-30", stdout=out)
    assert out.getvalue().strip() == "1 reminder e-mail(s) sent"
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send-reminders", "--date", "30/03/2566")


def test_the_command_uses_today_by_default(people, plan):
    out = StringIO()
    with time_machine.travel("2023-03-30 09:00 +0700", tick=False):
        call_command("send-reminders", stdout=out)
    assert out.getvalue().strip() == "1 reminder e-mail(s) sent"


# --- the worker's daily schedule -------------------------------------------------------------------------


def test_a_reminder_run_is_due_at_start_and_when_the_date_changes():
    assert reminder_run_due(None, date(2023, 3, 28))
    assert not reminder_run_due(date(2023, 3, 28), date(2023, 3, 28))
    assert reminder_run_due(date(2023, 3, 28), date(2023, 3, 29))


@time_machine.travel("2023-03-28 09:00 +0700", tick=False)
def test_the_worker_enqueues_the_reminders_once_a_day(people, plan):
    daily = DailyTasks()
    assert daily.tick(date(2023, 3, 28)) is True
    assert daily.tick(date(2023, 3, 28)) is False
    assert len(mail.outbox) == 1  # the test settings run tasks at once
    assert daily.tick(date(2023, 3, 29)) is True and daily.last_run == date(2023, 3, 29)


# The worker closes connections that are not in autocommit, as a test transaction is not: commit for real.
@pytest.mark.django_db(transaction=True)
def test_the_worker_in_batch_mode_runs_the_reminders_through_the_database_queue(people, plan, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with time_machine.travel("2023-03-28 09:00 +0700", tick=False):
            call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    from django_tasks_db.models import DBTaskResult

    reminders = DBTaskResult.objects.get(task_path="prongsai.plans.tasks.send_reminders")
    assert reminders.status == "SUCCESSFUL"
    # every daily task of every app ran in the same batch
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert addresses() == ["alice.officer@example.org"]


def test_an_officer_who_turned_e_mails_off_gets_no_reminder(people, plan):
    from prongsai.agencies.services import preference_set

    assert reminders_send(today=date(2023, 2, 25)) == 1  # February's closing reminder reaches alice
    preference_set(user=people.officer, email_notifications=False)
    mail.outbox.clear()
    assert reminders_send(today=date(2023, 3, 28)) == 0
    assert mail.outbox == []
