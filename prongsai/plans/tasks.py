"""Background work of the plans app: the daily e-mail reminders about monthly reports and overdue activities.

`prongsai worker` enqueues `send_reminders` once a day; `prongsai send-reminders` runs it by hand.
A run can be repeated safely: each (activity, period, kind) is sent once, a ReminderSent row says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from prongsai.agencies.models import Membership, Role
from prongsai.thai import fiscal
from prongsai.thai.dates import be_year, format_be_date, thai_month_name
from prongsai.thai.fiscal import fiscal_year

from . import selectors
from .models import Activity, Plan, ReminderSent

logger = logging.getLogger(__name__)

PERIOD_CLOSING = "period_closing"
OVERDUE = "overdue"


@task()
def send_reminders(today_iso: str | None = None) -> int:
    today = date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    return reminders_send(today=today)


@dataclass
class _Staff:
    """The people of one agency who receive reminders, with an e-mail address."""

    officers: list[tuple[str, frozenset[int]]]  # (address, department ids)
    coordinators: list[str]

    @classmethod
    def of(cls, agency) -> _Staff:
        memberships = (
            Membership.objects.filter(
                agency=agency,
                is_active=True,
                user__is_active=True,
                role__in=[Role.OFFICER, Role.COORDINATOR],
            )
            .exclude(user__email="")
            .exclude(
                user__staff_preference__email_notifications=False
            )  # turned off on their preferences page
            .select_related("user")
            .prefetch_related("departments")
        )
        officers, coordinators = [], []
        for membership in memberships:
            if membership.role == Role.OFFICER:
                departments = frozenset(d.pk for d in membership.departments.all())
                officers.append((membership.user.email, departments))
            else:
                coordinators.append(membership.user.email)
        return cls(officers, coordinators)

    def responsible_for(self, activity: Activity) -> list[str]:
        if activity.all_departments:
            return [address for address, _departments in self.officers]
        wanted = {d.pk for d in activity.departments.all()}
        return [address for address, departments in self.officers if departments & wanted]


def _month_label(period: date) -> str:
    return f"{thai_month_name(period.month, abbreviated=True)} {be_year(period)}"


def _message(kind: str, activity: Activity, period: date, month_end: date) -> tuple[str, str]:
    plan = activity.plan
    link = reverse(
        "plans:activity",
        kwargs={"agency": plan.agency.slug, "year": plan.fiscal_year, "activity_id": activity.pk},
    )
    due = format_be_date(activity.due_date, "medium") if activity.due_date else "-"
    if kind == PERIOD_CLOSING:
        subject = _("[โปร่งใส] แจ้งเตือน: รายงานความคืบหน้าเดือน %(month)s") % {"month": _month_label(period)}
        opening = _(
            "รอบรายงานเดือน %(month)s จะปิดในวันที่ %(end)s แต่กิจกรรมนี้ยังไม่มีรายงานความคืบหน้าของเดือนนี้ "
            "(หรือรายงานถูกส่งกลับให้แก้ไข) โปรดรายงานผลการดำเนินงานพร้อมหลักฐานก่อนสิ้นเดือน"
        ) % {"month": _month_label(period), "end": format_be_date(month_end, "medium")}
    else:
        subject = _("[โปร่งใส] แจ้งเตือน: กิจกรรมเลยกำหนดแล้วเสร็จ %(due)s") % {"due": due}
        opening = _(
            "กิจกรรมนี้เลยกำหนดแล้วเสร็จ (%(due)s) และยังไม่มีรายงานว่าดำเนินการแล้วเสร็จที่ได้รับการรับรอง "
            "โปรดรายงานความคืบหน้า หรือแจ้งผู้ประสานงานถึงเหตุที่ล่าช้า"
        ) % {"due": due}
    body = "\n".join(
        [
            opening,
            "",
            _("หน่วยงาน: %(agency)s") % {"agency": plan.agency.name},
            _("แผน: %(plan)s ปีงบประมาณ %(year)s") % {"plan": plan.title, "year": plan.fiscal_year},
            _("กิจกรรม: %(activity)s") % {"activity": activity.title},
            _("กำหนดแล้วเสร็จ: %(due)s") % {"due": due},
            "",
            _("รายงานได้ที่: %(link)s") % {"link": link},
            "",
            _("ข้อความนี้ส่งโดยอัตโนมัติจากระบบโปร่งใส"),
        ]
    )
    return subject, body


def _send_once(activity: Activity, period: date, kind: str, recipients: list[str], month_end: date) -> int:
    """Record the reminder and send it in one transaction: the row is the claim (two workers running the same
    day collide on the unique constraint), and a failed send rolls the row back so the next run retries."""
    subject, body = _message(kind, activity, period, month_end)
    # One message per person: colleagues' addresses are not shown to each other.
    messages = [(subject, body, None, [address]) for address in recipients]
    try:
        with transaction.atomic():
            ReminderSent.objects.create(activity=activity, period=period, kind=kind, sent_at=timezone.now())
            return send_mass_mail(messages)
    except IntegrityError:
        return 0
    except OSError:  # smtplib.SMTPException and connection errors
        logger.exception("reminder %s for activity %s (%s) not sent", kind, activity.pk, period)
        return 0


def reminders_send(*, today: date) -> int:
    """Send the reminders due on `today`; returns the number of e-mails sent.

    period_closing: the month's reporting period closes within PLAN_REMINDER_DAYS_BEFORE days and the activity
    has no report for it (or it was returned): to the officers of the activity's departments.
    overdue: the due date has passed without an accepted "done" report: to those officers and the coordinators.
    Sent on the first run after the due date, whenever that is, so a day the worker was down loses nothing.
    """
    days_before = getattr(settings, "PLAN_REMINDER_DAYS_BEFORE", 3)
    period = today.replace(day=1)
    month_end = fiscal.month_end(today)
    closing_soon = (month_end - today).days <= days_before
    # Only integrity plans: they are the ones the back office reports on (the link goes there).
    plans = Plan.objects.filter(
        fiscal_year=fiscal_year(today), kind=Plan.Kind.INTEGRITY, agency__is_active=True
    ).select_related("agency")
    sent = 0
    for plan in plans:
        staff = _Staff.of(plan.agency)
        already = set(
            ReminderSent.objects.filter(activity__plan=plan).values_list("activity_id", "period", "kind")
        )
        for state in selectors.activity_states(plan, as_of=today):
            activity = state.activity
            activity.plan = plan  # the link and the message read plan.agency: no query per activity
            officers = staff.responsible_for(activity)
            due: list[tuple[date, str, list[str]]] = []
            if closing_soon and state.owed_now:
                due.append((period, PERIOD_CLOSING, officers))
            if state.overdue:
                due.append((activity.due_date, OVERDUE, officers + staff.coordinators))
            for key_period, kind, recipients in due:
                recipients = sorted(set(recipients))
                if recipients and (activity.pk, key_period, kind) not in already:
                    sent += _send_once(activity, key_period, kind, recipients, month_end)
    return sent
