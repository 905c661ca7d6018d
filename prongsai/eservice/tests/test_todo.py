"""The staff home of e-service: requests of my departments that are late or will be late soon."""

import time_machine

from .helpers import apply, at, make_service

HOME = "/staff/pathumwan/"


def test_a_late_request_is_on_the_home_of_its_department_and_not_of_another(world, login):
    service = make_service(world)
    with time_machine.travel(at("2023-06-01"), tick=False):
        request = apply(world, service)
    with time_machine.travel(at("2023-06-09"), tick=False):
        soon = login(world.officer).get(HOME).content.decode()
    assert "คำขอบริการที่ใกล้เกินเวลามาตรฐาน" in soon and request.code in soon
    with time_machine.travel(at("2023-06-20"), tick=False):
        late = login(world.officer).get(HOME).content.decode()
        other = login(world.auditor)
        elsewhere = other.get(HOME).content.decode()
    assert "คำขอบริการที่เกินเวลามาตรฐาน" in late and request.code in late
    assert request.code not in elsewhere  # the auditor handles no request
