"""What every page's frame needs: the menu of the signed-in person's role."""

from factcheck.access import menu_for, role_of


def navigation(request) -> dict:
    match = getattr(request, "resolver_match", None)
    return {
        "menu": menu_for(request.user, match.url_name if match else None, request.GET.urlencode()),
        "user_role": role_of(request.user),
    }
