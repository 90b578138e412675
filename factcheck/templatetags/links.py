"""`{{ url|web_url }}`: an address becomes a link only if it is http(s), whatever is stored."""

from django import template

from factcheck.text import guards

register = template.Library()


@register.filter
def web_url(value) -> str:
    return guards.web_url(str(value or ""))
