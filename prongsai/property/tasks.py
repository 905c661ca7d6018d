"""The daily loan reminders: a borrower whose loan ends tomorrow, and every overdue loan (the borrower and the
officers of the custodian department), once on the first day overdue and then weekly. `prongsai worker`
enqueues `loan_reminders` once a day; each (loan, kind, day) is sent once, a LoanReminder row says so."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from prongsai.agencies.models import Membership, Role
from prongsai.agencies.notify import Contact, Message, notify
from prongsai.thai.dates import format_be_date

from .exports import site_url
from .models import Loan, LoanReminder, LoanState

REMIND_EVERY_DAYS = 7


@task()
def loan_reminders(today_iso: str | None = None) -> int:
    today = datetime.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    return reminders_send(today=today)


def _officers(agency_id: int, department_id: int, cache: dict) -> list[str]:
    key = (agency_id, department_id)
    if key not in cache:
        cache[key] = sorted(
            set(
                Membership.objects.filter(
                    agency_id=agency_id,
                    is_active=True,
                    user__is_active=True,
                    role=Role.OFFICER,
                    departments__id=department_id,
                )
                .exclude(user__email="")
                .values_list("user__email", flat=True)
            )
        )
    return cache[key]


def _message(loan: Loan, kind: str) -> Message:
    due = format_be_date(loan.ends_on, "medium")
    if kind == LoanReminder.Kind.DUE_SOON:
        subject = _("[โปร่งใส] เตือนกำหนดคืน %(asset)s วันที่ %(due)s") % {"asset": loan.asset.name, "due": due}
        opening = _("ทรัพย์สินที่ท่านยืมครบกำหนดคืนวันที่ %(due)s โปรดนำมาคืนฝ่ายผู้ดูแลตามกำหนด") % {"due": due}
    else:
        subject = _("[โปร่งใส] เลยกำหนดคืน %(asset)s (กำหนด %(due)s)") % {"asset": loan.asset.name, "due": due}
        opening = _("ทรัพย์สินนี้เลยกำหนดคืนแล้ว (กำหนด %(due)s) โปรดนำมาคืนหรือแจ้งฝ่ายผู้ดูแลโดยเร็ว") % {"due": due}
    body = "\n".join(
        [
            opening,
            "",
            _("ทรัพย์สิน: %(number)s %(name)s") % {"number": loan.asset.number, "name": loan.asset.name},
            _("ฝ่ายผู้ดูแล: %(department)s") % {"department": loan.asset.department.name},
            _("รหัสการยืม: %(code)s") % {"code": loan.code},
            "",
            _("ข้อความนี้ส่งโดยอัตโนมัติจากระบบโปร่งใส"),
        ]
    )
    return Message(subject, body)


def _staff_message(loan: Loan) -> Message:
    message = _message(loan, LoanReminder.Kind.OVERDUE)
    link = site_url(reverse("property:loan", kwargs={"agency": loan.agency.slug, "code": loan.code}))
    return Message(message.subject, message.body + "\n" + _("รายการ: %(link)s") % {"link": link})


def reminders_send(*, today: datetime.date) -> int:
    """Returns the number of messages handed to the notifiers."""
    sent = 0
    officers: dict = {}
    tomorrow = today + datetime.timedelta(days=1)
    due_soon = Loan.objects.filter(state=LoanState.CHECKED_OUT, ends_on=tomorrow, agency__is_active=True)
    overdue = Loan.objects.filter(state=LoanState.CHECKED_OUT, ends_on__lt=today, agency__is_active=True)
    for kind, qs in ((LoanReminder.Kind.DUE_SOON, due_soon), (LoanReminder.Kind.OVERDUE, overdue)):
        for loan in qs.select_related("asset", "asset__department", "agency", "requested_by"):
            if kind == LoanReminder.Kind.OVERDUE:
                days_over = (today - loan.ends_on).days
                if (days_over - 1) % REMIND_EVERY_DAYS != 0 and loan.reminders.filter(kind=kind).exists():
                    continue
            try:
                with transaction.atomic():
                    LoanReminder.objects.create(loan=loan, kind=kind, sent_on=today)
                    email = loan.borrower_email or (loan.requested_by.email if loan.requested_by else "")
                    sent += notify(
                        contact=Contact(name=loan.borrower_name, email=email), message=_message(loan, kind)
                    )
                    if kind == LoanReminder.Kind.OVERDUE:
                        for address in _officers(loan.agency_id, loan.asset.department_id, officers):
                            sent += notify(contact=Contact(email=address), message=_staff_message(loan))
            except IntegrityError:
                continue
    return sent
