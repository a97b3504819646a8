"""One JSON line per request on the `quizapp.requests` logger, tagged with a request id."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("quizapp.requests")

REQUEST_ID_HEADER = "X-Request-ID"
# An id set by the proxy is kept so its log and ours can be joined; anything odd-looking is
# replaced rather than written into logs and echoed back.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# These paths carry a secret (the password-reset token); the route pattern is logged instead.
SECRET_BEARING_URL_NAMES = {"password_reset_confirm"}


def request_id_for(request: HttpRequest) -> str:
    """The incoming X-Request-ID when it looks sane, else a fresh random one."""
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    return incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex


def _logged_path(request: HttpRequest) -> str:
    match = request.resolver_match
    if match is not None and match.url_name in SECRET_BEARING_URL_NAMES:
        return "/" + match.route
    return request.path


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    """Times the request, logs it as JSON and echoes the request id in the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request.request_id = request_id_for(request)
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response[REQUEST_ID_HEADER] = request.request_id
        logger.info(
            json.dumps(
                {
                    "method": request.method,
                    "path": _logged_path(request),
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": _user_id(request),
                    "request_id": request.request_id,
                }
            )
        )
        return response


class HideSecretPaths(logging.Filter):
    """Django's own request logger writes "Internal Server Error: <path>" (and "Not Found:
    <path>"); for a password-reset link that path is the token, so it is swapped for the
    route here as in our request log."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest) and isinstance(record.args, tuple):
            logged = _logged_path(request)
            record.args = tuple(logged if arg == request.path else arg for arg in record.args)
        return True
