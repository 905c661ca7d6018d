"""Property's part of a staff member's to-do list (see ``agencies.todo``): loan requests of my departments
waiting for approval, loans past their return date, and seized-goods events waiting for a second signature
that I may give (never one I recorded or signed myself)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies import access
from prongsai.agencies.todo import Kind, StaffTask

from . import access as property_access
from . import selectors
from .models import SIGNATURES_NEEDED, CustodyEvent


def staff_tasks(user, agency) -> list[StaffTask]:
    tasks: list[StaffTask] = []
    today = timezone.localdate()
    departments = property_access.handled_departments(user, agency)
    if access.has_capability(user, agency, "property.handle"):
        loans_url = reverse("property:loans", kwargs={"agency": agency.slug})
        requested = selectors.loans(agency, view="requested", today=today, departments=departments).count()
        if requested:
            tasks.append(
                StaffTask(Kind.REVIEW, _("คำขอยืมทรัพย์สินที่รออนุมัติ"), requested, f"{loans_url}?view=requested")
            )
        late = selectors.loans(agency, view="overdue", today=today, departments=departments).count()
        if late:
            tasks.append(
                StaffTask(Kind.OVERDUE, _("ทรัพย์สินที่ยืมไปเกินกำหนดคืน"), late, f"{loans_url}?view=overdue")
            )
    if access.has_capability(user, agency, "seized.sign"):
        waiting = (
            CustodyEvent.objects.filter(
                agency=agency, item__department__in=access.departments_in_scope(user, agency)
            )
            .annotate(n=Count("signatures"))
            .filter(n__lt=SIGNATURES_NEEDED)
            .exclude(Q(recorded_by=user) | Q(signatures__signer=user))
            .count()
        )
        if waiting:
            url = reverse("property:seized_list", kwargs={"agency": agency.slug})
            tasks.append(StaffTask(Kind.REVIEW, _("รายการของกลางที่รอการลงนามคนที่สอง"), waiting, url))
    return tasks
