"""Reads of the agencies app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from .models import Agency, AuditEntry, Holiday
from .services import GENESIS, entry_hash


@dataclass(frozen=True)
class BrokenLink:
    chain: str
    seq: int
    entry_id: int
    reason: str


def audit_verify(*, chunk_size: int = 2000) -> tuple[int, BrokenLink | None]:
    """Walk every chain in order; return the number of entries checked and the first broken link."""
    checked = 0
    chains = AuditEntry.objects.order_by().values_list("chain", flat=True).distinct()
    for chain in sorted(chains):
        expected_prev, expected_seq = GENESIS, 1
        for entry in AuditEntry.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=chunk_size):
            checked += 1
            if entry.seq != expected_seq:
                return checked, BrokenLink(chain, expected_seq, entry.pk, f"entry {expected_seq} is missing")
            if entry.prev_hash != expected_prev:
                return checked, BrokenLink(
                    chain, entry.seq, entry.pk, "does not point to the entry before it"
                )
            if entry_hash(entry) != entry.hash:
                return checked, BrokenLink(
                    chain, entry.seq, entry.pk, "its content was changed after it was written"
                )
            expected_prev, expected_seq = entry.hash, entry.seq + 1
    return checked, None


def audit_entries_for(agency: Agency):
    return AuditEntry.objects.filter(agency=agency).select_related("actor").order_by("-at", "-seq")


def holidays_for(agency: Agency | None):
    """National holidays plus the agency's own days off."""
    condition = Q(agency__isnull=True)
    if agency is not None:
        condition |= Q(agency=agency)
    return Holiday.objects.filter(condition)


def holiday_dates(agency: Agency | None, start: date, end: date) -> frozenset[date]:
    return frozenset(holidays_for(agency).filter(date__range=(start, end)).values_list("date", flat=True))
