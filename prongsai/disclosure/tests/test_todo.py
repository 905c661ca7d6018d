"""The staff home of OIT publishing: who approves sees what waits (never their own submission), who submitted
sees what came back and why."""

from prongsai.disclosure import services

from .test_publishing import district, publish  # noqa: F401 (the fixture)

HOME = "/staff/pathumwan/"


def test_an_entry_waits_on_the_approvers_home_but_not_on_the_submitters(world, district, login):  # noqa: F811
    services.publication_create(
        actor=world.coordinator,
        agency=world.agency,
        item=district.items.get(code="o02"),
        kind="link",
        title="อำนาจหน้าที่ของสำนักงานเขต",
        url="https://www.bangkok.go.th/pathumwan",
    )
    publish(world, district, title="กฎหมายที่เกี่ยวข้องกับงานทะเบียน")
    coordinator = login(world.coordinator).get(HOME).content.decode()
    assert "รายการ OIT รออนุมัติ" in coordinator
    assert "กฎหมายที่เกี่ยวข้องกับงานทะเบียน" in coordinator
    assert "อำนาจหน้าที่ของสำนักงานเขต" not in coordinator  # their own: someone else approves it
    director = login(world.director).get(HOME).content.decode()
    assert "อำนาจหน้าที่ของสำนักงานเขต" in director


def test_a_returned_entry_is_on_the_submitters_home_with_the_reason(world, district, login):  # noqa: F811
    publication = publish(world, district, title="กฎหมายที่เกี่ยวข้องกับงานทะเบียน")
    services.publication_review(
        actor=world.coordinator, publication=publication, approve=False, comment="ไฟล์ไม่ครบทุกฉบับ"
    )
    html = login(world.officer).get(HOME).content.decode()
    assert "รายการ OIT ที่ถูกส่งกลับ" in html and "ไฟล์ไม่ครบทุกฉบับ" in html
    assert "ไฟล์ไม่ครบทุกฉบับ" not in login(world.works_officer).get(HOME).content.decode()
