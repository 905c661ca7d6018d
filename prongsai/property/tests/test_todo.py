"""The staff home of property: a seized-goods event waits for its second signer (not for who recorded it),
and overdue loans are on the custodian department's list."""

from prongsai.property.tests.helpers import freeze_time, make_city_law, make_item
from prongsai.property.tests.test_loans import _overdue
from prongsai.property.tests.test_seized import _record

HOME = "/staff/pathumwan/"


def test_a_seized_goods_event_waits_on_the_second_signers_home_not_the_recorders(world, login):
    make_city_law(world)
    item = make_item(world)
    _record(world, item)
    second = login(world.city_officer2).get(HOME).content.decode()
    recorder = login(world.city_officer).get(HOME).content.decode()
    assert "รายการของกลางที่รอการลงนามคนที่สอง" in second
    assert "รายการของกลางที่รอการลงนามคนที่สอง" not in recorder
    assert "รายการของกลางที่รอการลงนามคนที่สอง" not in login(world.officer).get(HOME).content.decode()


def test_an_overdue_loan_is_on_the_custodian_departments_home(world, login):
    _overdue(world)
    with freeze_time("2023-03-15"):
        html = login(world.officer).get(HOME).content.decode()
        other = login(world.works_officer).get(HOME).content.decode()
    assert "ทรัพย์สินที่ยืมไปเกินกำหนดคืน" in html
    assert "ทรัพย์สินที่ยืมไปเกินกำหนดคืน" not in other
