import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.models import Agency
from prongsai.plans.parser import MAX_PLAN_BYTES, PlanTextError, decode_plan_file
from prongsai.plans.services import PlanImportError, PlanImportRefused, plan_import


class Command(BaseCommand):
    help = (
        "Import an integrity plan from the text of its Word/PDF document. Prints what it created, updated, "
        "kept and withdrew, and every row it could not place with its line number. Re-importing the same "
        "file creates no duplicates; a corrected file updates in place and keeps the progress reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", required=True, help="the agency's slug, e.g. pathumwan")
        parser.add_argument("--year", type=int, required=True, help="fiscal year in BE, e.g. 2566")
        parser.add_argument(
            "--kind",
            default="integrity",
            choices=["integrity", "anti_corruption", "service_efficiency"],
            help="which plan of the year the document is (default: the integrity measures)",
        )
        parser.add_argument("--dry-run", action="store_true", help="read and report, save nothing")
        parser.add_argument(
            "--confirm-withdrawals",
            action="store_true",
            help="import even if the file ends inside a table or withdraws more than a quarter of the "
            "plan's activities (without it such an import is refused, with the list of what would go)",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(
        self,
        *args,
        file: Path,
        agency: str,
        year: int,
        kind: str,
        dry_run: bool,
        json: bool,
        confirm_withdrawals: bool,
        **options,
    ):
        agency_obj = Agency.objects.filter(slug=agency).first()
        if agency_obj is None:
            raise CommandError(f"no agency with slug {agency!r}")
        if not 2500 <= year <= 2700:
            raise CommandError(f"--year is a Buddhist-era fiscal year such as 2566, not {year}")
        try:
            if file.stat().st_size > MAX_PLAN_BYTES:
                raise PlanTextError(f"{file.stat().st_size} bytes: over the limit of {MAX_PLAN_BYTES}")
            text = decode_plan_file(file.read_bytes())
        except (OSError, PlanTextError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        try:
            result = plan_import(
                actor=None,
                agency=agency_obj,
                fiscal_year=year,
                text=text,
                source_name=file.name,
                kind=kind,
                dry_run=dry_run,
                confirm_withdrawals=confirm_withdrawals,
            )
        except PlanImportRefused as exc:
            raise CommandError(
                f"refused, nothing saved: {exc}\nrun again with --confirm-withdrawals if this is intended"
            ) from exc
        except PlanImportError as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self.stdout.write(_json_dumps(result.as_dict()))
            return
        prefix = "would " if dry_run else ""
        self.stdout.write(
            f"{file.name}: {result.indicators} indicators, {result.activities} activities, "
            f"{result.oit_items} OIT items, {result.budget_rows} budget rows"
        )
        self.stdout.write(
            f"{prefix}create {result.created}, {prefix}update {result.updated}, unchanged {result.unchanged}, "
            f"{prefix}withdraw {result.withdrawn}"
        )
        if result.refusal:
            self.stdout.write(
                self.style.WARNING(f"{'confirmed: ' if result.confirmed else ''}{result.refusal}")
            )
            for title in result.withdrawals:
                self.stdout.write(f"  withdraw: {title}")
        for warning in result.warnings:
            self.stdout.write(
                self.style.WARNING(f"line {warning.line}: {warning.reason}: {warning.text[:120]}")
            )


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
