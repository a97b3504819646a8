"""Read an article a teacher brings (plain text, Markdown or a saved web page) into passages.

Passages are paragraphs, because a passage is what an item cites and a reader links to:
a fragment of a few words cites nothing useful, so short paragraphs are merged into the
next, and a wall of text is split at sentence boundaries so a cited span stays findable.
Nothing here touches the network or the database.
"""

from __future__ import annotations

import re
import unicodedata

from quizapp.generation.sentences import sentence_spans
from quizapp.library.folding import fold
from quizapp.text_files import NotUtf8Text, decode_text

# Limits the app can serve within the server's 30 s timeout (issue 19), measured on the
# development machine: a file of MAX_BYTES is read in under a second whatever it holds; an
# article of MAX_TEXT characters is uploaded and proposed in about 2 s (the slowest text
# made to be slow, about 1 s more), its review page served in 0.1 s and its import
# confirmed in about 1 s into the full library. A saved web page is mostly markup, hence
# the larger limit on the file than on its text.
MAX_BYTES = 1024 * 1024
MAX_TEXT = 150_000  # characters of article text, once markup is removed
# Extracting a page's text takes time in proportion to its elements (about 70 µs each, so a
# megabyte of "<p>a" took 16 s, the limit under 1 s): a saved news article has a few thousand.
MAX_HTML_ELEMENTS = 10_000
ELEMENT_RE = re.compile(r"<[A-Za-z]")
SHORT_PASSAGE = 200  # characters; shorter paragraphs are merged into a neighbour
LONG_PASSAGE = 1200  # characters; longer paragraphs are split at sentence boundaries
HEADING_WORDS = 12

CITATION_MARK_RE = re.compile(r"\s?\[\d{1,3}\]")
FOOTNOTE_RE = re.compile(r"^\[\d{1,3}\]\s")
CAPTION_RE = re.compile(r"^(?:Graphic|Photo|Image|Picture|Credit|Illustration)s?:\s", re.I)
# Every rule runs in linear time on any input (issue 19): a run of text between two markers
# never contains the opening marker itself, so a failed match stops at the next marker
# instead of scanning to the end of the line from each one ("*x *x *x ..." was quadratic).
MARKDOWN_RULES = [
    (re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)"), ""),  # images
    (re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)"), r"\1"),  # links keep their text
    (re.compile(r"`([^`\n]*)`"), r"\1"),
    (re.compile(r"\*\*([^*\n]+)\*\*"), r"\1"),
    (re.compile(r"__([^_\n]+)__"), r"\1"),
    (re.compile(r"(?<!\w)\*(?=\S)([^*\n]*?\S)?\*(?!\w)"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]*?\S)?_(?!\w)"), r"\1"),
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]{0,3}(?:[-*+]|\d+\.)[ \t]+", re.M), ""),  # list markers
]
MARKDOWN_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}\s")
FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


class ArticleError(ValueError):
    """The file cannot be read as an article; the message says why, for the teacher."""


def decode(data: bytes) -> str:
    """The bytes of an uploaded file as text: UTF-8 only, within the size limit."""
    if len(data) > MAX_BYTES:
        raise ArticleError(
            f"The file is too large ({len(data):,} bytes); the limit is {MAX_BYTES:,} bytes."
        )
    try:
        return decode_text(data)
    except NotUtf8Text as refused:
        raise ArticleError(f"The file cannot be read: {refused}.") from None


def read_article(data: bytes, filename: str = "", title: str = "") -> list[str]:
    """The passages of an uploaded file; raises ArticleError with a reason if there are none."""
    text = decode(data)
    if not text.strip():
        raise ArticleError("The file is empty.")
    return article_passages(text, guess_format(filename, text), title=title)


def guess_format(filename: str, text: str) -> str:
    """ "html", "markdown" or "text", from the file's extension or else its content."""
    name = filename.lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    if name.endswith(".txt"):
        return "text"
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if re.search(r"^#{1,6}\s", text, re.M):
        return "markdown"
    return "text"


def html_to_text(html: str) -> str:
    """The main text of a saved web page, without menus, comments or footers."""
    elements = len(ELEMENT_RE.findall(html))
    if elements > MAX_HTML_ELEMENTS:
        raise ArticleError(
            f"The page has too many HTML elements ({elements:,}; the limit is "
            f"{MAX_HTML_ELEMENTS:,}). Save only the article, or its text, and try again."
        )
    # Imported here: trafilatura pulls in lxml and friends, which only this path needs.
    import trafilatura

    extracted = trafilatura.extract(
        html, include_comments=False, include_tables=False, include_links=False, fast=True
    )
    # trafilatura puts one paragraph a line: make that a blank-line separated text.
    return "\n\n".join(line for line in (extracted or "").splitlines() if line.strip())


def markdown_to_text(markdown: str) -> str:
    """Markdown without its markup; headings stay as lines of their own so they are dropped."""
    lines = []
    for line in _without_fences(markdown.splitlines()):
        if MARKDOWN_HEADING_RE.match(line):
            lines.extend(["", "#" + line.lstrip(" #"), ""])
        else:
            lines.append(line)
    text = "\n".join(lines)
    for pattern, replacement in MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    return text


def _without_fences(lines: list[str]) -> list[str]:
    """The lines outside fenced code blocks, in one pass: a regex spanning lines from each
    unclosed fence to the end of the file was quadratic. An unclosed fence keeps its lines,
    as CommonMark would not (it runs to the end), because losing the article's rest to a
    stray fence is worse than keeping a little code."""
    kept: list[str] = []
    fence, held = "", []
    for line in lines:
        match = FENCE_RE.match(line)
        if not fence and match:
            fence, held = match.group(1), [line]
        elif fence:
            held.append(line)
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence, held = "", []
        else:
            kept.append(line)
    return kept + held


def article_passages(text: str, fmt: str = "text", title: str = "") -> list[str]:
    """The article's passages, in order; raises ArticleError when there is no text."""
    if fmt == "html":
        text = html_to_text(text)
        if not text.strip():
            raise ArticleError("No article text could be extracted from this HTML page.")
    elif fmt == "markdown":
        text = markdown_to_text(text)
    if len(text) > MAX_TEXT:
        raise ArticleError(
            f"The article is too long ({len(text):,} characters of text); the limit is "
            f"{MAX_TEXT:,}. Import it in parts."
        )
    passages = split_passages(text, title=title)
    if not passages:
        raise ArticleError("The article has no text to import.")
    return passages


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks (Markdown style), or one paragraph a line if the text
    has no blank lines at all (as many saved articles have)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not re.search(r"\n[ \t]*\n", text):
        return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    found = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines: list[str] = []
        for line in block.split("\n"):
            line = " ".join(line.split())
            # A title-case line inside a block is a heading or caption, not a wrapped line.
            if line and (_title_like(line) or CAPTION_RE.match(line)):
                found.extend([" ".join(lines), line])
                lines = []
            elif line:
                lines.append(line)
        found.append(" ".join(lines))
    return [p for p in found if p]


def _title_like(line: str) -> bool:
    words = [w for w in line.split() if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in words)
    return is_heading(line) and bool(words) and capitalised >= 0.6 * len(words)


def is_heading(paragraph: str) -> bool:
    if paragraph.startswith("#"):
        return True
    return len(paragraph.split()) <= HEADING_WORDS and paragraph[-1] not in '.!?:;"”’)…'


def split_passages(text: str, title: str = "") -> list[str]:
    """Paragraphs as passages: headings, the repeated title and the footnote list left out,
    citation marks such as [3] removed, short paragraphs merged, long ones split."""
    kept: list[str] = []
    for paragraph in paragraphs(text):
        if FOOTNOTE_RE.match(paragraph):
            break  # the reference list: the article's body has ended
        repeats_title = bool(title) and fold(paragraph) == fold(title.strip())
        if is_heading(paragraph) or CAPTION_RE.match(paragraph) or repeats_title:
            continue
        paragraph = CITATION_MARK_RE.sub("", paragraph).strip()
        if paragraph:
            kept.append(paragraph)
    return [piece for paragraph in _merge_short(kept) for piece in _split_long(paragraph)]


def _merge_short(paragraphs: list[str]) -> list[str]:
    merged: list[str] = []
    pending = ""
    for paragraph in paragraphs:
        paragraph = f"{pending} {paragraph}".strip()
        if len(paragraph) < SHORT_PASSAGE:
            pending = paragraph
            continue
        merged.append(paragraph)
        pending = ""
    if pending:
        if merged:
            merged[-1] = f"{merged[-1]} {pending}"
        else:
            merged.append(pending)
    return merged


def _split_long(paragraph: str) -> list[str]:
    if len(paragraph) <= LONG_PASSAGE:
        return [paragraph]
    pieces: list[str] = []
    current = ""
    for start, end in sentence_spans(paragraph):
        for sentence in _cut_at_words(paragraph[start:end]):
            if current and len(current) + 1 + len(sentence) > LONG_PASSAGE:
                pieces.append(current)
                current = sentence
            else:
                current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def _cut_at_words(sentence: str) -> list[str]:
    """A "sentence" longer than a passage (a text without stops, or made to be slow) cut
    at spaces: every passage stays short, so the work on each one stays bounded."""
    pieces = []
    while len(sentence) > LONG_PASSAGE:
        cut = sentence.rfind(" ", LONG_PASSAGE // 2, LONG_PASSAGE)
        cut = cut if cut > 0 else LONG_PASSAGE
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [*pieces, sentence] if sentence else pieces
