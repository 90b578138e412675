"""GIN indexes for the queue's full-text search, on PostgreSQL only (SQLite searches by words)."""

from django.db import migrations

INDEXES = [
    ("factcheck_statement_text_fts", "factcheck_statement", "text"),
    ("factcheck_article_title_fts", "factcheck_article", "title"),
    ("factcheck_speaker_name_fts", "factcheck_speaker", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (to_tsvector('english'::regconfig, {column}))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0009_statement_score_index")]
    operations = [migrations.RunPython(create, drop)]
