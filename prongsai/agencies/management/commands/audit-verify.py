from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.checkpoints import latest_checkpoint
from prongsai.agencies.selectors import audit_verify


class Command(BaseCommand):
    help = (
        "Check the hash chains of the audit log against each other and against the latest signed checkpoint "
        "of the chain heads (kept in the file store); report every broken place and exit non-zero if any."
    )

    def handle(self, *args, **options):
        checkpoint, note = latest_checkpoint()
        if note:
            self.stderr.write(note)
        checked, broken = audit_verify(checkpoint=checkpoint)
        against = f" and the checkpoint of {checkpoint['at']}" if checkpoint else " (no checkpoint yet)"
        if broken:
            for link in broken:
                self.stderr.write(f"chain {link.chain}, entry {link.seq} (id {link.entry_id}): {link.reason}")
            raise CommandError(
                f"audit log broken in {len(broken)} place(s), the first in chain {broken[0].chain} at entry "
                f"{broken[0].seq}. {checked} entries read{against}."
            )
        self.stdout.write(self.style.SUCCESS(f"audit log intact: {checked} entries verified{against}"))
