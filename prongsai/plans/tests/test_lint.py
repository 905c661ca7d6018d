from pathlib import Path

from prongsai.plans.lint import lint_plan
from prongsai.plans.parser import parse_plan

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pathumwan-2566.txt"
PATHUMWAN = "สำนักงานเขตปทุมวัน"
HEADER = (
    "ตัวชี้วัด\tประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ\tกิจกรรมที่จะดำเนินการ\tผลผลิต\tวิธีการสร้างการรับรู้"
    "\tระยะเวลาแล้วเสร็จ\tผู้รับผิดชอบ\tระยะเวลากำกับติดตาม"
)


def plan_of(*rows: str, agency: str = PATHUMWAN):
    """A plan whose rows start on line 4."""
    title = f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ{agency}"
    return parse_plan("\n".join([title, "", HEADER, *rows]) + "\n")


def activity(name="กิจกรรม", due="๓๐ มี.ค.๖๖", departments="ฝ่ายปกครอง", indicator="", channel="FB"):
    return "\t".join([indicator, "ประเด็น", name, "- ๑ แผน", channel, due, departments, "ทุก ๑ เดือน"])


def lint(plan, agency=PATHUMWAN, year=2566):
    return [(w.line, w.reason) for w in lint_plan(plan, agency_name=agency, fiscal_year=year)]


def test_the_seed_names_nong_chok_in_pathum_wans_plan():
    plan = parse_plan(SEED.read_text(encoding="utf-8"))
    warnings = lint_plan(plan, agency_name=PATHUMWAN, fiscal_year=2566)
    [other_agency] = [w for w in warnings if "หนองจอก" in w.reason]
    assert other_agency.line == 119
    assert other_agency.text == "แผนการใช้จ่ายงบประมาณประจำปี พ.ศ.๒๕๖๖ ของสำนักงานเขตหนองจอก"
    assert other_agency.reason == "กล่าวถึง “สำนักงานเขตหนองจอก” ซึ่งไม่ใช่หน่วยงานนี้ (สำนักงานเขตปทุมวัน)"
    # Everything else: the row kept without indicator (line 38) has no department and no due date; every
    # due date of the seed falls in FY2566.
    assert [(w.line, w.reason) for w in warnings] == [
        (38, "ไม่ระบุผู้รับผิดชอบ"),
        (38, "กิจกรรมไม่มีวันที่แล้วเสร็จ"),
        (119, other_agency.reason),
    ]


def test_a_plan_for_the_wrong_agency_or_year_is_noticed():
    plan = parse_plan(SEED.read_text(encoding="utf-8"))
    warnings = lint(plan, agency="สำนักงานเขตหนองจอก", year=2567)
    assert (3, "ชื่อมาตรการระบุ “สำนักงานเขตปทุมวัน” ไม่ใช่ “สำนักงานเขตหนองจอก”") in warnings
    assert (22, "รายงานงบประมาณเป็นของปีงบประมาณ ๒๕๖๖ ไม่ใช่ ๒๕๖๗") in warnings
    assert (6, "วันที่แล้วเสร็จ ๓๐ มี.ค. ๒๕๖๖ อยู่นอกปีงบประมาณ ๒๕๖๗") in warnings
    assert not any("หนองจอก”" in reason and "กล่าวถึง" in reason for _, reason in warnings)


def test_the_agencys_own_district_and_ordinary_words_after_khet_are_not_another_agency():
    plan = plan_of(
        activity(indicator="๑) การปฏิบัติหน้าที่", name="ติดป้ายที่สำนักงาน เขตปทุมวัน", channel="เขตยุคใหม่ ใสใจบริการ"),
        activity(name="ชี้แจงหน่วยงานในสังกัดสำนักงานเขตรวมทั้งโรงเรียนในสำนักงานเขต"),
    )
    assert lint(plan) == []


def test_a_district_whose_name_ends_another_districts_name_is_told_apart():
    plan = plan_of(
        activity(indicator="๑) การปฏิบัติหน้าที่", name="ประสานสำนักงานเขตวัฒนา"),
        agency="สำนักงานเขตทวีวัฒนา",
    )
    assert lint(plan, agency="สำนักงานเขตทวีวัฒนา") == [
        (4, "กล่าวถึง “สำนักงานเขตวัฒนา” ซึ่งไม่ใช่หน่วยงานนี้ (สำนักงานเขตทวีวัฒนา)")
    ]


def test_due_dates_outside_the_fiscal_year_are_reported():
    plan = plan_of(
        activity(indicator="๑) การปฏิบัติหน้าที่", due="๓๐ ก.ย. ๖๕"),  # last day of FY2565
        activity(due="๑ ต.ค. ๖๕"),  # first day of FY2566
        activity(due="๓๐ ก.ย. ๖๖"),  # last day of FY2566
        activity(due="๑ ต.ค. ๖๖"),  # FY2567
    )
    assert lint(plan) == [
        (4, "วันที่แล้วเสร็จ ๓๐ ก.ย. ๒๕๖๕ อยู่นอกปีงบประมาณ ๒๕๖๖"),
        (7, "วันที่แล้วเสร็จ ๑ ต.ค. ๒๕๖๖ อยู่นอกปีงบประมาณ ๒๕๖๖"),
    ]


def test_rows_without_responsible_department_are_reported_unless_all_departments_are():
    plan = parse_plan(
        "\n".join(
            [
                "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของสำนักงานเขตปทุมวัน",
                HEADER,
                activity(indicator="๑) การปฏิบัติหน้าที่", name="ไม่มีฝ่าย", departments="โรงเรียนในสังกัดเขต"),
                activity(name="ทุกฝ่าย", departments="ทุกฝ่าย"),
                "## ๙) การเปิดเผยข้อมูล",
                "### ๙.๑ ข้อมูลพื้นฐาน",
                "\t๐๑ โครงสร้าง\t\tข้อมูล\t\t๒๐ เม.ย ๖๖\tผอ.เขต\tทุก ๑ เดือน",
            ]
        )
    )
    assert lint(plan) == [(3, "ไม่ระบุผู้รับผิดชอบ"), (7, "ไม่ระบุผู้รับผิดชอบ")]
    assert [w.text for w in lint_plan(plan, agency_name=PATHUMWAN, fiscal_year=2566)] == [
        "ไม่มีฝ่าย",
        "O01 โครงสร้าง",
    ]


def test_an_activity_without_due_date_is_reported():
    plan = plan_of(activity(indicator="๑) การปฏิบัติหน้าที่", name="ไม่มีกำหนด", due=""))
    assert lint(plan) == [(4, "กิจกรรมไม่มีวันที่แล้วเสร็จ")]
