"""The arithmetic reproduces the published ITA figures (reference/ITA.md, "From answers to scores")."""

from decimal import Decimal as D

import pytest

from prongsai.assessment import instruments, scoring

Y2566 = instruments.shipped()[2566]
Y2564 = instruments.shipped()[2564]


def test_the_shipped_instruments_are_usable_and_have_the_published_shape():
    for data in (Y2566, Y2564):
        assert instruments.check(data) == []
    iit = scoring.questions_of(Y2566, "iit")
    eit = scoring.questions_of(Y2566, "eit")
    assert [q["code"] for q in iit] == [f"i{n}" for n in range(1, 31)]
    assert [q["code"] for q in eit] == [f"e{n}" for n in range(1, 16)]
    for number in range(1, 6):  # five IIT indicators of six questions
        assert sum(q["indicator"] == number for q in iit) == 6
    assert {q["indicator"] for q in eit} == {6, 7, 8}
    reverse = {q["code"] for q in iit if any(i["reverse"] for i in q["items"])}
    assert reverse == {"i9", "i10", "i11", "i16", "i17", "i18", "i19", "i22"}
    items = [c for s in Y2566["oit"]["sub_indicators"] for c in s["items"]]
    assert items == [f"o{n}" for n in range(1, 44)]


def test_bangkoks_2566_result_gives_88_98_with_the_eit_the_mean_of_its_two_parts():
    eit = scoring.eit_score(Y2566, {"1": D("79.40"), "2": D("82.24")})
    ita = scoring.ita_score(Y2566, iit=D("82.44"), eit=eit, oit=D(100))
    assert ita == D("88.978")
    assert scoring.r2(ita) == D("88.98")
    assert scoring.level(Y2566, ita)["label"] == "ผ่าน"
    assert scoring.level(Y2566, D("84.994"))["label"] == "ไม่ผ่าน"  # 84.99 shown: below the pass mark
    assert scoring.level(Y2566, D("84.995"))["label"] == "ผ่าน"  # shown as 85.00


def test_udon_thani_2566_indicators_give_86_73_with_equal_weights_inside_iit_and_eit():
    iit = scoring.mean(D(v) for v in ("85.21", "70.59", "75.10", "72.88", "73.24"))
    eit = scoring.mean(D(v) for v in ("81.14", "83.12", "76.79"))
    oit = scoring.mean([D(100), D(100)])
    one_part = {**Y2566, "eit_parts": [{"code": "1", "weight": "1", "source": "survey"}]}
    ita = scoring.ita_score(one_part, iit=iit, eit=scoring.eit_score(one_part, {"1": eit}), oit=oit)
    assert scoring.r2(ita) == D("86.73")


def _passing(counts: dict[str, int], data) -> list[str]:
    """The first n items of each sub-indicator pass."""
    subs = {s["code"]: s["items"] for s in data["oit"]["sub_indicators"]}
    passed = []
    for code, items in subs.items():
        passed += items[: counts.get(code, len(items))]
    return passed


@pytest.mark.parametrize(
    ("counts", "ind9", "ind10", "weighted"),
    [
        # Phichit 2564 (NACC group-6 report, table 4.26): indicator 10 = (7/8 + 2/2) / 2
        ({"10.1": 7}, D("100.00"), D("93.75"), D("38.75")),
        # indicator 9 = (8/9 + 4 x 100) / 5 with indicator 10 = 93.75: weighted OIT 38.31
        ({"9.1": 8, "10.1": 7}, D("97.78"), D("93.75"), D("38.31")),
        # indicator 9 = (6/7 + 7/8 + 3 x 100) / 5
        ({"9.3": 6, "9.2": 7}, D("94.64"), D("100.00"), D("38.93")),
    ],
)
def test_the_2564_oit_indicators_are_the_mean_of_their_sub_indicators_share_passed(
    counts, ind9, ind10, weighted
):
    oit = scoring.oit_scores(Y2564, _passing(counts, Y2564))
    assert scoring.r2(oit.indicators[9]) == ind9
    assert scoring.r2(oit.indicators[10]) == ind10
    # the weighted OIT column of the table: 0.4 x mean(9, 10) = 0.2 x 9 + 0.2 x 10
    assert scoring.r2(D(Y2564["weights"]["oit"]) * oit.score) == weighted


def test_the_published_weighted_oit_column_of_2564_fits_0_2_of_each_indicator():
    for ind9, ind10, published in (
        ("93.50", "100", "38.70"),
        ("97.78", "93.75", "38.31"),
        ("97.50", "87.50", "37.00"),
    ):
        oit = scoring.mean([D(ind9), D(ind10)])
        assert scoring.r2(D(Y2564["weights"]["oit"]) * oit) == D(published)


def test_2564_levels_use_the_letter_bands():
    assert [scoring.level(Y2564, D(v))["label"] for v in ("95", "94.99", "85", "60", "55", "49.99")] == [
        "AA", "A", "A", "D", "D", "F",
    ]  # fmt: skip


def test_answers_score_by_level_reversed_for_negative_items_and_yes_no_by_the_good_answer():
    q = {c["code"]: c for c in Y2566["questions"]}
    assert [scoring.choice_score(Y2566, q["i1"], 0, level) for level in (1, 2, 3, 4)] == [0, 33, 67, 100]
    assert [scoring.choice_score(Y2566, q["i9"], 0, level) for level in (1, 2, 3, 4)] == [100, 67, 33, 0]
    assert scoring.choice_score(Y2566, q["i11"], 0, 4) == 100  # (1) transparent: positive
    assert scoring.choice_score(Y2566, q["i11"], 1, 4) == 0  # (2) favours one contractor: reversed
    assert scoring.choice_score(Y2566, q["i4"], 0, "no") == 100  # no bribe asked: good
    assert scoring.choice_score(Y2566, q["i26"], 0, "no") == 0  # no anti-corruption plan: bad
    assert scoring.choice_score(Y2566, q["i1"], 0, 7) is None


def test_a_question_is_the_mean_of_sub_items_and_an_indicator_the_mean_of_questions():
    everyone_best = {}
    for question in scoring.questions_of(Y2566, "iit"):
        if question["scale"] == "A":
            best = [1 if i["reverse"] else 4 for i in question["items"]]
        else:
            best = [question["good"]] * len(question["items"])
        everyone_best[question["code"]] = best
    one = dict(everyone_best, i1=[4, 1])  # i1: (100 + 0) / 2 = 50
    two = dict(everyone_best, i1=[3, 3])  # i1: (67 + 67) / 2 = 67
    survey = scoring.survey_scores(Y2566, "iit", [one, two])
    i1 = next(s for s in survey.questions if s.code == "i1")
    assert i1.score == D("58.5") and i1.answered == 2
    assert survey.indicators[1] == (D("58.5") + 5 * 100) / 6
    assert survey.indicators[2] == 100
    assert survey.score == (survey.indicators[1] + 400) / 5


def test_what_raises_the_score_most_puts_an_unpassed_oit_item_of_a_small_sub_indicator_first():
    all_items = [c for s in Y2566["oit"]["sub_indicators"] for c in s["items"]]
    oit = scoring.oit_scores(Y2566, [c for c in all_items if c not in ("o1", "o39")])
    levers = scoring.levers(Y2566, [], oit)
    # o39: 10.2 has 5 items, 10 has two sub-indicators: 0.4 / 2 / 2 x 100 / 5 = 2 ITA points
    # o1: 9.1 has 10 items, 9 has five sub-indicators: 0.4 / 2 / 5 x 100 / 10 = 0.4 points
    assert [(lv.code, lv.gain) for lv in levers] == [("o39", D(2)), ("o1", D("0.4"))]
    base = scoring.ita_score(Y2566, iit=D(80), eit=D(80), oit=oit.score)
    fixed = scoring.oit_scores(Y2566, [c for c in all_items if c != "o1"])
    assert scoring.ita_score(Y2566, iit=D(80), eit=D(80), oit=fixed.score) - base == D(2)


def test_a_broken_instrument_is_refused_naming_what_is_wrong():
    broken = {**Y2566, "questions": [dict(q) for q in Y2566["questions"]]}
    broken["questions"][3] = {**broken["questions"][3], "good": None}
    broken["questions"][4] = {**broken["questions"][4], "indicator": 9}
    broken["weights"] = {"iit": "0.3", "eit": "0.3", "oit": "0.3"}
    problems = instruments.check(broken)
    assert "i4: a yes/no question needs its good answer" in problems
    assert "i5: indicator 9 is not an IIT/EIT indicator" in problems
    assert "the IIT/EIT/OIT weights do not add up to 1" in problems


@pytest.mark.django_db
def test_the_command_loads_every_shipped_year_and_can_be_run_again():
    import io

    from django.core.management import call_command

    from prongsai.assessment.models import Instrument

    out = io.StringIO()
    call_command("load-instruments", stdout=out)
    assert "created ITA instrument 2566" in out.getvalue()
    call_command("load-instruments", stdout=out)
    assert "updated ITA instrument 2566" in out.getvalue()
    assert sorted(Instrument.objects.values_list("year", flat=True)) == [2564, 2566]
