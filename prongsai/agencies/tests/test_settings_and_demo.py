import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from prongsai.agencies.models import Agency, Membership

# 32 bytes, base64: the keys production needs besides the secret key.
KEYS = {
    "PRONGSAI_AUDIT_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    "PRONGSAI_COMPLAINT_KEY": "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=",
}


def _run(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "PRONGSAI_"))}
    if env_overrides.get("DJANGO_ENV") == "production":
        env.update(KEYS)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-m", "prongsai.manage", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(
        {
            "DJANGO_ENV": "production",
            "DJANGO_ALLOWED_HOSTS": "ita.example.go.th",
            "PRONGSAI_VAR_DIR": str(tmp_path),
        },
        "check",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = _run(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "k" * 20 + "Z9#" * 15,
            "PRONGSAI_VAR_DIR": str(tmp_path),
        },
        "check",
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_the_audit_key_or_with_a_bad_one(tmp_path):
    base = {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ!@#$%^&*()_+-=aZ",
        "DJANGO_ALLOWED_HOSTS": "ita.example.go.th",
        "PRONGSAI_VAR_DIR": str(tmp_path),
    }
    missing = _run({**base, "PRONGSAI_AUDIT_KEY": ""}, "check")
    assert missing.returncode != 0 and "PRONGSAI_AUDIT_KEY must be set" in missing.stderr
    short = _run({**base, "PRONGSAI_AUDIT_KEY": "c2hvcnQ="}, "check")
    assert short.returncode != 0 and "32 bytes" in short.stderr


def test_an_unknown_environment_name_is_refused(tmp_path):
    result = _run({"DJANGO_ENV": "prod", "PRONGSAI_VAR_DIR": str(tmp_path)}, "check")
    assert result.returncode != 0 and "DJANGO_ENV must be one of" in result.stderr


def test_the_deployment_check_passes_without_warnings_in_production(tmp_path):
    result = _run(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ!@#$%^&*()_+-=aZ",
            "DJANGO_ALLOWED_HOSTS": "ita.example.go.th",
            "PRONGSAI_VAR_DIR": str(tmp_path),
            "CACHE_URL": "redis://127.0.0.1:6379/9",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_deployment_check_warns_of_a_cache_that_each_process_keeps_for_itself(tmp_path):
    result = _run(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ!@#$%^&*()_+-=aZ",
            "DJANGO_ALLOWED_HOSTS": "ita.example.go.th",
            "PRONGSAI_VAR_DIR": str(tmp_path),
            "CACHE_URL": "locmemcache://",
        },
        "check",
        "--deploy",
    )
    assert "prongsai.W001" in result.stderr + result.stdout


@pytest.mark.django_db
def test_load_demo_creates_the_pathum_wan_agency_its_departments_and_one_account_per_role(capsys):
    call_command("load-demo")
    out = capsys.readouterr().out
    agency = Agency.objects.get(slug="pathumwan")
    assert agency.name == "สำนักงานเขตปทุมวัน"
    assert agency.departments.count() == 10
    assert set(Membership.objects.filter(agency=agency).values_list("role", flat=True)) == {
        "officer",
        "coordinator",
        "director",
        "complaint_handler",
        "auditor",
    }
    password = out.split("shown only now): ")[1].split()[0]
    user = get_user_model().objects.get(username="pathumwan.coordinator")
    assert user.check_password(password)
    assert get_user_model().objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_the_demo_reads_like_an_office_and_gives_one_phone_number_everywhere(client, capsys):
    call_command("load-demo")
    contact = client.get("/pathumwan/contact/").content.decode()
    o06 = client.get("/pathumwan/oit/2566/o06/").content.decode()
    home = client.get("/pathumwan/about/").content.decode()
    assert "02 214 1000" in contact
    assert "๒๒๑๔ ๑๒๗๕" not in o06 and "2214 1275" not in o06  # the contact page answers O06: one source
    for html in (contact, o06, home):
        assert "ข้อมูลตัวอย่าง" not in html


@pytest.mark.django_db
def test_load_demo_a_second_time_keeps_everything_and_changes_no_password(capsys):
    call_command("load-demo")
    password = capsys.readouterr().out.split("shown only now): ")[1].split()[0]
    # The demo agency, the city over it and its 49 other districts (prongsai/city/demo.py), each once.
    counts = (Agency.objects.count(), Membership.objects.count())
    assert counts == (1 + 1 + 49, 5 + 3)
    call_command("load-demo")
    out = capsys.readouterr().out
    assert "shown only now" not in out and "password unchanged" in out
    assert (Agency.objects.count(), Membership.objects.count()) == counts
    assert get_user_model().objects.get(username="pathumwan.officer").check_password(password)


def test_the_mail_server_is_one_url(tmp_path):
    result = _run(
        {
            "DJANGO_ENV": "development",
            "PRONGSAI_VAR_DIR": str(tmp_path),
            "EMAIL_URL": "smtp+tls://ita%40example.go.th:secret@mail.example.go.th:587",
        },
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, "
        "s.EMAIL_HOST_USER, s.EMAIL_USE_TLS)",
    )
    assert result.stdout.split()[-5:] == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.go.th",
        "587",
        "ita@example.go.th",
        "True",
    ], result.stderr
