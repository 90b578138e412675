"""Middleware of the workbench: the database away, private pages, messages for htmx requests."""

import logging

from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

log = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """When the database is away (restarting, failing over), say so plainly instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            log.error("database unavailable: %s", exception)
            response = render(request, "503.html", status=503)
            response["Retry-After"] = "30"
            return response
        return None


class PrivatePagesMiddleware:
    """Pages for signed-in people are theirs alone: no browser or proxy keeps a copy (a shared
    computer's back button, a caching proxy). A page that says how it may be cached keeps that
    (the public /checks/ pages are cacheable); the session is not touched for those."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class HtmxMessagesMiddleware:
    """An htmx request swaps part of a page, so the page's messages region would never show
    what the request said ("Saved.", "Sent back to rita."): the messages go along as an
    out-of-band swap. Redirects keep them for the page they lead to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or response.streaming or 300 <= response.status_code < 400:
            return response
        if any(h in response for h in ("HX-Redirect", "HX-Location", "HX-Refresh")):
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        pending = list(messages.get_messages(request))  # reading them marks them shown
        if pending:
            response.content += render_to_string("_messages.html", {"messages": pending, "oob": True}, request).encode()
        return response
