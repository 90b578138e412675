"""The sign-in limiter: one for every login form (the app's, the admin's, any other), because it
sits in the authentication backend every `authenticate()` call goes through.

Failures are counted per address and username (LOGIN_ATTEMPTS) and per address alone
(LOGIN_ADDRESS_ATTEMPTS, one address trying many usernames) within LOGIN_WINDOW seconds. The
counts live where every web process sees them: the database (default) or, with
LOGIN_LIMIT_STORE=cache, the configured cache, which must then be shared (Redis); a deploy check
warns when it is not.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.checks import Tags, Warning, register
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from factcheck.models import LoginFailure

# Cache backends that keep their counts inside one process: each worker would count alone.
PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache",
                      "django.core.cache.backends.dummy.DummyCache")


def client_address(request) -> str:
    """The address a sign-in came from. Behind a proxy (PROXY_FORWARDED_FOR=true) that is the
    right-most X-Forwarded-For entry, the one the proxy itself added: the left ones are typed by
    the client and prove nothing."""
    if settings.PROXY_FORWARDED_FOR:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-1][:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def _keys(request, username: str) -> list[tuple[str, int]]:
    """(key, limit) pairs. Keys are hashed: people sometimes type a password as their username."""
    address = client_address(request)
    who = (username or "").strip().lower()[:150]

    def key(*parts: str) -> str:
        return "login:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    return [(key("user", address, who), settings.LOGIN_ATTEMPTS),
            (key("address", address), settings.LOGIN_ADDRESS_ATTEMPTS)]


def _count(key: str) -> int:
    if settings.LOGIN_LIMIT_STORE == "cache":
        return cache.get(key, 0)
    row = LoginFailure.objects.filter(key=key, window_ends__gt=timezone.now()).values_list("count", flat=True)
    return row[0] if row else 0


def _bump(key: str) -> None:
    if settings.LOGIN_LIMIT_STORE == "cache":
        cache.add(key, 0, settings.LOGIN_WINDOW)
        cache.incr(key)
        return
    now = timezone.now()
    if LoginFailure.objects.filter(key=key, window_ends__gt=now).update(count=F("count") + 1):
        return
    ends = now + timedelta(seconds=settings.LOGIN_WINDOW)
    try:
        with transaction.atomic():
            # A new window: the row is missing or its window is over.
            LoginFailure.objects.update_or_create(key=key, defaults={"count": 1, "window_ends": ends})
    except IntegrityError:  # another process created it meanwhile: count on its row
        LoginFailure.objects.filter(key=key).update(count=F("count") + 1)
    LoginFailure.objects.filter(window_ends__lte=now).delete()


def _clear(key: str) -> None:
    if settings.LOGIN_LIMIT_STORE == "cache":
        cache.delete(key)
    else:
        LoginFailure.objects.filter(key=key).delete()


def blocked(request, username: str) -> bool:
    return any(_count(key) >= limit for key, limit in _keys(request, username))


def failed(request, username: str) -> None:
    for key, _ in _keys(request, username):
        _bump(key)


def succeeded(request, username: str) -> None:
    # Only this username's count: the address's own count stands, or an attacker with one valid
    # account could clear it between guesses at others.
    _clear(_keys(request, username)[0][0])


def blocked_message() -> str:
    return (f"Too many failed sign-ins. Wait {settings.LOGIN_WINDOW // 60} minutes and try again, "
            "or ask an administrator to reset your password.")


class RateLimitedBackend(ModelBackend):
    """Django's username-and-password check, refused while the limiter says so. PermissionDenied
    stops `authenticate()` from asking any other backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:  # not a web sign-in (a command, a test's client.login)
            return super().authenticate(request, username, password, **kwargs)
        if blocked(request, username):
            raise PermissionDenied(blocked_message())
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            failed(request, username)
        else:
            succeeded(request, username)
        return user


@register(Tags.security, deploy=True)
def check_shared_limiter_store(app_configs, **kwargs):
    """`check --deploy` (and `make prod-check`): the limiter must count in a shared store."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.LOGIN_LIMIT_STORE == "cache" and backend in PER_PROCESS_CACHES:
        return [Warning(
            "LOGIN_LIMIT_STORE=cache with a per-process cache: each web process counts failed sign-ins "
            "on its own, so the limit does not hold.",
            hint="Set REDIS_URL for a shared cache, or LOGIN_LIMIT_STORE=database (the default).",
            id="factcheck.W101")]
    return []
