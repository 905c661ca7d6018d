import secrets

from django.apps import apps
from django.core.management.base import BaseCommand

from prongsai.agencies.demo import demo_agency_ensure, demo_staff_ensure


class Command(BaseCommand):
    help = (
        "Load the demo agency (สำนักงานเขตปทุมวัน, slug pathumwan) and one account per role. "
        "Running it again keeps what exists."
    )

    def handle(self, *args, **options):
        agency, created = demo_agency_ensure()
        self.stdout.write(("created" if created else "kept") + f" agency {agency.slug}: {agency.name}")
        password = secrets.token_urlsafe(12)
        accounts = demo_staff_ensure(agency, password)
        # Each app with demo content adds it here (its AppConfig.load_demo), in INSTALLED_APPS order.
        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo", None)
            if loader is not None:
                loader(agency, stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write("Demo staff accounts (log in at http://127.0.0.1:8000/staff/):")
        for username, role, is_new in accounts:
            self.stdout.write(
                f"  {username:28} {role}" + ("" if is_new else "  (existed; password unchanged)")
            )
        if any(is_new for _u, _r, is_new in accounts):
            self.stdout.write(
                self.style.WARNING(f"Password of the new accounts (shown only now): {password}")
            )
        else:
            self.stdout.write(
                "Passwords were printed at the first set-up; reset one with `prongsai changepassword NAME`."
            )
