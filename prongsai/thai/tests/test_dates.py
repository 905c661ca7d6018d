import datetime
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.thai.dates import (
    DIGITS,
    STYLES,
    ThaiDateError,
    be_year,
    find_be_date,
    format_be_date,
    parse_be_date,
    thai_month_name,
)

MARCH_30 = datetime.date(2023, 3, 30)
# BE 2500 to BE 2600.
EVERY_DAY = st.dates(min_value=datetime.date(1957, 1, 1), max_value=datetime.date(2057, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๓๐ มี.ค.๖๖", MARCH_30),
        ("๕ เม.ย. ๖๖", datetime.date(2023, 4, 5)),
        ("๒๐ เม.ย ๖๖", datetime.date(2023, 4, 20)),
        ("10 พ.ค.66", datetime.date(2023, 5, 10)),
        ("๓๐ มี.ค. ๖๖", MARCH_30),
        ("ข้อมูล ณ วันที่ 10 พ.ค.66", datetime.date(2023, 5, 10)),
        ("๓๐ มีนาคม ๒๕๖๖", MARCH_30),
        ("30/3/2566", MARCH_30),
        ("30/03/66", MARCH_30),
        ("2023-03-30", MARCH_30),
    ],
)
def test_each_form_found_in_real_documents_reads_as_the_right_date(text, expected):
    assert parse_be_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "  30 มี.ค. 66  ",
        "วันที่ 30 มี.ค. 66",
        "ณ วันที่ ๓๐ มี.ค. ๖๖",
        "30มี.ค.66",
        "30 มีค 66",
        "30 มี ค 66",
        "30 มีนาคม พ.ศ. 2566",
        "30 มีนา 66",
        "๓0 มี.ค. ๖6",
        "\u200b30 มี.ค. 66",
    ],
)
def test_spacing_dots_prefixes_and_mixed_digits_do_not_matter(text):
    assert parse_be_date(text) == MARCH_30


def test_a_typed_letter_o_among_digits_reads_as_zero():
    assert parse_be_date("O๑ ต.ค. ๖๕") == datetime.date(2022, 10, 1)


def test_a_two_digit_year_means_25xx():
    assert parse_be_date("1 ม.ค. 00") == datetime.date(1957, 1, 1)
    assert parse_be_date("31 ธ.ค. 99") == datetime.date(2056, 12, 31)


def test_the_common_misspelling_of_july_is_read():
    assert parse_be_date("1 กรกฏาคม 2566") == datetime.date(2023, 7, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31 เม.ย. 66", "ไม่มีวันที่นี้"),
        ("29 ก.พ. 66", "ไม่มีวันที่นี้"),
        ("30 มี.ค.", "ไม่มีปี"),
        ("30 มี.ค. 2023", "ค.ศ."),
        ("30/3/2023", "ค.ศ."),
        ("2566-03-30", "ISO"),
        ("30 มี.ค. 566", "566"),
        ("30 มาร์ช 66", ""),
        ("30 มี.ค. 66 เป็นต้นไป", ""),
        ("", ""),
        ("ไม่ระบุ", ""),
    ],
)
def test_doubtful_dates_raise_an_error_that_names_the_text(text, reason):
    with pytest.raises(ThaiDateError) as caught:
        parse_be_date(text)
    assert caught.value.text == text
    assert str(caught.value).startswith(f'อ่านวันที่ไม่ได้: "{text}"')
    assert reason in caught.value.reason


def test_a_date_error_is_a_value_error_so_forms_can_catch_it():
    assert issubclass(ThaiDateError, ValueError)


def test_a_date_inside_a_longer_cell_is_found():
    cell = "ทุกข้อมูลดำเนินการแล้วเสร็จภายใน ๒๐ เม.ย ๖๖ และนำขึ้น website"
    assert find_be_date(cell) == datetime.date(2023, 4, 20)


def test_the_first_of_several_dates_is_found():
    assert find_be_date("ที่ กท 0123/4/2566 ลงวันที่ 5 มิ.ย. 66 แก้ไข 1 ก.ค. 66") == datetime.date(2023, 6, 5)


@pytest.mark.parametrize("cell", ["", "ภายใน 15 วัน", "ส่ง 5 สคบ. แล้ว", "ISO 9001:2015", "ข้อ 3 มีผล"])
def test_a_cell_without_a_date_gives_none(cell):
    assert find_be_date(cell) is None


def test_an_invalid_date_inside_a_cell_raises_and_names_that_date():
    with pytest.raises(ThaiDateError) as caught:
        find_be_date("ภายใน ๓๑ เม.ย ๖๖ และนำขึ้น website")
    assert caught.value.text == "๓๑ เม.ย ๖๖"


def test_a_date_without_year_inside_a_cell_raises_rather_than_guess():
    with pytest.raises(ThaiDateError, match="ไม่มีปี"):
        find_be_date("ภายใน 30 ก.ย. ของทุกปี")


def test_the_three_styles_and_two_digit_systems():
    assert format_be_date(MARCH_30) == "30 มี.ค. 66"
    assert format_be_date(MARCH_30, "medium") == "30 มี.ค. 2566"
    assert format_be_date(MARCH_30, "long") == "30 มีนาคม 2566"
    assert format_be_date(MARCH_30, "long", digits="thai") == "๓๐ มีนาคม ๒๕๖๖"
    assert format_be_date(datetime.date(2023, 4, 5), "short", digits="thai") == "๕ เม.ย. ๖๖"


def test_the_short_style_writes_four_digits_when_two_would_read_back_wrong():
    assert format_be_date(datetime.date(2057, 1, 1), "short") == "1 ม.ค. 2600"


def test_unknown_style_or_digits_are_refused():
    with pytest.raises(ValueError):
        format_be_date(MARCH_30, "tiny")
    with pytest.raises(ValueError):
        format_be_date(MARCH_30, digits="roman")


def test_be_year_and_month_names():
    assert be_year(MARCH_30) == 2566
    assert thai_month_name(3) == "มีนาคม"
    assert thai_month_name(4, abbreviated=True) == "เม.ย."
    with pytest.raises(ValueError):
        thai_month_name(13)


@pytest.mark.parametrize("digits", DIGITS)
@pytest.mark.parametrize("style", STYLES)
@settings(max_examples=300, deadline=None)
@given(d=EVERY_DAY)
def test_every_formatted_date_reads_back_as_itself(style, digits, d):
    assert parse_be_date(format_be_date(d, style, digits)) == d


@settings(max_examples=300, deadline=None)
@given(d=EVERY_DAY, style=st.sampled_from(STYLES), digits=st.sampled_from(DIGITS))
def test_every_formatted_date_is_found_inside_a_sentence(d, style, digits):
    assert find_be_date(f"ดำเนินการแล้วเสร็จภายใน {format_be_date(d, style, digits)} และนำขึ้น website") == d


def test_a_date_error_survives_pickling_with_its_text():
    error = pickle.loads(pickle.dumps(ThaiDateError("31 เม.ย. 66", "ไม่มีวันที่นี้ในปฏิทิน")))  # noqa: S301
    assert error.text == "31 เม.ย. 66"
    assert str(error) == 'อ่านวันที่ไม่ได้: "31 เม.ย. 66" (ไม่มีวันที่นี้ในปฏิทิน)'


# --- dates inside longer texts: ranges, months without a day, 2-digit years near a document's year ---


def test_find_be_dates_lists_every_date_of_a_range_in_order():
    from prongsai.thai.dates import find_be_dates

    found = find_be_dates("เริ่ม 1 ต.ค. 65 แล้วเสร็จ 30 มี.ค. 66")
    assert [f.date for f in found] == [datetime.date(2022, 10, 1), datetime.date(2023, 3, 30)]
    found = find_be_dates("15 ม.ค. 67 - 30 ก.ย. 67")
    assert [f.date for f in found] == [datetime.date(2024, 1, 15), datetime.date(2024, 9, 30)]


def test_a_month_without_its_day_is_the_months_last_day():
    from prongsai.thai.dates import find_be_dates

    (found,) = find_be_dates("ภายใน มี.ค. 66")
    assert found.date == datetime.date(2023, 3, 31) and found.whole_month
    assert [f.date for f in find_be_dates("ต.ค. 65 - ก.ย. 66")] == [
        datetime.date(2022, 10, 31),
        datetime.date(2023, 9, 30),
    ]
    assert find_be_dates("ภายในกุมภาพันธ์ ๒๕๖๗")[0].date == datetime.date(2024, 2, 29)


def test_a_two_digit_year_is_read_near_the_documents_year_not_as_1980():
    from prongsai.thai.dates import find_be_dates

    # In a FY2566 plan (2023), "23" is CE 2023; without a year to be near, BE 2523 as before.
    assert find_be_dates("30 มี.ค. 23", near=2023)[0].date == datetime.date(2023, 3, 30)
    assert find_be_dates("1/4/23", near=2023)[0].date == datetime.date(2023, 4, 1)
    assert find_be_dates("๓๐ มี.ค.๖๖", near=2023)[0].date == datetime.date(2023, 3, 30)
    assert find_be_dates("30 มี.ค. 23")[0].date == datetime.date(1980, 3, 30)


def test_find_be_dates_names_the_part_it_cannot_read():
    from prongsai.thai.dates import find_be_dates

    with pytest.raises(ThaiDateError) as error:
        find_be_dates("เริ่ม 1 ต.ค. 65 แล้วเสร็จ 31 ก.ย. 66")
    assert error.value.text == "31 ก.ย. 66"
    assert find_be_dates("ตลอดปีงบประมาณ") == []


def test_the_same_instant_written_in_two_zones_gives_each_zone_its_own_day():
    # format_be_date keeps what it wrote (a page writes the same dates over and over), by calendar day: two
    # aware datetimes of one instant are equal in Python but fall on different days.
    from zoneinfo import ZoneInfo

    from prongsai.thai.dates import format_be_date

    utc = datetime.datetime(2023, 3, 29, 17, 30, tzinfo=datetime.UTC)
    bangkok = utc.astimezone(ZoneInfo("Asia/Bangkok"))
    assert utc == bangkok
    assert format_be_date(utc, "medium") == "29 มี.ค. 2566"
    assert format_be_date(bangkok, "medium") == "30 มี.ค. 2566"
    assert format_be_date(bangkok, "long", digits="thai") == "๓๐ มีนาคม ๒๕๖๖"
