import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

MARCH_30 = datetime.date(2023, 3, 30)


def render(source, **context):
    return Template("{% load thai %}" + source).render(Context(context))


def test_be_date_renders_medium_buddhist_era_in_thai():
    with translation.override("th"):
        assert render("{{ d|be_date }}", d=MARCH_30) == "30 มี.ค. 2566"
        assert render('{{ d|be_date:"short" }}', d=MARCH_30) == "30 มี.ค. 66"
        assert render('{{ d|be_date:"long" }}', d=MARCH_30) == "30 มีนาคม 2566"


def test_be_date_renders_both_eras_in_english():
    with translation.override("en"):
        assert render("{{ d|be_date }}", d=MARCH_30) == "30 Mar 2023 (BE 2566)"
        assert render('{{ d|be_date:"long" }}', d=MARCH_30) == "30 March 2023 (BE 2566)"
        assert render("{{ d|be_month }}", d=MARCH_30) == "Mar 2023 (BE 2566)"


def test_numbers_years_and_dates_follow_the_pages_digit_style_in_thai_only():
    from prongsai.thai.style import digits_of_page

    source = "{{ n|num }}|{{ y|year }}|{{ d|be_date }}|{{ m|baht }}|{{ m|baht:'arabic' }}"
    values = {"n": 12345, "y": 2566, "d": MARCH_30, "m": Decimal("1250.5")}
    with translation.override("th"):
        assert render(source, **values) == "12,345|2566|30 มี.ค. 2566|1,250.50|1,250.50"
        with digits_of_page("thai"):
            assert render(source, **values) == "๑๒,๓๔๕|๒๕๖๖|๓๐ มี.ค. ๒๕๖๖|๑,๒๕๐.๕๐|1,250.50"
            with translation.override("en"):
                assert render("{{ n|num }}|{{ y|year }}", **values) == "12,345|2566"
        assert render("{{ n|num }}", **values) == "12,345"  # the style ends with the page


def test_a_year_never_gets_a_thousands_separator_and_num_keeps_places():
    with translation.override("th"):
        assert render("{{ y|year }}|{{ x|num:2 }}|{{ bad|num }}", y=2566, x=Decimal("3.5"), bad="n/a") == (
            "2566|3.50|n/a"
        )


def test_be_date_shows_an_aware_datetime_on_its_bangkok_day():
    late_utc = datetime.datetime(2023, 3, 29, 18, 0, tzinfo=datetime.UTC)  # 01:00 on 30 March in Bangkok
    with translation.override("th"):
        assert render("{{ d|be_date }}", d=late_utc) == "30 มี.ค. 2566"


@pytest.mark.parametrize("empty", [None, ""])
def test_empty_dates_render_nothing(empty):
    with translation.override("th"):
        assert render("{{ d|be_date }}|{{ d|be_date_thai }}", d=empty) == "|"


def test_be_date_thai_is_long_with_thai_digits_in_every_language():
    for language in ("th", "en"):
        with translation.override(language):
            assert render("{{ d|be_date_thai }}", d=MARCH_30) == "๓๐ มีนาคม ๒๕๖๖"


def test_thai_digits_filter():
    assert render("{{ n|thai_digits }}", n=2566) == "๒๕๖๖"
    assert render("{{ n|thai_digits }}", n=None) == ""


def test_baht_filters():
    assert render("{{ x|baht }}", x=Decimal("189051600")) == "189,051,600.00"
    assert render('{{ x|baht:"thai" }}', x=Decimal("1234.5")) == "๑,๒๓๔.๕๐"
    assert render("{{ x|baht_text }}", x=Decimal("100")) == "หนึ่งร้อยบาทถ้วน"
    assert render("{{ x|baht }}{{ x|baht_text }}", x=None) == ""


def test_an_unreadable_amount_is_shown_unchanged_and_escaped():
    assert render("{{ x|baht }}", x="<b>n/a</b>") == "&lt;b&gt;n/a&lt;/b&gt;"
