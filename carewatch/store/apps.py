"""Django app config for the store."""

from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "carewatch.store"
    label = "store"
    default_auto_field = "django.db.models.BigAutoField"
