"""The server's worker loop on a data-stack chunk of its own (prongsai/stack.py, prongsai/serving.py). How
much that saves is measured by `make bench` (a nested template at the worst call depth; the pages under
gunicorn), not here: this checks that the frame asks for its own chunk and changes nothing else."""

import sys

import pytest
from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker

from prongsai.serving import SyncWorker
from prongsai.stack import AFFECTED, CHUNK_WORDS, on_fresh_stack


def test_what_the_wrapped_function_returns_or_raises_passes_through_unchanged():
    sent = object()
    assert on_fresh_stack(lambda a, b=None: (a, b, sent))(1, b=2) == (1, 2, sent)

    def broken():
        raise LookupError("kept")

    with pytest.raises(LookupError, match="kept"):
        on_fresh_stack(broken)()


@pytest.mark.skipif(not AFFECTED, reason="only CPython 3.11 and 3.12 free a chunk as soon as it empties")
def test_the_workers_loop_runs_under_a_frame_that_asks_for_more_than_a_chunk(monkeypatch):
    seen = {}

    def loop(self):
        seen["caller"] = sys._getframe(1).f_code.co_stacksize  # the frame that called the loop

    monkeypatch.setattr(GunicornSyncWorker, "run", loop)
    SyncWorker.run(object.__new__(SyncWorker))
    # More than a chunk, so the interpreter opens one for it; less than a few, so little is mapped.
    assert 4 * CHUNK_WORDS < seen["caller"] < 16 * CHUNK_WORDS
