"""Facet keys in the full-text index: each entry's lemmas end with one key per facet value.

A facet filter then becomes one more term of the match, which FTS5 and the GIN index intersect
directly, instead of a probe of the tag table per hit. Existing entries get their keys here (the
FTS5 triggers and the generated ``tsvector`` follow the updated column).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import migrations

from carewatch.store.searchdb.indexer import tag_tokens


def add_keys(apps: Any, schema_editor: Any) -> None:
    entry_model = apps.get_model("searchdb", "SearchEntry")
    tag_model = apps.get_model("searchdb", "SearchTag")
    for entry in entry_model.objects.all().iterator(chunk_size=1000):
        tags = sorted(tag_model.objects.filter(entry_id=entry.pk).values_list("kind", "value"))
        keys = tag_tokens(tags)
        if keys and not entry.lemmas.endswith(keys):
            entry_model.objects.filter(pk=entry.pk).update(lemmas=f"{entry.lemmas} {keys}")


class Migration(migrations.Migration):
    dependencies: ClassVar[list[tuple[str, str]]] = [("searchdb", "0002_fulltext")]

    operations: ClassVar[list[Any]] = [migrations.RunPython(add_keys, migrations.RunPython.noop)]
