"""On PostgreSQL, a GIN index on the title's own vector: the search ranks the freshest pages whose title matches
among its bounded candidates (arobase/elunum/search.py), found without reading the page vectors. The expression is
the one `SearchVector("title", config="french_unaccent")` compiles to, so that the planner uses the index."""

from django.db import migrations

PG_FORWARD = [
    "CREATE INDEX IF NOT EXISTS elunum_page_title_gin ON elunum_page "
    "USING GIN (to_tsvector('french_unaccent'::regconfig, COALESCE(title, '')))"
]
PG_BACKWARD = ["DROP INDEX IF EXISTS elunum_page_title_gin"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("elunum", "0002_search_backends")]

    operations = [migrations.RunPython(_run(PG_FORWARD), _run(PG_BACKWARD))]
