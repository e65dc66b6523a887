"""Django app config for protectdb."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "carewatch.store.protectdb"
    label = "protectdb"
    default_auto_field = "django.db.models.BigAutoField"
