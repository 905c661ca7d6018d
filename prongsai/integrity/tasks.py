"""Background work of the integrity module: the reminder that a new fiscal year needs its announcements
signed again (no-gift, anti-bribery, the director's participation, the discretion guidelines).

`prongsai worker` enqueues ``announcement_renewals`` once a day. Each (agency, fiscal year, kind) is told
once, a ``RenewalReminder`` row says so; the coordinator's home keeps showing what is still due.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from prongsai.agencies.models import Agency, Membership, Role
from prongsai.agencies.notify import Contact, Message, notify
from prongsai.thai.fiscal import fiscal_year

from .models import RenewalReminder
from .register import renewals_due


@task()
def announcement_renewals(today_iso: str | None = None) -> int:
    today = date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    return renewal_reminders_send(today=today)


def renewal_reminders_send(*, today: date) -> int:
    """Tell each agency's coordinators which announcements of last year are not yet renewed; returns how
    many messages went out."""
    year = fiscal_year(today)
    sent = 0
    for agency in Agency.objects.active():
        due = renewals_due(agency, year)
        if not due:
            continue
        told = set(
            RenewalReminder.objects.filter(agency=agency, fiscal_year=year).values_list("kind", flat=True)
        )
        new = [r for r in due if r.kind not in told]
        if not new:
            continue
        coordinators = (
            Membership.objects.filter(
                agency=agency, role=Role.COORDINATOR, is_active=True, user__is_active=True
            )
            .exclude(user__email="")
            .select_related("user")
        )
        link = reverse("integrity:announcements", kwargs={"agency": agency.slug})
        body = "\n".join(
            [
                _("ปีงบประมาณ %(year)s เริ่มแล้ว ประกาศต่อไปนี้ของปีก่อนยังไม่ได้จัดทำและลงนามสำหรับปีนี้:") % {"year": year},
                "",
                *[
                    "- " + _("%(kind)s (ฉบับปี %(year)s)") % {"kind": r.label, "year": r.previous.fiscal_year}
                    for r in new
                ],
                "",
                _("หน่วยงาน: %(agency)s") % {"agency": agency.name},
                _("จัดทำได้ที่: %(link)s") % {"link": link},
            ]
        )
        message = Message(
            subject=_("[โปร่งใส] ประกาศที่ต้องลงนามใหม่ ปีงบประมาณ %(year)s") % {"year": year}, body=body
        )
        with transaction.atomic():
            try:
                for r in new:
                    RenewalReminder.objects.create(
                        agency=agency, fiscal_year=year, kind=r.kind, sent_at=timezone.now()
                    )
            except IntegrityError:
                continue  # another worker told them in the meantime
            for membership in coordinators:
                sent += notify(
                    contact=Contact(name=membership.user.get_full_name(), email=membership.user.email),
                    message=message,
                )
    return sent
