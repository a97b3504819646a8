"""Refuse any request that carries a NUL character, before a view or the database sees it.

PostgreSQL cannot store or even compare a NUL in text (psycopg raises DataError, a 500),
while SQLite takes it silently. No honest form, link or cookie of this app holds one, so a
NUL anywhere in the path, query, form fields, upload names, cookies or headers is refused
once, here, with a 400 page, instead of in every view that passes input to a query.
Uploaded files' contents are checked where they are read (quizapp/text_files.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

NUL = "\x00"


def contains_nul(text: str) -> bool:
    return NUL in text


def _texts(request: HttpRequest) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of the request a view might pass on."""
    yield "address", request.path
    for key, values in request.GET.lists():
        yield "query", key
        yield from (("query", value) for value in values)
    for key, value in request.COOKIES.items():
        yield "cookie", key
        yield "cookie", value
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str):
            yield "header", value
    if request.method != "POST":
        return
    try:
        form, files = request.POST, request.FILES
    except MultiPartParserError:
        return  # a broken upload is the view's to refuse, as without this middleware
    for key, values in form.lists():
        yield "form", key
        yield from (("form", value) for value in values)
    for key, uploads in files.lists():
        yield "form", key
        yield from (("file name", upload.name or "") for upload in uploads)


def nul_found_in(request: HttpRequest) -> str | None:
    """Which part of the request holds a NUL, or None."""
    return next((where for where, text in _texts(request) if contains_nul(text)), None)


class RefuseNulMiddleware:
    """Answers 400 to a request with a NUL anywhere a view could read it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = nul_found_in(request)
        if where is None:
            return self.get_response(request)
        # Served as from nobody: the NUL could be in the session cookie, and looking that
        # session up (for the request log's user id, or a page's menu) is what fails.
        request.user = AnonymousUser()
        reason = f"The request's {where} contains a NUL character (%00), which no page accepts."
        return render(request, "400.html", {"reason": reason}, status=400)
