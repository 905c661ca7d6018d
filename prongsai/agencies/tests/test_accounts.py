"""Staff accounts that hold: lockout by (account, address), a slower back-off per account, an idle timeout,
no cached staff pages, password reset by e-mail."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def _login(client, username, password, address):
    return client.post("/staff/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    from axes.utils import reset

    reset()
    yield
    reset()


def test_wrong_passwords_from_one_address_do_not_lock_the_real_user_out_elsewhere(world, client, axes_on):
    world.officer.set_password("รหัสจริง-2566")
    world.officer.save()
    for _ in range(6):
        _login(client, "alice.officer", "ผิด", "203.0.113.7")
    locked = _login(client, "alice.officer", "รหัสจริง-2566", "203.0.113.7")
    assert locked.status_code in (403, 429)  # that address is locked out of that account
    real = _login(client, "alice.officer", "รหัสจริง-2566", "198.51.100.20")
    assert real.status_code == 302  # the officer at her own PC signs in


def test_many_addresses_guessing_one_account_are_slowed_per_account(world, client, settings):
    settings.LOGIN_ATTEMPTS_PER_ACCOUNT = 3
    world.officer.set_password("รหัสจริง-2566")
    world.officer.save()
    for n in range(3):
        _login(client, "alice.officer", "ผิด", f"203.0.113.{n}")
    refused = _login(client, "alice.officer", "รหัสจริง-2566", "198.51.100.20")
    assert refused.status_code == 200 and "ลองใหม่ในอีกหนึ่งชั่วโมง" in refused.content.decode()


def test_an_idle_session_ends_and_the_login_page_says_why(world, client, settings):
    import time_machine

    settings.SESSION_IDLE_SECONDS = 1800
    with time_machine.travel("2023-03-01 09:00 +0700", tick=False):
        client.force_login(world.coordinator)
        assert client.get("/staff/pathumwan/").status_code == 200
    with time_machine.travel("2023-03-01 09:20 +0700", tick=False):
        assert client.get("/staff/pathumwan/").status_code == 200  # 20 minutes: still signed in
    with time_machine.travel("2023-03-01 10:00 +0700", tick=False):
        response = client.get("/staff/pathumwan/")
        assert response.status_code == 302 and "idle=1" in response["Location"]
        page = client.get(response["Location"])
        assert "ไม่มีการใช้งานนานเกินกำหนด" in page.content.decode()
        assert client.get("/staff/pathumwan/")["Location"].startswith("/staff/login/")  # signed out


def test_staff_pages_and_the_new_token_page_are_never_cached(world, client):
    client.force_login(world.coordinator)
    for path in ("/staff/", "/staff/tokens/", "/staff/pathumwan/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
    created = client.post("/staff/tokens/", {"name": "สคริปต์"})
    assert "no-store" in created["Cache-Control"]
    client.logout()
    assert "no-store" not in client.get("/pathumwan/").get("Cache-Control", "")  # public pages may be cached


def test_a_forgotten_password_is_reset_through_a_one_time_link_by_e_mail(world, client):
    world.officer.email = "alice@pathumwan.example.go.th"
    world.officer.save()
    response = client.post("/staff/password-reset/", {"email": "alice@pathumwan.example.go.th"})
    assert response.status_code == 302
    unknown = client.post("/staff/password-reset/", {"email": "nobody@example.org"})
    assert unknown.status_code == 302  # the same answer: an address reveals no account
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@pathumwan.example.go.th"]
    link = re.search(r"http://testserver(/staff/password-reset/\S+/)", mail.outbox[0].body)[1]
    form = client.get(link, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": "ใหม่-ปลอดภัย-2567", "new_password2": "ใหม่-ปลอดภัย-2567"},
    )
    assert done.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.check_password("ใหม่-ปลอดภัย-2567")
    again = client.get(link, follow=True)
    assert "ใช้ไม่ได้แล้ว" in again.content.decode()  # used once, gone


# --- two-step sign-in --------------------------------------------------------------------------------------


def _code(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_coordinator_must_set_up_and_give_a_second_step_code_in_production(world, client, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_REQUIRED = True
    # django-otp slows a device after a wrong code (1 s, 2 s, ...): off here, where a wrong code comes first.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    client.force_login(world.coordinator)
    first = client.get("/staff/pathumwan/")
    assert first.status_code == 302 and first["Location"].startswith("/staff/2fa/setup/")
    page = client.get(first["Location"])
    assert page.status_code == 200 and 'src="data:image/png;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=world.coordinator, confirmed=False)
    wrong = client.post("/staff/2fa/setup/", {"code": "000000"})
    assert wrong.status_code == 422
    device.refresh_from_db()
    done = client.post("/staff/2fa/setup/", {"code": _code(device)})
    codes = re.findall(r"<li><code>([0-9a-f]{8})</code></li>", done.content.decode())
    assert len(codes) == 10 and "no-store" in done["Cache-Control"]
    assert client.get("/staff/pathumwan/").status_code == 200  # verified in this session

    client.logout()
    client.force_login(world.coordinator)
    asked = client.get("/staff/pathumwan/")
    assert asked["Location"].startswith("/staff/2fa/?next=")
    assert client.post("/staff/2fa/", {"code": "123"}).status_code == 422
    recovered = client.post("/staff/2fa/?next=/staff/pathumwan/", {"code": codes[0]})
    assert recovered.status_code == 302 and recovered["Location"] == "/staff/pathumwan/"
    client.logout()
    client.force_login(world.coordinator)
    assert client.post("/staff/2fa/", {"code": codes[0]}).status_code == 422  # a recovery code works once


def test_an_officer_may_go_without_it_and_the_demo_says_it_is_off(world, client, settings):
    settings.OTP_REQUIRED = True
    client.force_login(world.officer)
    assert client.get("/staff/pathumwan/").status_code == 200
    client.logout()
    settings.OTP_REQUIRED = False
    assert "ยืนยันตัวตนสองขั้นด้วยแอป" in client.get("/staff/login/").content.decode()


def test_the_second_step_refuses_an_outside_next_address(world, client, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=world.director, name="app", confirmed=True)
    client.force_login(world.director)
    response = client.post("/staff/2fa/?next=https://evil.example/", {"code": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/staff/"
