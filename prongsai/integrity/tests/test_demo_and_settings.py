import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from prongsai.integrity.models import Complaint, Feedback, Question

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_state_across_fy2566_and_a_second_run_adds_nothing(media):
    call_command("load-demo", stdout=io.StringIO())
    complaints = Complaint.objects.filter(agency__slug="pathumwan")
    assert complaints.count() >= 40
    assert set(complaints.values_list("state", flat=True)) == set(Complaint.State.values)
    assert set(complaints.exclude(outcome="").values_list("outcome", flat=True)) == {
        "substantiated",
        "unsubstantiated",
        "referred",
    }
    months = {c.received_at.astimezone().strftime("%Y-%m") for c in complaints}
    assert {"2022-10", "2023-03", "2023-09"} <= months
    assert complaints.filter(has_identity=True).exists() and complaints.filter(has_identity=False).exists()
    assert set(Feedback.objects.values_list("kind", flat=True)) == set(Feedback.Kind.values)
    assert Question.objects.published().count() >= 5
    counts = (Complaint.objects.count(), Feedback.objects.count(), Question.objects.count())
    call_command("load-demo", stdout=io.StringIO())
    assert (Complaint.objects.count(), Feedback.objects.count(), Question.objects.count()) == counts


def test_production_refuses_to_start_without_the_complaint_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "PRONGSAI_"))}
    env.update(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ!@#$%^&*()_+-=aZ",
            "DJANGO_ALLOWED_HOSTS": "ita.example.go.th",
            "PRONGSAI_AUDIT_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "PRONGSAI_VAR_DIR": str(tmp_path),
        }
    )
    for key in ("", "dG9vLXNob3J0"):  # missing, and 9 bytes instead of 32
        env["PRONGSAI_COMPLAINT_KEY"] = key
        result = subprocess.run(
            [sys.executable, "-m", "prongsai.manage", "check"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0 and "PRONGSAI_COMPLAINT_KEY" in result.stderr
