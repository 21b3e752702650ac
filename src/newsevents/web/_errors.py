"""Errors of the web API, each with a stable code and an HTTP status.

::

    NewsEventsError
    └── ApiError                  [NE500] the server could not answer (500)
        ├── InvalidParameter      [NE501] a parameter has a wrong value or type (422)
        ├── BadRequest            [NE502] parameters that cannot go together (400)
        ├── BadCursor             [NE503] a paging cursor that is broken or from another query (400)
        ├── NotFound              [NE504] no such article, page or route (404)
        ├── MethodNotAllowed      [NE505] the route does not take this HTTP method (405)
        └── Unavailable           [NE506] a resource the answer needs is not installed (503)

Every error reaches the client as ``{"error": {"code": "NE501", "message": "..."}}``.
"""

from __future__ import annotations

from typing import Any

from newsevents.errors import NewsEventsError


class ApiError(NewsEventsError):
    """An error the API answers with its JSON error shape."""

    code = "NE500"
    status = 500

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.reason)


class InvalidParameter(ApiError):
    code = "NE501"
    status = 422


class BadRequest(ApiError):
    code = "NE502"
    status = 400


class BadCursor(ApiError):
    code = "NE503"
    status = 400


class NotFound(ApiError):
    code = "NE504"
    status = 404


class MethodNotAllowed(ApiError):
    code = "NE505"
    status = 405


class Unavailable(ApiError):
    code = "NE506"
    status = 503


def error_body(code: str, message: str) -> dict[str, Any]:
    """The one JSON shape of every error the API returns."""
    return {"error": {"code": code, "message": message}}


def for_status(status: int) -> type[ApiError]:
    """The error class that answers with an HTTP status."""
    by_status: dict[int, type[ApiError]] = {
        400: BadRequest,
        404: NotFound,
        405: MethodNotAllowed,
        422: InvalidParameter,
    }
    return by_status.get(status, ApiError if status >= 500 else BadRequest)
