"""Building rounds and answers for the tests."""

from __future__ import annotations

import random

from prongsai.assessment import scoring, services


def open_round(world, year=2566, title="ซ้อมประเมิน ITA รอบที่ ๑"):
    return services.round_open(actor=world.coordinator, agency=world.agency, year=year, title=title)


def answers_for(instrument, kind, *, level=None, rng=None):
    """Every question answered: ``level`` 1-4 for the "good" direction (4 = best), or at random."""
    rng = rng or random.Random(7)
    out = {}
    for question in scoring.questions_of(instrument, kind):
        scale = instrument["scales"][question["scale"]]
        choices = []
        for item in question["items"]:
            if scale["kind"] == "level":
                good = level if level is not None else rng.choice([2, 3, 3, 4, 4])
                choices.append(5 - good if item["reverse"] else good)
            else:
                bad = "yes" if question["good"] == "no" else "no"
                choices.append(question["good"] if (level or 4) >= 3 else bad)
        out[question["code"]] = choices
    return out


def post_data(answers, **extra):
    data = {
        f"{code}_{i}": str(choice) for code, choices in answers.items() for i, choice in enumerate(choices)
    }
    data.update({k: v for k, v in extra.items() if v is not None})
    return data


def iit_url(round):
    return f"/{round.agency.slug}/survey/iit/{round.code}/"


def eit_url(round):
    return f"/{round.agency.slug}/survey/eit/{round.code}/"
