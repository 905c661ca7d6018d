from prongsai.thai.text import clean


def test_clean_makes_pdf_extracted_thai_look_like_typed_thai():
    # PDF text layers: ำ as ํ + า (a tone mark may sit between), zero-width spaces, no-break spaces.
    assert clean("การดําเนินงาน") == "การดำเนินงาน"
    assert clean("น\u0e49\u0e4d\u0e32") == "น\u0e49\u0e33"  # น้ำ with the tone before the ำ
    assert clean("สำนักงาน\u200bเขต\u00a0ปทุมวัน") == "สำนักงานเขต ปทุมวัน"
    assert clean("\ufeffข้อความ\u00ad") == "ข้อความ"


def test_clean_keeps_tabs_and_line_breaks_that_carry_a_tables_shape():
    assert clean("ก\tข\r\nค") == "ก\tข\r\nค"
