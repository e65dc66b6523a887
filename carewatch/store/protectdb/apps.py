"""Django app config for protectdb; connects the sign-in signals to the audit log."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "carewatch.store.protectdb"
    label = "protectdb"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.store.protectdb import signals

        signals.connect()
