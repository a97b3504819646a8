"""Teachers upload a Quizlet list, a CSV term list or a Moodle GIFT file into the bank."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from quizapp.accounts.roles import teacher_required
from quizapp.exchange.import_forms import ImportForm
from quizapp.exchange.list_import import import_gift, import_term_list, read_upload
from quizapp.exchange.problems import ImportProblems

TEMPLATE = "exchange/import_list.html"


@require_http_methods(["GET", "POST"])
@teacher_required
def import_file(request: HttpRequest) -> HttpResponse:
    """The upload form; a good file lands in the bank, a bad one is listed line by line."""
    if request.method == "GET":
        return render(request, TEMPLATE, {"form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    try:
        result = _import(form, request)
    except ImportProblems as refused:
        form.add_error(
            "file", f"The file was not imported: {_count(refused.problems)}, listed above."
        )
        context = {"form": form, "problems": refused.problems}
        return render(request, TEMPLATE, context, status=400)
    messages.success(
        request, f"Imported {result.imported} item{'s' if result.imported != 1 else ''}."
    )
    query = urlencode({"source": result.source.slug})
    return redirect(f"{reverse('bank:list')}?{query}")


def _import(form: ImportForm, request: HttpRequest):
    fmt, upload = form.cleaned_data["format"], form.cleaned_data["file"]
    text = read_upload(upload.read(), fmt)
    options = {"title": form.set_title(), "user": request.user, "filename": upload.name}
    if fmt == "gift":
        return import_gift(text, **options)
    return import_term_list(text, header=fmt == "csv", **options)


def _count(problems: list[str]) -> str:
    return "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
