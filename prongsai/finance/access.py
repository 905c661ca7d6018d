"""Who may change which money record (on top of the capabilities of ``agencies.access``).

The budget is the finance department's (ฝ่ายการคลัง, department code ``finance``) and the coordinator's; a
procurement also its own department's officers. Everyone else with ``finance.view`` reads, nobody else writes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from prongsai.agencies import access
from prongsai.agencies.models import Role

FINANCE_DEPARTMENT = "finance"


def is_finance_officer(user, agency) -> bool:
    if Role.OFFICER not in access.roles_in(user, agency):
        return False
    mine = access.department_ids_of(user, agency)
    return agency.departments.filter(pk__in=mine, code=FINANCE_DEPARTMENT).exists()


def can_edit_budget(user, agency) -> bool:
    roles = access.roles_in(user, agency)
    return Role.COORDINATOR in roles or is_finance_officer(user, agency)


def require_budget_edit(user, agency) -> None:
    access.require_capability(user, agency, "finance.edit")
    if not can_edit_budget(user, agency):
        raise PermissionDenied


def can_edit_procurement(user, agency, department) -> bool:
    if not access.has_capability(user, agency, "finance.edit"):
        return False
    return can_edit_budget(user, agency) or (
        department is not None and access.covers_record(user, agency, department)
    )


def require_procurement_edit(user, agency, *, current, new=None) -> None:
    """The department the record has now and the one it is given must both be the person's (ฝ่ายการคลัง and
    the coordinator cover all)."""
    if not can_edit_procurement(user, agency, current) or (
        new is not None and not can_edit_procurement(user, agency, new)
    ):
        raise PermissionDenied
