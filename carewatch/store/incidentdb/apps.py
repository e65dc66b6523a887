"""Django app config for incidentdb: connects the facet rows to incident saves."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "carewatch.store.incidentdb"
    label = "incidentdb"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.store.incidentdb import facets

        facets.connect()
