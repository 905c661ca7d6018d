"""The server's worker loop on a data-stack chunk of its own (prongsai/stack.py, prongsai/serving.py). How
much that saves is measured by `make bench` (a nested template at the worst call depth; the pages under
gunicorn), not here: this checks that the frame asks for its own chunk and changes nothing else."""

import sys

import pytest
from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker

from prongsai import serving, stack
from prongsai.serving import SyncWorker
from prongsai.stack import AFFECTED, CHUNK_WORDS, on_fresh_stack


def test_what_the_wrapped_function_returns_or_raises_passes_through_unchanged():
    sent = object()
    assert on_fresh_stack(lambda a, b=None: (a, b, sent))(1, b=2) == (1, 2, sent)

    def broken():
        raise LookupError("kept")

    with pytest.raises(LookupError, match="kept"):
        on_fresh_stack(broken)()


@pytest.mark.parametrize("affected", [AFFECTED, False], ids=["this interpreter", "one with the fix"])
def test_the_workers_loop_runs_under_a_frame_that_asks_for_more_than_a_chunk_where_the_interpreter_needs_it(
    monkeypatch, affected
):
    monkeypatch.setattr(stack, "AFFECTED", affected)
    seen = {}

    def loop(self):
        seen["caller"] = sys._getframe(1).f_code  # the frame that called the loop

    monkeypatch.setattr(GunicornSyncWorker, "run", loop)
    monkeypatch.setattr(
        serving, "settle", lambda: seen.setdefault("settled_before_the_loop", "caller" not in seen)
    )
    SyncWorker.run(object.__new__(SyncWorker))
    assert seen["settled_before_the_loop"] is True
    if affected:
        # More than a chunk, so the interpreter opens one for it; less than a few, so little is mapped.
        assert 4 * CHUNK_WORDS < seen["caller"].co_stacksize < 16 * CHUNK_WORDS
    else:
        # Elsewhere the chunk is kept by the interpreter itself: the loop is gunicorn's, called straight.
        assert seen["caller"] is SyncWorker.run.__code__
