"""E-service's part of a staff member's to-do list (see ``agencies.todo``): open requests of the person's
departments that are late or will be late soon."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.agencies import access
from prongsai.agencies.todo import Kind, StaffTask

from . import access as eservice_access
from . import selectors

# Lateness is computed from each request's status history, not stored; the home page looks at the oldest
# open requests only (the late ones are among them), the queue's own "late" filter reads them all.
OLDEST = 200


def staff_tasks(user, agency) -> list[StaffTask]:
    if not access.has_capability(user, agency, "eservice.handle"):
        return []
    qs, rows = selectors.queue(eservice_access.visible_requests(user, agency), agency=agency)
    open_rows = rows(qs[:OLDEST])
    late = [row for row in open_rows if row.schedule.late and not row.schedule.closed]
    soon = [row for row in open_rows if row.schedule.late_soon]
    queue = reverse("eservice:queue", kwargs={"agency": agency.slug})
    tasks = []
    if late:
        tasks.append(
            StaffTask(
                Kind.OVERDUE,
                _("คำขอบริการที่เกินเวลามาตรฐาน"),
                len(late),
                f"{queue}?timing=late",
                tuple(f"{row.request.code} {row.request.service.name}" for row in late[:5]),
            )
        )
    if soon:
        tasks.append(
            StaffTask(
                Kind.DUE_SOON,
                _("คำขอบริการที่ใกล้เกินเวลามาตรฐาน"),
                len(soon),
                f"{queue}?timing=late_soon",
                tuple(f"{row.request.code} {row.request.service.name}" for row in soon[:5]),
            )
        )
    return tasks
