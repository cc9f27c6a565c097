"""The searchable pages in a narrow table of their own (`IndexedPage`), filled from the current index: counting the
matches of a common word read the heap row of every matching page, carrying its text inline (7,300 blocks of 8 kB
for 8,700 matches at 100,000 pages); the narrow rows hold some 55 per block (1,454 blocks). On PostgreSQL the
vector moves there with its GIN index, out of line (`toast_tuple_target`: a row longer than 128 bytes has its
vector TOASTed), so that the heap rows stay tiny, and the title's own vector with its GIN index too (it replaces the
expression index of migration 0003 on the page rows: both conditions of a title match now meet in one bitmap of the
narrow table); on SQLite the FTS5 table stays, its rowids joined to the narrow table's."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

import arobase.elunum.models

PG_FORWARD = [
    "ALTER TABLE elunum_indexedpage SET (toast_tuple_target = 128)",
    "INSERT INTO elunum_indexedpage (page_id, source_id, published_at, vector, title_vector, toast_trigger) "
    "SELECT id, source_id, published_at, vector, to_tsvector('french_unaccent'::regconfig, COALESCE(title, '')), "
    "repeat(' ', 2048) FROM elunum_page WHERE vector IS NOT NULL AND duplicate_of_id IS NULL",
    "CREATE INDEX IF NOT EXISTS elunum_indexedpage_vector_gin ON elunum_indexedpage USING GIN (vector)",
    "CREATE INDEX IF NOT EXISTS elunum_indexedpage_title_gin ON elunum_indexedpage USING GIN (title_vector)",
    "DROP INDEX IF EXISTS elunum_page_title_gin",
    "ANALYZE elunum_indexedpage",  # a table filled at once: plans need its statistics before autovacuum comes
]
PG_BACKWARD = [
    "UPDATE elunum_page SET vector = indexed.vector FROM elunum_indexedpage indexed WHERE indexed.page_id = elunum_page.id",
    "CREATE INDEX IF NOT EXISTS elunum_page_vector_gin ON elunum_page USING GIN (vector)",
    "CREATE INDEX IF NOT EXISTS elunum_page_title_gin ON elunum_page "
    "USING GIN (to_tsvector('french_unaccent'::regconfig, COALESCE(title, '')))",
]
SQLITE_FORWARD = [
    "INSERT INTO elunum_indexedpage (page_id, source_id, published_at) "
    "SELECT id, source_id, published_at FROM elunum_page "
    "WHERE duplicate_of_id IS NULL AND id IN (SELECT rowid FROM elunum_page_fts)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("elunum", "0003_page_title_index")]

    operations = [
        migrations.CreateModel(
            name="IndexedPage",
            fields=[
                (
                    "page",
                    arobase.elunum.models.RowidPageField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="elunum.page",
                    ),
                ),
                ("published_at", models.DateField(blank=True, null=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("title_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("toast_trigger", models.TextField(editable=False, null=True)),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="elunum.source"
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}), _run({"postgresql": PG_BACKWARD})
        ),
        migrations.RemoveField(model_name="page", name="vector"),
    ]
