"""The full-text machinery of the page index, as the Atlaas does it (arobase/atlaas/migrations/0002): on PostgreSQL
a GIN index on the page vectors (the `french_unaccent` configuration comes from the Atlaas migration); on SQLite
an FTS5 table holding the Python-stemmed texts (rowid = page id)."""

from django.db import migrations

PG_FORWARD = ["CREATE INDEX IF NOT EXISTS elunum_page_vector_gin ON elunum_page USING GIN (vector)"]
PG_BACKWARD = ["DROP INDEX IF EXISTS elunum_page_vector_gin"]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS elunum_page_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS elunum_page_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("elunum", "0001_initial"), ("atlaas", "0002_search_backends")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
