"""`prongsai worker`: the django-tasks database worker, which also enqueues the daily jobs.

Daily jobs are declared by the apps: ``daily_tasks = ["prongsai.plans.tasks.send_reminders"]`` in an
AppConfig (so the bottom layer names no module above it).

Every option of django-tasks-db's `db_worker` applies (`--queue-name`, `--interval`, `--batch`, ...).
Ctrl-C (or SIGTERM) lets a running task finish, then stops; a second Ctrl-C stops at once.
"""

import logging
import os
import threading
from datetime import date

from django.apps import apps
from django.db import close_old_connections, connections
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger(__name__)

CHECK_EVERY_SECONDS = 60


def reminder_run_due(last_run: date | None, today: date) -> bool:
    """Once a day: when the worker starts, then whenever the local date has changed since the last run."""
    return last_run is None or today > last_run


def daily_tasks() -> list:
    return [
        import_string(path)
        for config in apps.get_app_configs()
        for path in getattr(config, "daily_tasks", ())
    ]


class DailyTasks:
    """Enqueues every app's daily task once a day. Several workers may each enqueue them: each task must be
    safe to repeat (plans.tasks records every reminder it sends), so no coordination between workers is needed."""

    def __init__(self):
        self.last_run: date | None = None

    def tick(self, today: date) -> bool:
        if not reminder_run_due(self.last_run, today):
            return False
        for task in daily_tasks():
            task.enqueue()
        self.last_run = today
        return True

    def run(self, stop: threading.Event, every: float = CHECK_EVERY_SECONDS) -> None:
        try:
            while not stop.wait(every):
                close_old_connections()
                try:
                    self.tick(timezone.localdate())
                except Exception:
                    # A database that is briefly away must not end the schedule: the next check retries.
                    logger.exception("could not enqueue the daily tasks")
        finally:
            connections.close_all()  # this thread's connections only


class Command(DbWorkerCommand):
    help = (
        "Run the background worker (django-tasks database backend) and enqueue the apps' daily tasks (the "
        "plan reminders, ...) once a day: at start, then when the date changes. Takes the options of "
        "db_worker; with --batch it enqueues them, runs every waiting task and exits (for cron)."
    )

    def handle(self, *args, **options):
        reload = options["reload"] and not options["batch"]
        if reload and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The autoreloader's parent process only restarts the child, which schedules.
            return super().handle(*args, **options)
        daily = DailyTasks()
        daily.tick(timezone.localdate())  # before the worker starts, so --batch runs it too
        stop = threading.Event()
        thread = threading.Thread(target=daily.run, args=(stop,), name="prongsai-daily", daemon=True)
        thread.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
            thread.join(timeout=5)
