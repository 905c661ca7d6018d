from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.thai.digits import _for_parsing, to_arabic_digits, to_thai_digits


def test_numbers_and_text_get_thai_digits():
    assert to_thai_digits(2566) == "๒๕๖๖"
    assert to_thai_digits("ปี 2566 ข้อ 1") == "ปี ๒๕๖๖ ข้อ ๑"
    assert to_thai_digits(Decimal("189051600.00")) == "๑๘๙๐๕๑๖๐๐.๐๐"


def test_a_decimal_in_exponent_form_is_written_out_in_full():
    assert to_thai_digits(Decimal("1E+3")) == "๑๐๐๐"


def test_thai_digits_become_arabic_and_other_characters_stay():
    assert to_arabic_digits("๓๐ มี.ค. ๖๖") == "30 มี.ค. 66"
    assert to_arabic_digits("mixed ๑2๓") == "mixed 123"


def test_the_letter_o_stays_a_letter_outside_the_parsers():
    # "O๑๑" is a typist's zero, but to_arabic_digits is for general text, where O may be a real letter.
    assert to_arabic_digits("O๑๑") == "O11"


def test_the_parsers_read_a_letter_o_among_digits_as_zero_and_keep_positions():
    assert _for_parsing("O๑๑ ISO") == "011 ISO"
    assert _for_parsing("\u200b๑") == " 1"


@settings(max_examples=300)
@given(st.integers(min_value=0))
def test_any_number_survives_the_round_trip_through_thai_digits(n):
    assert to_arabic_digits(to_thai_digits(n)) == str(n)
