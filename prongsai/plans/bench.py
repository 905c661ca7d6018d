"""Speed of the plan importer's reading: time must grow with the file's length, not its square.

``bench_import`` is one entry for `make bench` (see prongsai/bench.py for the convention): the baseline is
ten times the time to read the seed once, the measurement the time to read one file holding the seed's
tables ten times over. Linear reading gives a ratio near 1; the quadratic joining this replaced gave a
ratio growing with the copies (a 32 MB upload took 269 s).
"""

import time
from pathlib import Path

SEED = Path(__file__).parent / "fixtures" / "pathumwan-2566.txt"


def _best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def repeated_seed(copies: int) -> str:
    """The seed with its tables repeated: the title once, then every line after it ``copies`` times."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    head, body = lines[:4], lines[4:]
    return "\n".join(head + body * copies) + "\n"


def bench_import(copies: int = 10) -> tuple[str, float, float]:
    from prongsai.plans.parser import parse_plan

    one = SEED.read_text(encoding="utf-8")
    many = repeated_seed(copies)
    parse_plan(one)  # the dictionary and the patterns are built once per process, not measured
    baseline = copies * _best_of(lambda: parse_plan(one, fiscal_year=2566))
    measured = _best_of(lambda: parse_plan(many, fiscal_year=2566))
    label = f"read the seed plan ({len(one) // 1024} KB) x{copies} in one file vs {copies} times once"
    return label, baseline, measured
