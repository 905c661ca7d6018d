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
    assert broken == [] and checked == len(entries)


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
    assert [(b.seq, "changed" in b.reason) for b in broken] == [(2, True)]
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
    assert [(b.seq, "missing" in b.reason) for b in broken] == [(2, True)]


def test_audit_verify_command_says_the_log_is_intact(world, capsys):
    services.department_create(actor=world.coordinator, agency=world.agency, code="a", name="ฝ่าย ก")
    call_command("audit-verify")
    assert "intact: 1 entries verified (no checkpoint yet)" in capsys.readouterr().out


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


# --- records no one can quietly rewrite (keyed hash, checkpoints, admin changes) -------------------------


def _entries(world, n=4):
    for i in range(n):
        services.department_create(
            actor=world.coordinator, agency=world.agency, code=f"d{i}", name=f"ฝ่าย {i}"
        )


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_every_broken_place_is_reported_not_only_the_first(world):
    _entries(world)
    first, third = (AuditEntry.objects.get(agency=world.agency, seq=s) for s in (1, 3))
    _tamper(first.pk, object_repr="แก้ครั้งแรก")
    _tamper(third.pk, object_repr="แก้ครั้งที่สอง")
    _checked, broken = audit_verify()
    assert [b.seq for b in broken] == [1, 3]


def test_a_tail_rewritten_with_recomputed_plain_hashes_is_found(world):
    import hashlib
    import json

    _entries(world)
    # Someone with database access but without the key rewrites entry 3 and recomputes every later hash.
    table = AuditEntry._meta.db_table
    prev = AuditEntry.objects.get(agency=world.agency, seq=2).hash
    for entry in AuditEntry.objects.filter(agency=world.agency, seq__gte=3).order_by("seq"):
        digest = hashlib.sha256(json.dumps([entry.seq, "forged", prev]).encode()).hexdigest()
        _raw(
            f"UPDATE {table} SET object_repr = %s, prev_hash = %s, hash = %s WHERE id = %s",  # noqa: S608
            ["forged", prev, digest, entry.pk],
        )
        prev = digest
    _checked, broken = audit_verify()
    assert {b.seq for b in broken} == {3, 4} and all("changed" in b.reason for b in broken)


def test_a_checkpoint_outside_the_database_catches_truncation_and_a_deleted_chain(world, settings, tmp_path):
    from prongsai.agencies.checkpoints import checkpoint_write, latest_checkpoint

    settings.MEDIA_ROOT = str(tmp_path)
    _entries(world)
    services.department_create(actor=world.outsider, agency=world.other, code="x", name="ฝ่ายอื่น")
    checkpoint_write()
    call_command("audit-verify")  # intact against it
    table = AuditEntry._meta.db_table
    # the last two entries of one chain deleted: the chain alone still verifies
    _raw(f"DELETE FROM {table} WHERE chain = %s AND seq >= 3", [f"agency:{world.agency.pk}"])  # noqa: S608
    assert audit_verify()[1] == []
    checkpoint, _note = latest_checkpoint()
    reasons = [b.reason for b in audit_verify(checkpoint=checkpoint)[1]]
    assert any("cut" in r for r in reasons)
    # a whole chain deleted
    _raw(f"DELETE FROM {table} WHERE chain = %s", [f"agency:{world.other.pk}"])  # noqa: S608
    reasons = [b.reason for b in audit_verify(checkpoint=checkpoint)[1]]
    assert any("gone" in r for r in reasons)
    with pytest.raises(CommandError, match="2 place"):
        call_command("audit-verify")


def test_a_forged_checkpoint_is_ignored(world, settings, tmp_path):
    import json

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from prongsai.agencies.checkpoints import FOLDER, checkpoint_write, latest_checkpoint

    settings.MEDIA_ROOT = str(tmp_path)
    _entries(world, 2)
    good = checkpoint_write()
    forged = {**good, "at": "2099-01-01T00:00:00+00:00", "heads": []}
    default_storage.save(f"{FOLDER}/2099-01-01/000000.json", ContentFile(json.dumps(forged).encode()))
    checkpoint, note = latest_checkpoint()
    assert checkpoint == good and "not signed" in note


def test_the_public_page_of_heads_lists_every_chain_and_its_signature(world, client, settings, tmp_path):
    from prongsai.agencies.checkpoints import checkpoint_write

    settings.MEDIA_ROOT = str(tmp_path)
    _entries(world, 2)
    written = checkpoint_write()
    data = client.get("/audit-heads.json").json()
    assert data["latest"]["signature"] == written["signature"]
    assert {h["chain"] for h in data["latest"]["heads"]} == {f"agency:{world.agency.pk}"}
    assert data["agencies"] == {f"agency:{world.agency.pk}": "pathumwan"}


def test_deleting_a_user_with_history_in_the_admin_deactivates_them_and_the_chain_holds(world, client):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    _entries(world, 2)
    client.force_login(admin_user)
    user = world.coordinator
    response = client.post(f"/admin/auth/user/{user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active is False
    assert audit_verify()[1] == []
    deactivation = AuditEntry.objects.filter(chain="platform", model="auth.user").latest("seq")
    assert deactivation.before["is_active"] is True and deactivation.after["is_active"] is False
    with pytest.raises(Exception):  # noqa: B017 the database refuses too (PROTECT), whatever the admin does
        user.delete()


def test_admin_changes_to_tokens_and_superusers_are_in_the_log(world, client):
    from django.contrib.auth import get_user_model

    from prongsai.api.services import api_token_create

    admin_user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin_user)
    token, _secret = api_token_create(user=world.officer, name="สคริปต์")
    client.post(
        f"/admin/api/apitoken/{token.pk}/change/", {"name": "เปลี่ยนชื่อ", "revoked_at_0": "", "revoked_at_1": ""}
    )
    change = AuditEntry.objects.filter(model="api.apitoken").latest("seq")
    assert change.before["name"] == "สคริปต์" and change.after["name"] == "เปลี่ยนชื่อ"
    assert change.after["user_id"] == world.officer.pk  # the owner cannot be changed from the admin
    officer = world.officer
    data = {
        "username": officer.username,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2023-01-01",
        "date_joined_1": "00:00:00",
    }
    client.post(f"/admin/auth/user/{officer.pk}/change/", data)
    made = AuditEntry.objects.filter(model="auth.user").latest("seq")
    assert made.before["is_superuser"] is False and made.after["is_superuser"] is True
