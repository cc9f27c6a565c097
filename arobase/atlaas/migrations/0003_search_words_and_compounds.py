"""The vocabulary of the search (typo correction) and the joined hyphenated words of each document.

PostgreSQL: pg_trgm and a GIN trigram index on the words, so that `word % 'mediaton'` walks the index. SQLite keeps
the vocabulary in memory (see arobase/atlaas/search.py). Existing documents get their compounds and words with
`manage.py rebuild_search_index`.
"""

from django.db import migrations, models

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS atlaas_searchword_trgm ON atlaas_searchword USING GIN (word gin_trgm_ops)",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS atlaas_searchword_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("atlaas", "0002_search_backends"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=60, unique=True)),
                ("spelling", models.CharField(max_length=60)),
            ],
        ),
        migrations.AddField(
            model_name="actionsearchdocument",
            name="compounds",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(_run(PG_FORWARD), _run(PG_BACKWARD)),
    ]
