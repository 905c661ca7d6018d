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


def audit_verify(*, chunk_size: int = 2000, checkpoint: dict | None = None) -> tuple[int, list[BrokenLink]]:
    """Walk every chain in order; return the number of entries checked and every broken place (a walk
    goes on after a break, so later tampering is not hidden behind an earlier one).

    With a checkpoint (the chain heads as they were when it was written, kept outside the database), every
    chain it names must still reach its head with the same hash: a truncated chain, a deleted chain or a
    tail rewritten with recomputed hashes is reported."""
    checked = 0
    broken: list[BrokenLink] = []
    heads: dict[str, tuple[int, str, int]] = {}  # chain -> (last seq, its hash, id)
    seen_hash: dict[tuple[str, int], str] = {}
    wanted = {(h["chain"], h["seq"]) for h in (checkpoint or {}).get("heads", [])}
    chains = AuditEntry.objects.order_by().values_list("chain", flat=True).distinct()
    for chain in sorted(chains):
        expected_prev, expected_seq = GENESIS, 1
        for entry in AuditEntry.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=chunk_size):
            checked += 1
            if entry.seq != expected_seq:
                missing = (
                    f"entry {expected_seq} is missing"
                    if entry.seq == expected_seq + 1
                    else (f"entries {expected_seq}-{entry.seq - 1} are missing")
                )
                broken.append(BrokenLink(chain, expected_seq, entry.pk, missing))
            elif entry.prev_hash != expected_prev:
                broken.append(BrokenLink(chain, entry.seq, entry.pk, "does not point to the entry before it"))
            if entry_hash(entry) != entry.hash:
                broken.append(
                    BrokenLink(chain, entry.seq, entry.pk, "its content was changed after it was written")
                )
            if (chain, entry.seq) in wanted:
                seen_hash[(chain, entry.seq)] = entry.hash
            expected_prev, expected_seq = entry.hash, entry.seq + 1
            heads[chain] = (entry.seq, entry.hash, entry.pk)
    for head in (checkpoint or {}).get("heads", []):
        chain, seq = head["chain"], head["seq"]
        last = heads.get(chain)
        if last is None:
            broken.append(
                BrokenLink(
                    chain,
                    seq,
                    0,
                    f"the whole chain is gone (the checkpoint of {checkpoint['at']} had {seq} entries)",
                )
            )
        elif last[0] < seq:
            broken.append(
                BrokenLink(
                    chain,
                    last[0] + 1,
                    last[2],
                    f"the chain was cut: the checkpoint of {checkpoint['at']} had {seq} entries, {last[0]} remain",
                )
            )
        elif seen_hash.get((chain, seq)) != head["hash"]:
            broken.append(
                BrokenLink(
                    chain,
                    seq,
                    0,
                    f"entry {seq} differs from the checkpoint of {checkpoint['at']}: the chain was rewritten",
                )
            )
    return checked, broken


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
