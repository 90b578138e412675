"""Middleware: a plain page when the database is away; messages for htmx requests."""

import logging

from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
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
