from prongsai.documents.wrapping import ZWSP, thai_words_of, thai_wrap_html, thai_wrap_points


def test_place_names_are_single_words_in_our_dictionary():
    assert thai_words_of("สำนักงานเขตปทุมวันและสำนักงานเขตหนองจอก") == [
        "สำนักงานเขต",
        "ปทุมวัน",
        "และ",
        "สำนักงานเขต",
        "หนองจอก",
    ]


def test_wrap_points_go_between_thai_words_and_nowhere_else():
    text = "ของสำนักงานเขตปทุมวัน ๓๐ มี.ค.๖๖ ผอ.เขต E-serviceกระบวนการ"
    marked = thai_wrap_points(text)
    assert marked.replace(ZWSP, "") == text
    assert marked == "ของ\u200bสำนักงานเขต\u200bปทุมวัน ๓๐ มี.ค.๖๖ ผอ.เขต E-service\u200bกระบวนการ"
    assert thai_wrap_points("No Gift Policy 2566") == "No Gift Policy 2566"


def test_mai_yamok_never_starts_a_line():
    # "ต่าง ๆ" is written with a space; a no-break space keeps ๆ with its word.
    assert thai_wrap_points("สื่อต่าง ๆ") == "สื่อ\u200bต่าง\u00a0ๆ"


def test_wrap_html_escapes_markup_and_keeps_words_and_numbers_whole():
    html = thai_wrap_html('<b onclick="x">ปทุมวัน</b> สัญญาเลขที่ ๑๒/๒๕๖๖')
    assert "<b" not in html and "&lt;b onclick=&quot;x&quot;&gt;" in html
    assert '<span class="nobr">ปทุมวัน</span>' in html
    assert '<span class="nobr">๑๒/๒๕๖๖</span>' in html
    assert thai_wrap_html("a < b") == "a &lt; b"


def test_no_line_may_start_with_mai_yamok_or_paiyannoi():
    from prongsai.documents.wrapping import ZWSP, thai_wrap_points

    assert ZWSP + "ๆ" not in thai_wrap_points("เรื่องต่างๆ ของสำนักงานเขต")
    assert thai_wrap_points("ต่าง ๆ") == "ต่าง\u00a0ๆ"
    assert ZWSP + "ฯ" not in thai_wrap_points("กรุงเทพฯ และปริมณฑล")


def test_for_word_processors_words_are_glued_and_only_their_boundaries_break():
    from prongsai.documents.wrapping import WORD_JOINER, ZWSP, thai_glue_words

    glued = thai_glue_words("ขั้นตอนการให้บริการ")
    assert glued.replace(WORD_JOINER, "").replace(ZWSP, "") == "ขั้นตอนการให้บริการ"
    assert ZWSP in glued and WORD_JOINER in glued
    # The combining marks stay on their letters: no joiner before ั ้ or ิ.
    assert f"{WORD_JOINER}\u0e31" not in glued and f"{WORD_JOINER}\u0e49" not in glued
    assert thai_glue_words("e-service 2566") == "e-service 2566"
