"""The API's one pagination: ``?limit=`` (1-200, 50 by default) and ``?offset=`` (0 to a billion).

ninja's own leaves the offset unbounded: a number past 64 bits reached the database and came back as a
server error. Out-of-range values are answered 422 in the API's error shape, like any invalid input."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
