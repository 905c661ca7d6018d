"""The integrity channels' part of a staff member's to-do list (see ``agencies.todo``): for a complaint
handler, open corruption complaints past or near their step's deadline (counts and record numbers only,
never what a complaint says); for officers and the coordinator, general complaints and suggestions routed to
them that wait, and questions to answer."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.agencies import access
from prongsai.agencies.todo import Kind, StaffTask

from . import access as integrity_access
from . import selectors
from .models import Complaint, Feedback, Question

SOON = datetime.timedelta(days=3)
OPEN_COMPLAINTS = [s for s in Complaint.State.values if s != Complaint.State.CLOSED]
OPEN_FEEDBACK = [Feedback.State.RECEIVED, Feedback.State.IN_PROGRESS]


def staff_tasks(user, agency) -> list[StaffTask]:
    tasks: list[StaffTask] = []
    today = selectors.today()
    if access.has_capability(user, agency, "complaints.handle"):
        visible = integrity_access.complaints_for_handler(user, agency).filter(state__in=OPEN_COMPLAINTS)
        cases = selectors.complaint_queue(visible, agency)
        queue = reverse("integrity:queue", kwargs={"agency": agency.slug})
        late = [c for c in cases if c.overdue]
        soon = [c for c in cases if c.due and not c.overdue and c.due - today <= SOON]
        if late:
            tasks.append(StaffTask(Kind.OVERDUE, _("เรื่องร้องเรียนการทุจริตที่เลยกำหนดของขั้นตอน"), len(late), queue))
        if soon:
            tasks.append(StaffTask(Kind.DUE_SOON, _("เรื่องร้องเรียนการทุจริตที่ใกล้ครบกำหนด"), len(soon), queue))
    if access.has_capability(user, agency, "feedback.handle"):
        waiting = integrity_access.feedback_visible_to(user, agency).filter(state__in=OPEN_FEEDBACK)
        records = selectors.feedback_queue(waiting, agency)
        late = [r for r in records if r.overdue]
        url = reverse("integrity:feedback", kwargs={"agency": agency.slug})
        if late:
            tasks.append(
                StaffTask(Kind.OVERDUE, _("เรื่องร้องเรียนทั่วไปและข้อเสนอแนะที่เลยกำหนดตอบ"), len(late), url)
            )
        elif records:
            tasks.append(StaffTask(Kind.OWED, _("เรื่องร้องเรียนทั่วไปและข้อเสนอแนะที่รอดำเนินการ"), len(records), url))
    if access.has_capability(user, agency, "questions.answer"):
        count = integrity_access.questions_visible_to(user, agency).filter(state=Question.State.NEW).count()
        if count:
            url = reverse("integrity:questions", kwargs={"agency": agency.slug})
            tasks.append(StaffTask(Kind.OWED, _("คำถามจากประชาชนที่รอคำตอบ"), count, url))
    return tasks
