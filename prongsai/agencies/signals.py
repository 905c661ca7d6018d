"""The one event the modules announce to the public read side: "something of this agency that the public
sees has changed". Modules sit below the portal and may not import it; the portal listens here and refreshes
what it derives from the providers (the search index of that source; later the page cache).

An explicit announcement from a service, not a ``post_save`` receiver: the service knows when a change is
public (approval, publication, withdrawal), a model signal does not.
"""

from __future__ import annotations

from django.dispatch import Signal

# sender: the source's app label ("content", "disclosure", "eservice", ...); keyword argument: agency
public_data_changed = Signal()


def announce_public_change(*, agency, source: str) -> None:
    """Tell the public read side that ``source``'s public data of ``agency`` changed.

    Receivers enqueue tasks; a task row written inside the caller's transaction is rolled back with it,
    so a change that does not commit refreshes nothing.
    """
    from .public_stamp import stamp_changed

    # The data's own change stamp: the public pages' Last-Modified and ETag (portal/http_cache.py).
    stamp_changed(agency)
    public_data_changed.send(sender=source, agency=agency)


# sender: "plans"; keyword arguments: actor, agency, fiscal_year (BE), table. A plan document that carries
# its budget report hands the table over as it was printed (plain data: strings exactly as typed) so that the
# finance module keeps it as records beside the printed figures, without plans importing finance.
# ``table`` = {"title", "fiscal_year", "as_of" (ISO date or None), "rows": [{"line", "category", "allocated",
# "disbursed", "remaining", "rate"}], "total": same keys or None}.
budget_table_printed = Signal()
