"""Python frames on a data-stack chunk of their own, for the server's worker loop (prongsai/serving.py).

Why: CPython 3.11 and 3.12 keep each thread's Python frames in 16 KB chunks and free a chunk (munmap) the
moment its first frame returns; calls that go up and down across a chunk's edge map and unmap memory each
time (CPython gh-142183, fixed by caching a chunk in 3.13 and 3.14 only). Django's template rendering
recurses up and down hundreds of times per page, and where the edge falls depends on how deep the server's
own frames are: measured here, the OIT index took 7.4 ms of CPU under gunicorn (and wsgiref) against 4.9 ms
called straight, the same code. No library or setting changes where the interpreter's chunks start, so it
is done here: a frame that declares a stack larger than a chunk makes the interpreter open a chunk for it
alone (256 KB, half of it free above the frame), and everything called from that frame runs inside that
chunk. Done once around the worker's loop, the chunk is never unmapped (done around each request instead,
the map and unmap cost 30 µs a request under load: a 304 went from 0.91 to 0.76 of the bare floor). The size
is the code object's declared stack depth, which the interpreter only uses to size the frame: nothing is
initialised in it.
"""

import sys

CHUNK_WORDS = 16 * 1024 // 8  # CPython's data-stack chunk, in pointers
# A chunk is the power of two above (frame + 1,000 words): 15,400 words of frame ask for 256 KB and leave
# some 17,000 words (138 KB) above it, several times a page's deepest rendering (beyond it, the interpreter
# adds a chunk as usual).
ROOMY_FRAME_WORDS = 15_400
AFFECTED = sys.implementation.name == "cpython" and (3, 11) <= sys.version_info[:2] < (3, 13)


def on_fresh_stack(fn):
    """``fn``, called from a frame that opens a data-stack chunk of its own on the interpreters that need it
    (elsewhere ``fn`` itself)."""
    if not AFFECTED:
        return fn

    def enter(*args, **kwargs):
        return fn(*args, **kwargs)

    code = enter.__code__
    roomy = code.replace(co_stacksize=code.co_stacksize + ROOMY_FRAME_WORDS)
    return type(enter)(roomy, enter.__globals__, enter.__name__, None, enter.__closure__)
