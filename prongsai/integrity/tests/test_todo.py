"""The staff home of the integrity channels: the complaint handler sees late corruption complaints as counts
only; officers see what was routed to them; nobody else sees the complaints."""

import datetime

import time_machine

from prongsai.integrity import services

HOME = "/staff/pathumwan/"


def test_the_complaint_handler_sees_a_late_case_by_count_and_nothing_of_what_it_says(world, login):
    with time_machine.travel(datetime.datetime(2023, 6, 1, 3, 0, tzinfo=datetime.UTC), tick=False):
        services.complaint_submit(
            agency=world.agency,
            category="bribery",
            department=world.public_works,
            what="เจ้าหน้าที่เรียกเงินเพื่อเร่งใบอนุญาตก่อสร้าง",
        )
    with time_machine.travel(datetime.datetime(2023, 6, 20, 3, 0, tzinfo=datetime.UTC), tick=False):
        handler = login(world.complaint_handler).get(HOME).content.decode()
        director = login(world.director).get(HOME).content.decode()
        officer = login(world.works_officer).get(HOME).content.decode()
    assert "เรื่องร้องเรียนการทุจริตที่เลยกำหนดของขั้นตอน" in handler
    assert "เรียกเงิน" not in handler  # the home shows a count, never the contents
    assert "เรื่องร้องเรียนการทุจริต" not in director and "เรื่องร้องเรียนการทุจริต" not in officer


def test_an_officer_sees_a_suggestion_routed_to_their_department_and_a_question_to_answer(world, login):
    services.feedback_submit(
        agency=world.agency,
        kind="suggestion",
        subject="ขอไฟส่องสว่างซอยจุฬา ๑๒",
        body="ซอยมืดมาก",
        department=world.administration,
    )
    services.question_ask(agency=world.agency, text="ขอคัดสำเนาทะเบียนบ้านแทนผู้อื่นได้ไหม")
    html = login(world.officer).get(HOME).content.decode()
    assert "เรื่องร้องเรียนทั่วไปและข้อเสนอแนะที่รอดำเนินการ" in html
    assert "คำถามจากประชาชนที่รอคำตอบ" in html
    assert "ข้อเสนอแนะที่รอดำเนินการ" not in login(world.works_officer).get(HOME).content.decode()


def test_the_handlers_home_makes_the_same_queries_for_few_and_many_open_complaints(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.complaint_handler)

    def count(n):
        for i in range(n):
            services.complaint_submit(
                agency=world.agency, category="bribery", department=world.public_works, what=f"เรื่องที่ {n}-{i}"
            )
            services.feedback_submit(
                agency=world.agency, kind="suggestion", subject=f"ข้อเสนอ {n}-{i}", body="ซอยมืด",
                department=world.administration,
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return len(queries)

    assert count(2) == count(8)
