"""The full-text search machinery of each database (see arobase/atlaas/search.py).

PostgreSQL: the unaccent extension (trusted: the database owner may create it), the `french_unaccent` text
search configuration (french stemming after unaccent) and a GIN index on the stored vectors.
SQLite: the FTS5 table, accent- and case-insensitive, holding the Python-stemmed texts.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
           CREATE TEXT SEARCH CONFIGURATION french_unaccent ( COPY = french );
           ALTER TEXT SEARCH CONFIGURATION french_unaccent
             ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
         END IF;
       END $$""",
    "CREATE INDEX IF NOT EXISTS atlaas_search_vector_gin ON atlaas_actionsearchdocument USING GIN (vector)",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS atlaas_search_vector_gin"]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS atlaas_action_fts USING fts5("
    "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS atlaas_action_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("atlaas", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
