"""The ITA arithmetic, as pure functions over an instrument (the year's data file, ``instruments/ita-<year>.json``).

From ``reference/ITA.md`` ("From answers to scores"):

- an answer of the 4-level scale scores 0 / 33 / 67 / 100, reversed for a negative sub-item; a yes/no item
  scores 100 for the good answer (``"good"`` of the question) and 0 otherwise;
- a question is the mean of its sub-items, each the mean over the respondents; an indicator is the mean of its
  questions; IIT the mean of indicators 1-5, EIT of 6-8 (the year's EIT may have parts, 2566: the mean of
  part 1 and part 2), OIT the mean of indicators 9 and 10, each the mean of its sub-indicators' share of items
  passed (an OIT item scores 100 or 0, no partial credit);
- ITA = 0.3 IIT + 0.3 EIT + 0.4 OIT (the weights are data too), and the level by the year's rule.

Everything is ``Decimal`` and kept unrounded; ``r2`` rounds half up to two places only for showing, as the NACC
publishes (88.978 -> 88.98).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def r2(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) / len(present) if present else None


# --- the instrument ---------------------------------------------------------------------------------------------


def questions_of(instrument: Mapping, kind: str) -> list[dict]:
    """The questions of "iit" or "eit", in order."""
    numbers = indicator_numbers(instrument, kind)
    return [q for q in instrument["questions"] if q["indicator"] in numbers]


def indicator_numbers(instrument: Mapping, kind: str) -> list[int]:
    return [i["number"] for i in instrument["indicators"] if i["instrument"] == kind]


def choice_score(instrument: Mapping, question: Mapping, index: int, choice) -> Decimal | None:
    """The score of one answer to sub-item ``index`` of ``question``; None for no (or an impossible) answer."""
    scale = instrument["scales"][question["scale"]]
    if scale["kind"] == "level":
        scores = [Decimal(s) for s in scale["scores"]]
        if question["items"][index].get("reverse"):
            scores.reverse()
        levels = [c[0] for c in scale["choices"]]
        if choice not in levels:
            return None
        return scores[levels.index(choice)]
    if choice not in [c[0] for c in scale["choices"]]:
        return None
    return HUNDRED if choice == question["good"] else Decimal(0)


def answer_score(instrument: Mapping, kind: str, answers: Mapping) -> Decimal | None:
    """One respondent's own score for the instrument (the same means over one person): for the spread of
    the answers behind the confidence note, never shown per person."""
    return survey_scores(instrument, kind, [answers]).score


# --- IIT and EIT from answers ----------------------------------------------------------------------------------


@dataclass
class QuestionScore:
    code: str
    indicator: int
    text: str
    score: Decimal | None
    answered: int  # respondents who answered at least one sub-item


@dataclass
class SurveyScore:
    kind: str
    answers: int
    questions: list[QuestionScore]
    indicators: dict[int, Decimal | None]

    @property
    def score(self) -> Decimal | None:
        return mean(self.indicators.values())


def survey_scores(instrument: Mapping, kind: str, responses: Iterable[Mapping]) -> SurveyScore:
    """Sub-item means over the respondents, question = mean of its sub-items, indicator = mean of questions.

    ``responses``: one mapping per respondent, question code -> the list of choices of its sub-items (a level
    1-4 or "yes"/"no"). A sub-item nobody answered does not count (the forms require every one)."""
    responses = list(responses)
    questions = questions_of(instrument, kind)
    totals: dict[tuple[str, int], list[Decimal]] = {}
    answered: dict[str, int] = {}
    for response in responses:
        for question in questions:
            choices = response.get(question["code"]) or []
            any_answer = False
            for index, choice in enumerate(choices[: len(question["items"])]):
                value = choice_score(instrument, question, index, choice)
                if value is not None:
                    totals.setdefault((question["code"], index), []).append(value)
                    any_answer = True
            answered[question["code"]] = answered.get(question["code"], 0) + any_answer
    scored = [
        QuestionScore(
            code=q["code"],
            indicator=q["indicator"],
            text=q["text"],
            score=mean(mean(totals.get((q["code"], i), [])) for i in range(len(q["items"]))),
            answered=answered.get(q["code"], 0),
        )
        for q in questions
    ]
    indicators = {
        n: mean(s.score for s in scored if s.indicator == n) for n in indicator_numbers(instrument, kind)
    }
    return SurveyScore(kind=kind, answers=len(responses), questions=scored, indicators=indicators)


# --- OIT from the items passed --------------------------------------------------------------------------------


@dataclass
class SubIndicatorScore:
    code: str
    indicator: int
    title: str
    items: list[str]
    passed: list[str]

    @property
    def score(self) -> Decimal:
        return Decimal(len(self.passed)) * HUNDRED / len(self.items) if self.items else Decimal(0)


@dataclass
class OitScore:
    sub_indicators: list[SubIndicatorScore]
    indicators: dict[int, Decimal | None] = field(default_factory=dict)

    @property
    def score(self) -> Decimal | None:
        return mean(self.indicators.values())

    @property
    def not_passed(self) -> list[tuple[SubIndicatorScore, str]]:
        return [(s, code) for s in self.sub_indicators for code in s.items if code not in s.passed]


def oit_scores(instrument: Mapping, passed: Iterable[str]) -> OitScore:
    """Each sub-indicator is the share of its items passed; an indicator the mean of its sub-indicators.
    ``passed``: the item codes that meet every requirement (any other item of the map counts as not passed)."""
    passed = {code.lower() for code in passed}
    subs = [
        SubIndicatorScore(
            code=s["code"],
            indicator=s["indicator"],
            title=s["title"],
            items=[c.lower() for c in s["items"]],
            passed=[c.lower() for c in s["items"] if c.lower() in passed],
        )
        for s in instrument["oit"]["sub_indicators"]
    ]
    indicators = {
        n: mean(s.score for s in subs if s.indicator == n) for n in indicator_numbers(instrument, "oit")
    }
    return OitScore(sub_indicators=subs, indicators=indicators)


def item_indicator(instrument: Mapping) -> dict[str, str]:
    """OIT item code -> its sub-indicator code, from the instrument's map."""
    return {c.lower(): s["code"] for s in instrument["oit"]["sub_indicators"] for c in s["items"]}


# --- EIT parts, ITA and the level ------------------------------------------------------------------------------


def eit_score(instrument: Mapping, parts: Mapping[str, Decimal | None]) -> Decimal | None:
    """The EIT of the year from its parts (``eit_parts`` of the data: 2566 has two, weighted 0.5 each).
    None when a part is missing."""
    total = Decimal(0)
    for part in instrument["eit_parts"]:
        value = parts.get(part["code"])
        if value is None:
            return None
        total += Decimal(part["weight"]) * value
    return total


def ita_score(instrument: Mapping, *, iit: Decimal | None, eit: Decimal | None, oit: Decimal | None):
    if iit is None or eit is None or oit is None:
        return None
    w = {k: Decimal(v) for k, v in instrument["weights"].items()}
    return w["iit"] * iit + w["eit"] * eit + w["oit"] * oit


def level(instrument: Mapping, score: Decimal | None) -> dict | None:
    """The year's rating of a (rounded) score: the first level whose minimum it reaches."""
    if score is None:
        return None
    shown = r2(score)
    for rule in instrument["levels"]:
        if shown >= Decimal(rule["min"]):
            return rule
    return instrument["levels"][-1]


# --- what raises the score most ---------------------------------------------------------------------------------


@dataclass
class Lever:
    kind: str  # "oit", "iit" or "eit"
    code: str  # item or question code
    label: str
    current: Decimal | None  # the question's score, or 0 for an OIT item not passed
    gain: Decimal  # ITA points if it reached 100


def _question_weight(instrument: Mapping, kind: str, question: Mapping) -> Decimal:
    """ITA points per point of one question's score."""
    numbers = indicator_numbers(instrument, kind)
    in_indicator = sum(1 for q in questions_of(instrument, kind) if q["indicator"] == question["indicator"])
    weight = Decimal(instrument["weights"][kind]) / len(numbers) / in_indicator
    if kind == "eit":
        survey = [p for p in instrument["eit_parts"] if p["source"] == "survey"]
        weight *= sum((Decimal(p["weight"]) for p in survey), Decimal(0))
    return weight


def levers(
    instrument: Mapping, surveys: list[SurveyScore], oit: OitScore | None, titles: Mapping | None = None
):
    """Every unpassed OIT item and every question below 100, with the ITA points it would add at 100, the
    biggest first (ties: OIT first, then by code order)."""
    titles = titles or {}
    found: list[Lever] = []
    if oit is not None:
        n_ind = len(indicator_numbers(instrument, "oit"))
        w = Decimal(instrument["weights"]["oit"])
        for sub, code in oit.not_passed:
            siblings = sum(1 for s in oit.sub_indicators if s.indicator == sub.indicator)
            gain = w / n_ind / siblings * HUNDRED / len(sub.items)
            found.append(Lever("oit", code, titles.get(code, code.upper()), Decimal(0), gain))
    by_code = {q["code"]: q for q in instrument["questions"]}
    for survey in surveys:
        for q in survey.questions:
            if q.score is None or q.score >= HUNDRED:
                continue
            gain = _question_weight(instrument, survey.kind, by_code[q.code]) * (HUNDRED - q.score)
            found.append(Lever(survey.kind, q.code, q.text, q.score, gain))
    order = {"oit": 0, "iit": 1, "eit": 2}
    return sorted(found, key=lambda lv: (-lv.gain, order[lv.kind]))
