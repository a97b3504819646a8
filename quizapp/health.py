"""/healthz: is this app server up, and can it reach its database?"""

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with {"database": "ok"} when a trivial query succeeds, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse({"database": "unreachable", "error": type(exc).__name__}, status=503)
    return JsonResponse({"database": "ok"})
