"""Built-in stages; importing this package registers them.

Each module is small and owns one kind of label. Heavy resources (language models,
dictionaries, the gazetteer) load lazily on first use, so importing stays cheap.
"""

from importlib import import_module

_MODULES = ("clean", "language", "violations", "victims", "actors", "dates", "places",
            "policies", "attribution", "relevance")

for _name in _MODULES:
    import_module(f"carewatch.pipeline.stages.{_name}")
