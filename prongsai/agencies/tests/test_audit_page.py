"""The audit log as an auditor reads it: who did what to which record, each changed field before and after,
filters, a CSV export and the chain's verification status."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.agencies import services
from prongsai.agencies.models import AuditEntry, Department

URL = "/staff/pathumwan/audit/"


def test_a_change_shows_who_did_it_to_which_record_and_the_field_before_and_after(world, login):
    department = services.department_create(
        actor=world.coordinator, agency=world.agency, code="revenue", name="ฝ่ายรายได้"
    )
    services.department_update(actor=world.coordinator, department=department, name="ฝ่ายรายได้และภาษี")
    html = login(world.auditor).get(URL).content.decode()
    assert "bob.coordinator" in html
    assert "<del>ฝ่ายรายได้</del> → <ins>ฝ่ายรายได้และภาษี</ins>" in html
    assert str(Department._meta.verbose_name) in html
    assert "{&#x27;id&#x27;" not in html and "{'id'" not in html  # no raw Python dict any more


def test_the_log_filters_by_person_record_type_action_and_date(world, login):
    services.department_create(actor=world.coordinator, agency=world.agency, code="a", name="ฝ่ายของบ็อบ")
    other = services.department_create(actor=world.director, agency=world.agency, code="b", name="ฝ่ายของดาว")
    services.department_update(actor=world.director, department=other, name="ฝ่ายของดาวแก้ชื่อ")
    services.membership_grant(actor=world.coordinator, user=world.nobody, agency=world.agency, role="officer")
    client = login(world.auditor)
    by_director = client.get(URL, {"actor": world.director.pk}).content.decode()
    assert "ฝ่ายของดาว" in by_director and "ฝ่ายของบ็อบ" not in by_director
    changes = client.get(URL, {"action": "change"}).content.decode()
    assert "ฝ่ายของดาวแก้ชื่อ" in changes and "ฝ่ายของบ็อบ" not in changes
    assert "ฝ่ายของบ็อบ" not in client.get(URL, {"model": "agencies.membership"}).content.decode()
    assert "ฝ่ายของบ็อบ" in client.get(URL, {"model": "agencies.department"}).content.decode()
    assert "ฝ่ายของบ็อบ" not in client.get(URL, {"until": "1 ม.ค. 2500"}).content.decode()
    assert "ฝ่ายของบ็อบ" in client.get(URL, {"since": "1 ม.ค. 2500"}).content.decode()


def test_a_date_range_the_wrong_way_round_is_explained_in_thai(world, login):
    response = login(world.auditor).get(URL, {"since": "2 ม.ค. 2567", "until": "1 ม.ค. 2567"})
    assert response.status_code == 200
    assert "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น" in response.content.decode()


def test_the_csv_export_keeps_the_filter_and_spells_out_the_changes(world, login):
    department = services.department_create(
        actor=world.coordinator, agency=world.agency, code="revenue", name="ฝ่ายรายได้"
    )
    services.department_update(actor=world.coordinator, department=department, name="ฝ่ายภาษี")
    services.department_create(actor=world.director, agency=world.agency, code="b", name="ฝ่ายอื่น")
    response = login(world.auditor).get(URL, {"actor": world.coordinator.pk, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3  # header + the coordinator's two entries
    assert any("ฝ่ายรายได้ → ฝ่ายภาษี" in cell for cell in rows[1])
    assert all("ฝ่ายอื่น" not in cell for row in rows for cell in row)


def test_the_page_says_the_chain_is_intact_and_then_names_the_changed_entry(world, login):
    services.department_create(actor=world.coordinator, agency=world.agency, code="a", name="ฝ่าย ก")
    second = services.department_create(actor=world.coordinator, agency=world.agency, code="b", name="ฝ่าย ข")
    client = login(world.auditor)
    assert "ไม่พบการแก้ไขหรือการลบ" in client.get(URL).content.decode()
    entry = AuditEntry.objects.get(agency=world.agency, object_id=str(second.pk))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET object_repr = %s WHERE id = %s",  # noqa: S608
            ["ฝ่ายที่แก้ลับ ๆ", entry.pk],
        )
    services.department_create(actor=world.coordinator, agency=world.agency, code="c", name="ฝ่าย ค")
    html = client.get(URL).content.decode()
    assert "พบความผิดปกติ 1 จุด" in html and f"รายการที่ {entry.seq}" in html


def test_the_log_page_makes_the_same_queries_for_ten_and_forty_entries(world, login):
    client = login(world.auditor)

    def count(n):
        for i in range(n):
            services.department_create(
                actor=world.coordinator, agency=world.agency, code=f"d{n}-{i}", name=f"ฝ่าย {n}-{i}"
            )
        client.get(URL)  # the chain status is computed once per head, then kept
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"action": "create"}).status_code == 200
        return len(queries)

    assert count(10) == count(30)
