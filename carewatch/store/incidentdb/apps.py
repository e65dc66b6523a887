"""Django app config for incidentdb."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "carewatch.store.incidentdb"
    label = "incidentdb"
    default_auto_field = "django.db.models.BigAutoField"
