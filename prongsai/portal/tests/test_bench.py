"""`make bench`'s arithmetic (prongsai/bench_web.py): the load itself needs wrk and minutes, not a test."""

from prongsai import bench_web
from prongsai.bench_web import Measured, Row


def _m(rps, p50=1.0, p99=2.0, errors=0):
    return Measured(rps=rps, p50=p50, p99=p99, errors=errors, requests=int(rps * 10))


def test_the_floor_and_the_page_are_measured_in_turns_and_combined(monkeypatch):
    calls = []
    answers = {
        "floor": iter([_m(1000), _m(500), _m(900)]),
        "page": iter([_m(800, p99=5), _m(400, p99=9), _m(700)]),
    }

    def fake_wrk(url, **kwargs):
        calls.append((url, kwargs["warm_up"]))
        return next(answers[url])

    class Server:
        def settle(self):
            pass

    monkeypatch.setattr(bench_web, "wrk", fake_wrk)
    page, floor = bench_web.paired(("page", "", Server()), ("floor", Server()), rounds=3)
    # floor, page, floor, page, ...: both see the same machine; only the first turn of each warms up.
    assert calls == [
        ("floor", True),
        ("page", True),
        ("floor", False),
        ("page", False),
        ("floor", False),
        ("page", False),
    ]
    assert floor.rps == 800 and page.rps == 1900 / 3
    assert page.p99 == 9  # the worst turn's p99, never an average that hides it


def test_each_row_is_judged_against_its_own_floor():
    fast_floor, slow_floor = _m(1000), _m(500)
    rows = [
        Row("a", "/a", measured=_m(450), target="≥0.7", floor=slow_floor),  # 0.9 of its own floor
        Row("b", "/b", measured=_m(650), target="≥0.7", floor=fast_floor),  # 0.65 of its own
        Row("c", "/c", measured=_m(100, p99=150), target="≥0.1, p99<100ms", floor=fast_floor),
        Row("d", "/d", measured=_m(900, errors=3), target="≥0.7", floor=fast_floor),
    ]
    bench_web.targets_of(rows, floor=10_000)  # the start's floor is not what the rows are judged by
    assert [row.passed for row in rows] == [True, False, False, False]
    assert "3 errors" in rows[3].note
