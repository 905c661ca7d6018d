"""The year's instruments as data: ``instruments/ita-<year>.json`` (IIT and EIT questions with their scales,
reverse flags and indicators; the OIT sub-indicators with their items; the weights, the EIT parts and the
rating levels). A new year is a new file; ``prongsai load-instruments`` (and the demo) store them.

``check`` refuses a file that the arithmetic could not use, naming what is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError

FOLDER = Path(__file__).resolve().parent / "instruments"


def shipped() -> dict[int, dict]:
    """Year -> the instrument shipped for it."""
    found = {}
    for path in sorted(FOLDER.glob("ita-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[data["year"]] = data
    return found


def check(data: dict) -> list[str]:
    """What makes the instrument unusable (empty: usable)."""
    problems = []
    for key in (
        "year",
        "title",
        "scales",
        "indicators",
        "questions",
        "weights",
        "eit_parts",
        "oit",
        "levels",
    ):
        if key not in data:
            problems.append(f"missing {key!r}")
    if problems:
        return problems
    kinds = {i["number"]: i["instrument"] for i in data["indicators"]}
    codes = [q["code"] for q in data["questions"]]
    if len(codes) != len(set(codes)):
        problems.append("question codes repeat")
    for q in data["questions"]:
        if q["indicator"] not in kinds or kinds[q["indicator"]] not in ("iit", "eit"):
            problems.append(f"{q['code']}: indicator {q['indicator']} is not an IIT/EIT indicator")
        scale = data["scales"].get(q["scale"])
        if scale is None:
            problems.append(f"{q['code']}: unknown scale {q['scale']!r}")
        elif scale["kind"] == "yesno" and q.get("good") not in [c[0] for c in scale["choices"]]:
            problems.append(f"{q['code']}: a yes/no question needs its good answer")
        if not q.get("items"):
            problems.append(f"{q['code']}: no sub-item")
    for number, kind in kinds.items():
        if kind in ("iit", "eit") and not any(q["indicator"] == number for q in data["questions"]):
            problems.append(f"indicator {number} has no question")
    items = [c for s in data["oit"]["sub_indicators"] for c in s["items"]]
    if len(items) != len(set(items)):
        problems.append("an OIT item is in two sub-indicators")
    for s in data["oit"]["sub_indicators"]:
        if kinds.get(s["indicator"]) != "oit":
            problems.append(f"sub-indicator {s['code']}: {s['indicator']} is not an OIT indicator")
    if abs(sum(float(p["weight"]) for p in data["eit_parts"]) - 1) > 1e-9:
        problems.append("the EIT parts' weights do not add up to 1")
    if not any(p["source"] == "survey" for p in data["eit_parts"]):
        problems.append("no EIT part comes from the survey")
    if abs(sum(float(w) for w in data["weights"].values()) - 1) > 1e-9:
        problems.append("the IIT/EIT/OIT weights do not add up to 1")
    return problems


def require_usable(data: dict) -> None:
    problems = check(data)
    if problems:
        raise ValidationError("; ".join(problems))
