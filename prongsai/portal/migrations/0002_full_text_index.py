"""The database's own full-text index over the search documents' words (see prongsai/portal/search.py).

The words are already cut for Thai: each engine takes them as they are. PostgreSQL: generated tsvector
columns (array_to_tsvector of the space-separated words, so that its parser never cuts Thai) with a GIN
index. SQLite: an FTS5 table with the documents as its external content, kept in step by triggers.
"""

from django.db import migrations

_WORDS = "array_to_tsvector(array_remove(string_to_array(regexp_replace({col}, '\\s+', ' ', 'g'), ' '), ''))"

POSTGRESQL = [
    "ALTER TABLE portal_searchdocument ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ("
    + _WORDS.format(col="title_terms")
    + ") STORED",
    "ALTER TABLE portal_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    + _WORDS.format(col="title_terms || ' ' || terms || ' ' || scope")
    + ") STORED",
    "CREATE INDEX portal_searchdocument_vector ON portal_searchdocument USING GIN (vector)",
    "CREATE INDEX portal_searchdocument_title_vector ON portal_searchdocument USING GIN (title_vector)",
]
POSTGRESQL_BACK = [
    "DROP INDEX portal_searchdocument_title_vector",
    "DROP INDEX portal_searchdocument_vector",
    "ALTER TABLE portal_searchdocument DROP COLUMN vector",
    "ALTER TABLE portal_searchdocument DROP COLUMN title_vector",
]

SQLITE = [
    # unicode61 with diacritics kept: the text is already normalised, and Thai marks are part of words.
    "CREATE VIRTUAL TABLE portal_searchdocument_fts USING fts5("
    "title_terms, terms, scope, content='portal_searchdocument', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 0\")",
    "CREATE TRIGGER portal_searchdocument_ai AFTER INSERT ON portal_searchdocument BEGIN "
    "INSERT INTO portal_searchdocument_fts(rowid, title_terms, terms, scope) "
    "VALUES (new.id, new.title_terms, new.terms, new.scope); END",
    "CREATE TRIGGER portal_searchdocument_ad AFTER DELETE ON portal_searchdocument BEGIN "
    "INSERT INTO portal_searchdocument_fts(portal_searchdocument_fts, rowid, title_terms, terms, scope) "
    "VALUES ('delete', old.id, old.title_terms, old.terms, old.scope); END",
    "CREATE TRIGGER portal_searchdocument_au AFTER UPDATE ON portal_searchdocument BEGIN "
    "INSERT INTO portal_searchdocument_fts(portal_searchdocument_fts, rowid, title_terms, terms, scope) "
    "VALUES ('delete', old.id, old.title_terms, old.terms, old.scope); "
    "INSERT INTO portal_searchdocument_fts(rowid, title_terms, terms, scope) "
    "VALUES (new.id, new.title_terms, new.terms, new.scope); END",
]
SQLITE_BACK = [
    "DROP TRIGGER portal_searchdocument_au",
    "DROP TRIGGER portal_searchdocument_ad",
    "DROP TRIGGER portal_searchdocument_ai",
    "DROP TABLE portal_searchdocument_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"search needs PostgreSQL or SQLite, not {schema_editor.connection.vendor}")
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_BACK, "sqlite": SQLITE_BACK}),
        ),
    ]
