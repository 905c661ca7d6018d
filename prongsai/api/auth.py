from ninja.security import HttpBearer

from prongsai.agencies import access

from .services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ps_…` with a personal token created in the back office."""

    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()


class AgencyMemberAuth(TokenAuth):
    """A personal token whose user has a role in the agency named by the path's {slug}; 404 otherwise.

    ninja validates the request body before the view runs, so without this a member of another agency
    sending an invalid body would get 422 instead of 404 and learn that the route exists for this agency.
    The view still checks the capability (403)."""

    def authenticate(self, request, token):
        user = super().authenticate(request, token)
        if user is not None:
            access.staff_agency(user, request.resolver_match.kwargs.get("slug", ""))
        return user


agency_member_auth = AgencyMemberAuth()
