"""What a staff member has to do, gathered from every app for their home page.

An app answers by naming a function in its AppConfig, ``staff_tasks = "prongsai.plans.todo.staff_tasks"``
(the same way apps declare ``daily_tasks`` and ``api_router``), so this lower layer never imports a module:
``fn(user, agency) -> list[StaffTask]``. Each function applies the app's own access rules: a task lists only
what the person may open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class Kind:
    RETURNED = "returned"  # came back to me, with the reason
    OVERDUE = "overdue"  # past its date
    OWED = "owed"  # due from me this month
    REVIEW = "review"  # waits for my review or approval
    DUE_SOON = "due_soon"  # will be late soon


ORDER = [Kind.RETURNED, Kind.OVERDUE, Kind.OWED, Kind.REVIEW, Kind.DUE_SOON]
HEADINGS = {
    Kind.RETURNED: _("ส่งกลับมาให้แก้ไข"),
    Kind.OVERDUE: _("เลยกำหนดแล้ว"),
    Kind.OWED: _("ต้องส่งเดือนนี้"),
    Kind.REVIEW: _("รอการตรวจหรืออนุมัติจากคุณ"),
    Kind.DUE_SOON: _("ใกล้ครบกำหนด"),
}


@dataclass(frozen=True)
class StaffTask:
    kind: str
    label: str  # what to do, e.g. "รายงานผลเดือน ก.ย. 2566"
    count: int
    url: str
    details: tuple[str, ...] = field(default=())  # a few of the records and why, e.g. the reviewer's comment

    @property
    def more(self) -> int:
        """How many records the details leave out."""
        return max(self.count - len(self.details), 0)


@cache
def _providers() -> tuple:
    paths = [getattr(config, "staff_tasks", None) for config in apps.get_app_configs()]
    return tuple(import_string(path) for path in paths if path)


def tasks_for(user, agency) -> list[tuple[str, str, list[StaffTask]]]:
    """(kind, heading, tasks) for every kind that has something, most urgent first; empty tasks dropped."""
    tasks = [task for provider in _providers() for task in provider(user, agency) if task.count]
    return [
        (kind, HEADINGS[kind], [task for task in tasks if task.kind == kind])
        for kind in ORDER
        if any(task.kind == kind for task in tasks)
    ]
