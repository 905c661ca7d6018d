"""The OIT core's part of a staff member's to-do list (see ``agencies.todo``): entries waiting for approval
by someone other than who submitted them, and entries returned to the person who submitted them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.agencies import access
from prongsai.agencies.todo import Kind, StaffTask

from .models import Publication

DETAILS = 5


def _line(publication) -> str:
    return f"{publication.item.code.upper()} {publication.title}"


def staff_tasks(user, agency) -> list[StaffTask]:
    tasks: list[StaffTask] = []
    entries = Publication.objects.filter(agency=agency).select_related("item", "item__catalogue")
    if access.has_capability(user, agency, "disclosure.approve"):
        # Who submitted an entry does not approve it, so it is not on their own list.
        waiting = (
            entries.filter(state=Publication.State.SUBMITTED).exclude(created_by=user).order_by("created_at")
        )
        count = waiting.count()
        if count:
            tasks.append(
                StaffTask(
                    Kind.REVIEW,
                    _("รายการ OIT รออนุมัติ"),
                    count,
                    reverse("disclosure:overview", kwargs={"agency": agency.slug}),
                    tuple(_line(p) for p in waiting[:DETAILS]),
                )
            )
    if access.has_capability(user, agency, "disclosure.publish"):
        returned = [
            p
            for p in entries.filter(state=Publication.State.RETURNED)
            .prefetch_related("versions")
            .order_by("created_at")
            if p.submitter_id == user.pk
        ]
        count = len(returned)
        if count:
            first = returned[0]
            tasks.append(
                StaffTask(
                    Kind.RETURNED,
                    _("รายการ OIT ที่ถูกส่งกลับ"),
                    count,
                    reverse(
                        "disclosure:item",
                        kwargs={
                            "agency": agency.slug,
                            "year": first.item.catalogue.year,
                            "code": first.item.code,
                        },
                    ),
                    tuple(f"{_line(p)}: {p.review_comment or _('ไม่มีความเห็น')}" for p in returned[:DETAILS]),
                )
            )
    return tasks
