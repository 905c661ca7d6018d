"""The public read side's own data: the search index over what every app publishes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency


class SearchDocument(models.Model):
    """One public thing a citizen can find, as a provider gave it (``SearchDocument`` of providers.py), with
    its words cut for Thai. The database's full-text index over ``title_terms`` and ``terms`` (a tsvector
    with a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite) is made in the migrations, not
    here: the two engines differ and Django's models speak for neither."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=30)  # the provider's app label
    key = models.CharField(max_length=100)  # stable within the source
    kind = models.CharField(max_length=30)
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)  # as written, for nothing but the record; snippets come from terms
    url = models.CharField(max_length=500)
    year = models.PositiveSmallIntegerField(null=True, blank=True)  # Buddhist-era fiscal year
    # When the public may see it: a scheduled news post or OIT entry is indexed before and found from then.
    published_at = models.DateTimeField(null=True, blank=True)
    title_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    # Words of the index that no one types: the agency, kind and year ("a12 koit y2566"), so that the
    # full-text index itself narrows a search to one agency, kind or year (search.py).
    scope = models.CharField(max_length=100, blank=True)
    digest = models.CharField(max_length=64)  # of what the provider gave: unchanged documents are not re-cut
    indexed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("เอกสารในดัชนีค้นหา")
        verbose_name_plural = _("เอกสารในดัชนีค้นหา")
        constraints = [
            models.UniqueConstraint(fields=["agency", "source", "key"], name="searchdocument_unique_key"),
        ]
        indexes = [models.Index(fields=["kind", "year"]), models.Index(fields=["agency", "kind"])]

    def __str__(self) -> str:
        return f"{self.source}:{self.key}"
