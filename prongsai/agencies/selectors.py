"""Reads of the agencies app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps as django_apps
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.thai.dates import format_be_date

from .checkpoints import latest_checkpoint
from .models import Agency, AuditEntry, Holiday
from .services import GENESIS, chain_of, entry_hash


@dataclass(frozen=True)
class BrokenLink:
    chain: str
    seq: int
    entry_id: int
    reason: str


def audit_verify(
    *, chunk_size: int = 2000, checkpoint: dict | None = None, chains: list[str] | None = None
) -> tuple[int, list[BrokenLink]]:
    """Walk every chain in order; return the number of entries checked and every broken place (a walk
    goes on after a break, so later tampering is not hidden behind an earlier one).

    With a checkpoint (the chain heads as they were when it was written, kept outside the database), every
    chain it names must still reach its head with the same hash: a truncated chain, a deleted chain or a
    tail rewritten with recomputed hashes is reported. ``chains`` limits the walk (and the checkpoint's heads)
    to those chains: one agency's log page checks its own chain only."""
    checked = 0
    broken: list[BrokenLink] = []
    heads: dict[str, tuple[int, str, int]] = {}  # chain -> (last seq, its hash, id)
    seen_hash: dict[tuple[str, int], str] = {}
    checkpoint_heads = [
        h for h in (checkpoint or {}).get("heads", []) if chains is None or h["chain"] in chains
    ]
    wanted = {(h["chain"], h["seq"]) for h in checkpoint_heads}
    if chains is None:
        chains = list(AuditEntry.objects.order_by().values_list("chain", flat=True).distinct())
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
    for head in checkpoint_heads:
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


@dataclass(frozen=True)
class ChainStatus:
    checked: int
    broken: tuple[BrokenLink, ...]
    verified_at: datetime
    checkpoint_at: str  # the newest signed checkpoint it was compared with ("" when there is none)

    @property
    def intact(self) -> bool:
        return not self.broken


def audit_chain_status(agency: Agency) -> ChainStatus:
    """The verification of the agency's chain, as its log page shows it. Walking a long chain costs a read
    of every entry, so the result is kept until the chain grows (the cache key holds the head's hash); a
    change that does not grow the chain (an edit in the database) is found by ``audit-verify`` and by the
    next walk after the cache expires."""
    chain = chain_of(agency)
    head = AuditEntry.objects.filter(chain=chain).order_by("-seq").values_list("seq", "hash").first()
    key = f"audit-chain-status:{chain}:{head[0] if head else 0}:{head[1] if head else ''}"
    status = cache.get(key)
    if status is None:
        checkpoint, _note = latest_checkpoint()
        checked, broken = audit_verify(checkpoint=checkpoint, chains=[chain])
        status = ChainStatus(
            checked=checked,
            broken=tuple(broken),
            verified_at=timezone.now(),
            checkpoint_at=(checkpoint or {}).get("at", ""),
        )
        cache.set(key, status, 15 * 60)
    return status


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str  # as shown; the snapshot in the log keeps the stored value
    after: str


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name[:-3] if name.endswith("_id") else name)
    except FieldDoesNotExist:
        return None


def _shown(field, value) -> str:
    """A stored value as a reader knows it: a choice by its label, a time in the Buddhist era, nothing as —."""
    if value in (None, "", [], {}):
        return "—"
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ใช่") if value else _("ไม่ใช่")
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        if len(value) == 10:
            return format_be_date(moment.date(), style="medium")
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        return f"{format_be_date(local.date(), style='medium')} {local:%H:%M}"
    return str(value)


def audit_model_label(label: str) -> str:
    """ "plans.progressreport" as its readers know it ("รายงานผลการดำเนินงาน")."""
    try:
        return str(django_apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def audit_changes(entry: AuditEntry) -> list[FieldChange]:
    """The fields an entry changed, each before and after (a creation lists what was set, a withdrawal
    what was there). Snapshots are kept whole in the log; this only reads them."""
    try:
        model = django_apps.get_model(entry.model)
    except (LookupError, ValueError):
        model = None
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    names = list(dict.fromkeys([*before, *after]))
    changes = []
    for name in names:
        if name in ("id", "agency_id"):
            continue
        old, new = before.get(name), after.get(name)
        if entry.before is not None and entry.after is not None and old == new:
            continue
        if entry.before is None and new in (None, "", [], {}):
            continue  # a creation: list what was set, not every empty field
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        changes.append(FieldChange(name, label, _shown(field, old), _shown(field, new)))
    return changes


def audit_actors(agency: Agency) -> list[tuple[int, str]]:
    """Who has written to the agency's log (for the filter), by name."""
    rows = (
        AuditEntry.objects.filter(agency=agency, actor__isnull=False)
        .order_by()
        .values_list("actor_id", "actor_name")
        .distinct()
    )
    return sorted(set(rows), key=lambda row: row[1])


def audit_models(agency: Agency) -> list[tuple[str, str]]:
    labels = AuditEntry.objects.filter(agency=agency).order_by().values_list("model", flat=True).distinct()
    return sorted(((label, audit_model_label(label)) for label in set(labels)), key=lambda row: row[1])


def holidays_for(agency: Agency | None):
    """National holidays plus the agency's own days off."""
    condition = Q(agency__isnull=True)
    if agency is not None:
        condition |= Q(agency=agency)
    return Holiday.objects.filter(condition)


def holiday_dates(agency: Agency | None, start: date, end: date) -> frozenset[date]:
    return frozenset(holidays_for(agency).filter(date__range=(start, end)).values_list("date", flat=True))


def days_off(agency: Agency) -> frozenset[date]:
    """Every holiday of the agency (national ones and its own), kept under its public stamp: every tracking
    page and queue computes due dates from them. Adding or removing a holiday moves the agency's stamp, or
    the deployment's for a national one (services.holiday_add/holiday_remove)."""
    from .public_stamp import cached_many

    return cached_many(
        agency, {"days-off": lambda: frozenset(holidays_for(agency).values_list("date", flat=True))}
    )["days-off"]


def active_departments(agency: Agency) -> list:
    """The agency's active departments in their order, kept under its public stamp (the agency's home page
    lists them; any edit of a department moves the stamp)."""
    from .public_stamp import cached_many

    build = lambda: list(agency.departments.filter(is_active=True))  # noqa: E731
    return cached_many(agency, {"active-departments": build})["active-departments"]


def department_names(agency: Agency) -> dict[int, str]:
    """{department id: its name in the reader's language}, kept under the agency's public stamp (which any
    edit of a department moves)."""
    from .public_stamp import cached_many

    build = lambda: {d.pk: d.display_name for d in agency.departments.all()}  # noqa: E731
    return cached_many(agency, {"department-names": build})["department-names"]
