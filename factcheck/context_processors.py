"""What every page's frame needs: the menu of the signed-in person's role, and how many of their
verdicts are back with them."""

from functools import cache

from factcheck.access import menu_for, role_of
from factcheck.models import Verdict


def navigation(request) -> dict:
    match = getattr(request, "resolver_match", None)

    @cache
    def returned_to_me() -> int:
        """The count beside My queue: my verdicts an editor sent back or reopened. Computed only
        when a template asks for it."""
        user = request.user
        if not user.is_authenticated:
            return 0
        return Verdict.objects.filter(author=user, state__in=Verdict.RETURNED,
                                      statement__deleted_at__isnull=True).count()

    return {
        "menu": menu_for(request.user, match.url_name if match else None, request.GET.urlencode()),
        "user_role": role_of(request.user),
        "returned_to_me": returned_to_me,
    }
