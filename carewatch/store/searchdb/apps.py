"""Django app config for searchdb."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "carewatch.store.searchdb"
    label = "searchdb"
    default_auto_field = "django.db.models.BigAutoField"
