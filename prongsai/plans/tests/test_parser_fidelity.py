"""The plan as the district wrote it: the parser's reading of files as real offices have them (PDF text
layers, Windows-874, page breaks inside rows and words, cut-off copies) and of every due-date form."""

import dataclasses
import datetime

import pytest

from prongsai.plans.parser import (
    DATE,
    MAX_PLAN_BYTES,
    TRUNCATED,
    PlanTextError,
    decode_plan_file,
    due_date_of,
    parse_plan,
)

from .test_parser import FIRST, HEADER, SEED, activity_row, doc, reasons, row


def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def pdf_extracted(text: str) -> str:
    """What a PDF text layer gives for the same document: ำ as ํ + า, zero-width spaces between words,
    no-break spaces for some spaces."""
    return text.replace("ำ", "\u0e4d\u0e32").replace("การ", "การ\u200b").replace("ฝ่าย ", "ฝ่าย\u00a0")


def comparable(plan):
    return dataclasses.asdict(plan)


def test_a_pdf_extracted_copy_of_the_seed_reads_exactly_as_the_seed():
    typed = parse_plan(seed(), fiscal_year=2566)
    extracted = parse_plan(pdf_extracted(seed()), fiscal_year=2566)
    assert "\u0e4d\u0e32" in pdf_extracted(seed())
    assert comparable(extracted) == comparable(typed)
    assert len(extracted.activities) == 25 and len(extracted.oit_items) == 30


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("cp874"),
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM
        lambda t: t.encode("utf-16-le"),  # without BOM
    ],
    ids=["windows-874", "utf-8", "utf-8-bom", "utf-16", "utf-16-le"],
)
def test_text_files_in_the_encodings_thai_offices_save_are_recognised(encode):
    text = seed()
    assert decode_plan_file(encode(text)) == text


def test_a_file_over_the_size_limit_is_refused_with_its_size():
    with pytest.raises(PlanTextError, match="เกินขนาดที่รับได้"):
        decode_plan_file(b"x" * (MAX_PLAN_BYTES + 1))
    with pytest.raises(PlanTextError):
        parse_plan("x" * (MAX_PLAN_BYTES + 1))
    with pytest.raises(PlanTextError, match="UTF-8"):
        decode_plan_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@pytest.mark.parametrize("heading", ["6. คุณภาพการดำเนินงาน", "๖. คุณภาพการดำเนินงาน", "๖) คุณภาพการดำเนินงาน"])
def test_indicator_headings_with_a_dot_are_headings(heading):
    plan = parse_plan(
        doc(
            activity_row(indicator="๕) การแก้ไขปัญหาการทุจริต", name="ห้า"),
            activity_row(indicator=heading, name="หก"),
        )
    )
    assert [(i.number, i.title) for i in plan.indicators] == [
        ("5", "การแก้ไขปัญหาการทุจริต"),
        ("6", "คุณภาพการดำเนินงาน"),
    ]
    assert [(a.indicator, a.name) for a in plan.activities] == [("5", "ห้า"), ("6", "หก")]


def test_a_row_whose_last_cells_fall_on_the_next_page_is_one_activity():
    plan = parse_plan(
        doc(
            activity_row(indicator="๑) การปฏิบัติหน้าที่", name="หนึ่ง"),
            activity_row(name="สองตอนแรก", departments="", monitoring=""),
            "",
            HEADER,
            row("", "", "ต่อ", "", "", "", "ฝ่ายทะเบียน", "ทุก ๓ เดือน"),
            activity_row(name="สาม"),
        )
    )
    assert [a.name for a in plan.activities] == ["หนึ่ง", "สองตอนแรก ต่อ", "สาม"]
    second = plan.activities[1]
    assert second.departments == ["ฝ่ายทะเบียน"] and second.monitoring_months == 3
    assert plan.warnings == []


def test_the_first_row_under_a_heading_may_continue_on_the_next_page_too():
    plan = parse_plan(
        doc(
            activity_row(indicator="๑) การปฏิบัติหน้าที่", name="หนึ่ง", departments="", monitoring=""),
            "",
            HEADER,
            row("", "", "", "", "", "", "ฝ่ายปกครอง", "ทุก ๑ เดือน"),
        )
    )
    assert [(a.indicator, a.name, a.departments) for a in plan.activities] == [("1", "หนึ่ง", ["ฝ่ายปกครอง"])]
    assert plan.warnings == []


def test_a_word_cut_by_the_page_break_is_joined_without_a_space_and_whole_words_keep_theirs():
    plan = parse_plan(
        doc(
            activity_row(indicator="๑) การปฏิบัติหน้าที่", name="สร้างความโปร่งใ", output="เผยแพร่ข้อมูล"),
            "",
            HEADER,
            row("", "", "ส ในองค์กร", "ผ่านเว็บไซต์"),
        )
    )
    (activity,) = plan.activities
    assert activity.name == "สร้างความโปร่งใส ในองค์กร"
    assert activity.output == "เผยแพร่ข้อมูล ผ่านเว็บไซต์"  # two whole words: the space stays


def test_every_cell_is_kept_as_written_beside_what_is_read_from_it():
    plan = parse_plan(
        doc(
            activity_row(
                indicator="๑) การปฏิบัติหน้าที่",
                channel="สื่อสารสร้างการรับรู้ ผ่าน facebook ผ่าน line group",
                departments="ฝ่ายทะเบียน ฝ่ายปกครอง",
                due="ภายใน ๓๐ มี.ค.๖๖ และนำขึ้น website ของสำนักงานเขต",
            )
        )
    )
    (activity,) = plan.activities
    assert activity.channels == ["facebook", "line group"]
    assert activity.cells == {
        "indicator": "๑) การปฏิบัติหน้าที่",
        "focus": "ประเด็น",
        "name": "กิจกรรม",
        "output": "- info graphic ๑ แผ่น",
        "channel": "สื่อสารสร้างการรับรู้ ผ่าน facebook ผ่าน line group",
        "due": "ภายใน ๓๐ มี.ค.๖๖ และนำขึ้น website ของสำนักงานเขต",
        "departments": "ฝ่ายทะเบียน ฝ่ายปกครอง",
        "monitoring": "ทุก ๑ เดือน",
    }


def test_a_file_that_ends_inside_a_table_is_marked_truncated():
    lines = seed().split("\n")
    for line in (101, 102):  # the first row of a page, and one in the middle
        cut = "\n".join(lines[: line - 1]) + "\n" + lines[line - 1][: len(lines[line - 1]) // 2]
        plan = parse_plan(cut, fiscal_year=2566)
        assert plan.truncated is not None and plan.truncated.kind == TRUNCATED
        assert plan.truncated.line == line
    assert parse_plan(seed(), fiscal_year=2566).truncated is None


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        ("เริ่ม 1 ต.ค. 65 แล้วเสร็จ 30 มี.ค. 66", datetime.date(2023, 3, 30)),
        ("15 ม.ค. 66 - 30 ก.ย. 66", datetime.date(2023, 9, 30)),
        ("ภายใน มี.ค. 66", datetime.date(2023, 3, 31)),
        ("ต.ค. 65 - ก.ย. 66", datetime.date(2023, 9, 30)),
        ("ไตรมาส 2", datetime.date(2023, 3, 31)),
        ("ภายในไตรมาสที่ ๔", datetime.date(2023, 9, 30)),
        ("30 มี.ค. 23", datetime.date(2023, 3, 30)),
        ("1/4/23", datetime.date(2023, 4, 1)),
        ("ภายใน ๒๐ เม.ย ๖๖ และนำขึ้น website ของสำนักงานเขต", datetime.date(2023, 4, 20)),
        ("ตลอดปีงบประมาณ", None),
    ],
)
def test_due_date_forms_of_real_plans(cell, due):
    assert due_date_of(cell, 2566) == due


def test_a_date_far_from_the_plans_year_is_a_warning_not_a_due_date():
    plan = parse_plan(doc(activity_row(indicator="๑) การปฏิบัติหน้าที่", due="30 มี.ค. 2523")), fiscal_year=2566)
    assert plan.activities[0].due_date is None
    ((line, reason),) = reasons(plan)
    assert line == FIRST and "เกินหนึ่งปี" in reason and plan.warnings[0].kind == DATE
    assert plan.warnings[0].text == "30 มี.ค. 2523"


def test_an_unreadable_date_names_its_text():
    plan = parse_plan(doc(activity_row(indicator="๑) การปฏิบัติหน้าที่", due="เริ่ม 1 ต.ค. 65 แล้วเสร็จ 31 ก.ย. 66")))
    assert plan.activities[0].due_date is None
    assert "“31 ก.ย. 66”" in plan.warnings[0].reason


def test_reading_time_grows_with_the_file_not_its_square():
    from prongsai.plans.bench import bench_import

    # Linear reading gives a ratio near 1 (measured on a quiet machine: 0.9); the quadratic joining gave
    # a ratio that grows with the copies (about 30 here). The bound leaves room for a busy shared machine.
    _, baseline, measured = bench_import(copies=30)
    assert measured < 10 * baseline
