"""The integrity channels' figures for a parent agency (see disclosure/providers.py, agency_figures): counts
of corruption complaints and of general complaints received in each child's fiscal year, and how many are
still open. Counts only: nothing a complaint says, nobody who made it, no department it names. Two queries
for any number of agencies."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.disclosure.providers import AgencyFigures, FigureColumn
from prongsai.thai.fiscal import fiscal_year_bounds

from .models import Complaint, Feedback
from .statistics import BANGKOK

COLUMNS = (
    FigureColumn("complaints", gettext_lazy("เรื่องร้องเรียนการทุจริต")),
    FigureColumn("complaints_open", gettext_lazy("ยังไม่ได้ข้อยุติ")),
    FigureColumn("feedback", gettext_lazy("เรื่องร้องเรียนทั่วไป")),
    FigureColumn("feedback_open", gettext_lazy("ยังไม่ได้ตอบ")),
)
COMPLAINT_OPEN = (Complaint.State.RECEIVED, Complaint.State.SCREENING, Complaint.State.INVESTIGATING)
FEEDBACK_OPEN = (Feedback.State.RECEIVED, Feedback.State.IN_PROGRESS)


def bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start, end = fiscal_year_bounds(year)
    end = min(end, timezone.localdate())
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=BANGKOK)
    return begin, datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=BANGKOK
    )


def agency_figures(agency_ids: list[int], year: int) -> AgencyFigures:
    begin, finish = bounds(year)
    values: dict[int, dict[str, int | None]] = {
        pk: {"complaints": 0, "complaints_open": 0, "feedback": 0, "feedback_open": 0} for pk in agency_ids
    }
    for agency_id, n, still_open in (
        Complaint.objects.filter(agency_id__in=agency_ids, received_at__gte=begin, received_at__lt=finish)
        .values_list("agency_id")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(state__in=COMPLAINT_OPEN)))
        .order_by()
    ):
        values[agency_id].update(complaints=n, complaints_open=still_open)
    for agency_id, n, still_open in (
        Feedback.objects.filter(
            agency_id__in=agency_ids,
            kind=Feedback.Kind.COMPLAINT,
            created_at__gte=begin,
            created_at__lt=finish,
        )
        .values_list("agency_id")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(state__in=FEEDBACK_OPEN)))
        .order_by()
    ):
        values[agency_id].update(feedback=n, feedback_open=still_open)
    return AgencyFigures(title=_("เรื่องร้องเรียน (จำนวนเท่านั้น)"), columns=COLUMNS, values=values)
