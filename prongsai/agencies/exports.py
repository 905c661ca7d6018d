"""The audit log as a CSV file for auditors: one row per entry, the changed fields spelled out."""

from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.documents.data import csv_bytes
from prongsai.thai.dates import format_be_date

from .selectors import audit_changes, audit_model_label


def audit_csv(entries) -> bytes:
    header = [
        _("ลำดับ"),
        _("เวลา (ISO 8601)"),
        _("วันที่ (พ.ศ.)"),
        _("ผู้ดำเนินการ"),
        _("การกระทำ"),
        _("ประเภทรายการ"),
        _("รายการ"),
        _("การเปลี่ยนแปลง"),
        _("ค่าแฮช"),
    ]

    def rows():
        for entry in entries.iterator(chunk_size=1000):
            at = timezone.localtime(entry.at)
            changes = "; ".join(
                f"{change.label}: {change.before} → {change.after}" for change in audit_changes(entry)
            )
            yield [
                entry.seq,
                at.isoformat(timespec="seconds"),
                format_be_date(at.date(), style="medium"),
                entry.actor_name,
                entry.get_action_display(),
                audit_model_label(entry.model),
                entry.object_repr,
                changes,
                entry.hash,
            ]

    return csv_bytes(header, rows())
