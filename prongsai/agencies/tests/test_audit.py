from itertools import pairwise

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from prongsai.agencies import services
from prongsai.agencies.models import AuditEntry
from prongsai.agencies.selectors import audit_verify


def _tamper(entry_id: int, **values):
    # Bypasses the ORM guard, as an attacker with database access would.
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        for column, value in values.items():
            cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, entry_id])  # noqa: S608


def test_a_staff_write_is_recorded_with_who_what_and_the_values_before_and_after(world):
    department = services.department_create(
        actor=world.coordinator, agency=world.agency, code="revenue", name="ฝ่ายรายได้"
    )
    membership = services.membership_grant(
        actor=world.coordinator,
        user=world.nobody,
        agency=world.agency,
        role="officer",
        departments=[department],
    )
    services.membership_revoke(actor=world.coordinator, membership=membership)

    entries = list(AuditEntry.objects.filter(agency=world.agency).order_by("seq"))
    assert [e.action for e in entries] == ["create", "create", "withdraw"]
    assert entries[0].actor == world.coordinator and entries[0].actor_name == "bob.coordinator"
    assert entries[0].after["name"] == "ฝ่ายรายได้" and entries[0].before is None
    assert entries[2].before["is_active"] is True and entries[2].after["is_active"] is False
    assert entries[1].after["departments"] == [department.pk]


def test_entries_are_chained_by_hash_and_the_chain_verifies(world):
    for code in ("a", "b", "c"):
        services.department_create(
            actor=world.coordinator, agency=world.agency, code=code, name=f"ฝ่าย {code}"
        )
    entries = list(AuditEntry.objects.filter(agency=world.agency).order_by("seq"))
    assert entries[0].prev_hash == "0" * 64
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(entries))
    checked, broken = audit_verify()
    assert broken is None and checked == len(entries)


def test_each_agency_has_its_own_chain(world):
    services.department_create(actor=world.coordinator, agency=world.agency, code="a", name="ฝ่าย ก")
    services.department_create(actor=world.outsider, agency=world.other, code="b", name="ฝ่าย ข")
    chains = set(AuditEntry.objects.values_list("chain", flat=True))
    assert chains == {f"agency:{world.agency.pk}", f"agency:{world.other.pk}"}


def test_the_log_refuses_changes_and_deletions_through_the_orm(world):
    entry = services.audit_record(actor=world.coordinator, agency=world.agency, action="other", model="x")
    entry.object_repr = "changed"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.update(object_repr="changed")


def test_audit_verify_reports_the_first_entry_whose_content_was_changed(world):
    for code in ("a", "b", "c"):
        services.department_create(
            actor=world.coordinator, agency=world.agency, code=code, name=f"ฝ่าย {code}"
        )
    second = AuditEntry.objects.get(agency=world.agency, seq=2)
    _tamper(second.pk, object_repr="ฝ่ายที่ไม่มีอยู่จริง")

    _checked, broken = audit_verify()
    assert broken.seq == 2 and "changed" in broken.reason
    with pytest.raises(CommandError, match="at entry 2"):
        call_command("audit-verify")


def test_audit_verify_reports_a_removed_entry(world):
    for code in ("a", "b", "c"):
        services.department_create(
            actor=world.coordinator, agency=world.agency, code=code, name=f"ฝ่าย {code}"
        )
    second = AuditEntry.objects.get(agency=world.agency, seq=2)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [second.pk])  # noqa: S608
    _checked, broken = audit_verify()
    assert broken.seq == 2 and "missing" in broken.reason


def test_audit_verify_command_says_the_log_is_intact(world, capsys):
    services.department_create(actor=world.coordinator, agency=world.agency, code="a", name="ฝ่าย ก")
    call_command("audit-verify")
    assert "intact: 1 entries verified" in capsys.readouterr().out


def test_the_auditor_reads_the_log_in_the_back_office(world, login):
    services.department_create(actor=world.coordinator, agency=world.agency, code="a", name="ฝ่ายทดลองบันทึก")
    response = login(world.auditor).get("/staff/pathumwan/audit/")
    assert response.status_code == 200
    assert "ฝ่ายทดลองบันทึก" in response.content.decode()
    assert "bob.coordinator" in response.content.decode()


@pytest.mark.parametrize("persona", ["officer", "complaint_handler"])
def test_roles_without_audit_access_are_refused_the_log(world, login, persona):
    assert login(getattr(world, persona)).get("/staff/pathumwan/audit/").status_code == 403


def test_another_agency_never_sees_this_agencys_log(world, login):
    services.department_create(actor=world.coordinator, agency=world.agency, code="a", name="ฝ่ายลับเฉพาะ")
    client = login(world.outsider)
    assert client.get("/staff/pathumwan/audit/").status_code == 404
    own = client.get("/staff/nongchok/audit/")  # the outsider is a coordinator of their own agency
    assert own.status_code == 200 and "ฝ่ายลับเฉพาะ" not in own.content.decode()
