import pytest

from prongsai.agencies.models import AuditEntry, Holiday


def test_staff_log_in_with_their_password_and_land_on_their_agency(world, client):
    response = client.post(
        "/staff/login/", {"username": "alice.officer", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == "/staff/pathumwan/"
    assert "สำนักงานเขตปทุมวัน" in response.content.decode()


def test_a_wrong_password_is_refused_with_a_thai_message(world, client):
    response = client.post("/staff/login/", {"username": "alice.officer", "password": "wrong"})
    assert response.status_code == 200
    assert "กรุณาใส่ชื่อผู้ใช้และรหัสผ่านให้ถูกต้อง" in response.content.decode() or "ถูกต้อง" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logging_out_is_a_post_and_ends_the_session(world, login):
    client = login(world.officer)
    assert client.get("/staff/logout/").status_code == 405
    client.post("/staff/logout/")
    assert client.get("/staff/pathumwan/").status_code == 302


def test_the_back_office_needs_a_login(world, client):
    response = client.get("/staff/pathumwan/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


def test_someone_with_no_role_is_told_so(world, login):
    response = login(world.nobody).get("/staff/")
    assert "ยังไม่มีบทบาท" in response.content.decode()


def test_the_coordinator_adds_an_agency_holiday_typed_in_buddhist_era(world, login):
    client = login(world.coordinator)
    response = client.post("/staff/pathumwan/holidays/", {"date": "๑๓ เม.ย. ๖๖", "name": "วันสงกรานต์"})
    assert response.status_code == 302
    holiday = Holiday.objects.get(agency=world.agency)
    assert str(holiday.date) == "2023-04-13"
    assert AuditEntry.objects.filter(agency=world.agency, model="agencies.holiday", action="create").exists()
    assert "13 เมษายน 2566" in client.get("/staff/pathumwan/holidays/").content.decode()


def test_an_unreadable_holiday_date_is_refused_with_the_text_named_and_nothing_saved(world, login):
    response = login(world.coordinator).post(
        "/staff/pathumwan/holidays/", {"date": "31 เม.ย. 66", "name": "x"}
    )
    assert response.status_code == 422
    assert "31 เม.ย. 66" in response.content.decode()
    assert not Holiday.objects.exists()


@pytest.mark.parametrize("persona", ["officer", "director", "auditor"])
def test_only_the_coordinator_changes_holidays(world, login, persona):
    response = login(getattr(world, persona)).post(
        "/staff/pathumwan/holidays/", {"date": "13 เม.ย. 66", "name": "x"}
    )
    assert response.status_code == 403
    assert not Holiday.objects.exists()


def test_an_agency_cannot_remove_a_national_holiday(world, login):
    national = Holiday.objects.create(date="2023-04-13", name="วันสงกรานต์")
    response = login(world.coordinator).post(f"/staff/pathumwan/holidays/{national.pk}/remove/")
    assert response.status_code == 404
    assert Holiday.objects.filter(pk=national.pk).exists()


def test_an_agency_cannot_remove_another_agencys_holiday(world, login):
    theirs = Holiday.objects.create(agency=world.other, date="2023-04-14", name="วันหยุดของเขตอื่น")
    response = login(world.coordinator).post(f"/staff/pathumwan/holidays/{theirs.pk}/remove/")
    assert response.status_code == 404
    assert Holiday.objects.filter(pk=theirs.pk).exists()
