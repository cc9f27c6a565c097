"""Search indexes that only PostgreSQL has; nothing is created on SQLite.

- GIN pg_trgm indexes: `search_territories` filters with `LIKE '% word%'` on search_name and `LIKE '% 80000 %'` on
  postal_codes, which a trigram index answers in milliseconds (SQLite scans the small territory_search_idx index).
- Territories are listed by `population DESC NULLS LAST` (NULLs last as on SQLite); a plain btree index on population
  only serves DESC NULLS FIRST, hence these two, which SQLite cannot declare.
"""

from django.db import migrations

INDEXES = {
    "territory_search_name_trgm": "USING gin (search_name gin_trgm_ops)",
    "territory_postal_codes_trgm": "USING gin (postal_codes gin_trgm_ops)",
    "territory_pop_nulls_last_idx": "(population DESC NULLS LAST)",
    "territory_kind_pop_nulls_last_idx": "(kind, population DESC NULLS LAST)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("territories", "Territory")._meta.db_table)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(name)} ON {table} {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("territories", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
