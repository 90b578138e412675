"""Start-up checks of the production settings (README, "Running in production")."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

SECRET_KEY_MISSING = ("SECRET_KEY is not set: with DEBUG=false the workbench will not run on the public "
                      "development key (anyone could forge sessions and sign-ins). Set the SECRET_KEY "
                      "environment variable to a long random value.")
SECRET_KEY_HINT = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def secret_key_missing() -> bool:
    return not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if secret_key_missing():
        return [Error(SECRET_KEY_MISSING, hint=SECRET_KEY_HINT, id="factcheck.E001")]
    return []


def refuse_to_serve_without_secret_key() -> None:
    """Called where the web application is made (factcheck/wsgi.py: gunicorn, runserver)."""
    if secret_key_missing():
        raise ImproperlyConfigured(SECRET_KEY_MISSING)
