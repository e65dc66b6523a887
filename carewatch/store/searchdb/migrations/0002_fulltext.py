"""Full-text index over ``SearchEntry.lemmas``, one per database vendor.

SQLite: an external-content FTS5 table kept in step by triggers (no stemming: the lemmas column
already holds the normal forms). PostgreSQL: a generated ``tsvector`` column with the ``simple``
configuration (there is no Ukrainian one) and a GIN index.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE searchdb_fts USING fts5(lemmas, content='searchdb_searchentry',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER searchdb_fts_ai AFTER INSERT ON searchdb_searchentry BEGIN"
    " INSERT INTO searchdb_fts(rowid, lemmas) VALUES (new.id, new.lemmas); END",
    "CREATE TRIGGER searchdb_fts_ad AFTER DELETE ON searchdb_searchentry BEGIN"
    " INSERT INTO searchdb_fts(searchdb_fts, rowid, lemmas) VALUES ('delete', old.id, old.lemmas); END",
    "CREATE TRIGGER searchdb_fts_au AFTER UPDATE OF lemmas ON searchdb_searchentry BEGIN"
    " INSERT INTO searchdb_fts(searchdb_fts, rowid, lemmas) VALUES ('delete', old.id, old.lemmas);"
    " INSERT INTO searchdb_fts(rowid, lemmas) VALUES (new.id, new.lemmas); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS searchdb_fts_au",
    "DROP TRIGGER IF EXISTS searchdb_fts_ad",
    "DROP TRIGGER IF EXISTS searchdb_fts_ai",
    "DROP TABLE IF EXISTS searchdb_fts",
]
POSTGRES_UP = [
    "ALTER TABLE searchdb_searchentry ADD COLUMN tsv tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple', lemmas)) STORED",
    "CREATE INDEX searchdb_entry_tsv ON searchdb_searchentry USING GIN (tsv)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS searchdb_entry_tsv",
    "ALTER TABLE searchdb_searchentry DROP COLUMN IF EXISTS tsv",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def apply(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies: ClassVar[list[tuple[str, str]]] = [("searchdb", "0001_initial")]

    operations: ClassVar[list[Any]] = [
        migrations.RunPython(_run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
                             _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})),
    ]
