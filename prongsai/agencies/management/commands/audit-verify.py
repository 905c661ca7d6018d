from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.selectors import audit_verify


class Command(BaseCommand):
    help = "Check the hash chains of the audit log; report the first broken link and exit non-zero if any."

    def handle(self, *args, **options):
        checked, broken = audit_verify()
        if broken:
            raise CommandError(
                f"audit log broken in chain {broken.chain} at entry {broken.seq} (id {broken.entry_id}): "
                f"{broken.reason}. {checked} entries read."
            )
        self.stdout.write(self.style.SUCCESS(f"audit log intact: {checked} entries verified"))
