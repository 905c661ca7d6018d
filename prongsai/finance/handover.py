"""The budget table a plan document printed, handed over by the plans module (``agencies.signals.
budget_table_printed``, plain data): kept as this module's records beside the printed figures."""

from __future__ import annotations

import logging

from django.db import transaction

from .models import Budget
from .services import BudgetImportError, budget_import_printed

log = logging.getLogger(__name__)


def receive_printed_budget(sender, *, actor, agency, fiscal_year, table, **kwargs):
    try:
        with transaction.atomic():
            budget_import_printed(
                actor=actor, agency=agency, fiscal_year=fiscal_year, table=table, source=Budget.Source.PLAN
            )
    except BudgetImportError as exc:
        # The plan imports all the same (its own review lists the table's problems); the finance back office
        # shows that the table could not become records, and why.
        budget, _created = Budget.objects.get_or_create(agency=agency, fiscal_year=fiscal_year)
        budget.printed = {**table, "problems": exc.problems, "mismatches": []}
        budget.save(update_fields=["printed", "updated_at"])
        log.info("budget table of %s %s not taken: %s", agency.slug, fiscal_year, exc)
