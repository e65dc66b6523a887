"""Django app config for reviewdb."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "carewatch.store.reviewdb"
    label = "reviewdb"
    default_auto_field = "django.db.models.BigAutoField"
