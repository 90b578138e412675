"""What every page's navigation shows."""

from functools import cache

from factcheck.models import Verdict


def navigation(request):
    """How many of my verdicts an editor sent back or reopened: the count beside My queue.
    Computed only when a template asks (public pages never touch the session for it)."""

    @cache
    def returned_to_me() -> int:
        user = request.user
        if not user.is_authenticated:
            return 0
        return Verdict.objects.filter(author=user, state__in=Verdict.RETURNED,
                                      statement__deleted_at__isnull=True).count()

    return {"returned_to_me": returned_to_me}
