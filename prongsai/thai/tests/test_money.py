from decimal import Decimal

import pytest
from pythainlp.util import bahttext

from prongsai.thai.money import MoneyError, baht_text, format_baht, parse_baht


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("189,051,600.00", Decimal("189051600.00")),
        ("๑๘๙,๐๕๑,๖๐๐.๐๐", Decimal("189051600.00")),
        ("1,234.5", Decimal("1234.50")),
        ("  1,234.50 บาท ", Decimal("1234.50")),
        ("฿100", Decimal("100.00")),
        ("1000", Decimal("1000.00")),
        ("-25.5", Decimal("-25.50")),
    ],
)
def test_amounts_as_documents_write_them_are_read(text, amount):
    assert parse_baht(text) == amount


def test_amounts_are_decimals_with_exactly_two_places():
    amount = parse_baht("1,234.5")
    assert isinstance(amount, Decimal)
    assert amount.as_tuple().exponent == -2


def test_a_third_decimal_place_rounds_half_up():
    assert parse_baht("1.005") == Decimal("1.01")


def test_a_spreadsheet_float_is_read_by_what_it_showed():
    assert parse_baht(0.1) == Decimal("0.10")


@pytest.mark.parametrize("garbage", ["", "-", "abc", "1,23", "1.2.3", "1e5", "NaN", "สองร้อย"])
def test_garbage_raises_an_error_that_names_the_text(garbage):
    with pytest.raises(MoneyError) as caught:
        parse_baht(garbage)
    assert caught.value.text == garbage
    assert f'"{garbage}"' in str(caught.value)


def test_formatting_uses_thousands_separators_and_two_places():
    assert format_baht(Decimal("189051600")) == "189,051,600.00"
    assert format_baht(Decimal("0.5")) == "0.50"
    assert format_baht(Decimal("1234.5"), digits="thai") == "๑,๒๓๔.๕๐"


def test_a_formatted_amount_reads_back_the_same():
    for amount in (Decimal("0.00"), Decimal("0.01"), Decimal("189051600.00"), Decimal("-1234.56")):
        assert parse_baht(format_baht(amount)) == amount
        assert parse_baht(format_baht(amount, digits="thai")) == amount


def test_amounts_are_spelled_out_in_thai_words():
    assert baht_text(100) == "หนึ่งร้อยบาทถ้วน"
    assert baht_text("189,051,600.00") == "หนึ่งร้อยแปดสิบเก้าล้านห้าหมื่นหนึ่งพันหกร้อยบาทถ้วน"
    assert baht_text(Decimal("1234.56")) == "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบหกสตางค์"
    assert baht_text(0) == "ศูนย์บาทถ้วน"


def test_amounts_under_one_baht_are_spelled_in_satang_only():
    assert baht_text(Decimal("0.50")) == "ห้าสิบสตางค์"
    assert baht_text(Decimal("-0.50")) == "ลบห้าสิบสตางค์"


def test_baht_text_agrees_with_pythainlp_for_everyday_amounts():
    for amount in ("1", "21", "1000000", "1.01", "12345678.90"):
        assert baht_text(amount) == bahttext(float(amount))


def test_amounts_too_large_to_spell_exactly_are_refused():
    assert baht_text("9,999,999,999,999.99").endswith("เก้าสิบเก้าสตางค์")
    with pytest.raises(MoneyError):
        baht_text("10,000,000,000,000.00")
