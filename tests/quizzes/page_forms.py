"""Reading a question's answer fields off the attempt page, as a browser sees them."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html


@dataclass(frozen=True)
class Field:
    """One radio group or select of a question: its name, and each option's (value, text)."""

    name: str
    label: str
    options: list[tuple[str, str]]


def question_fields(client, attempt, question) -> list[Field]:
    """The answer fields of ``question`` on the attempt's page, in the page's order."""
    page = client.get(f"{attempt.get_absolute_url()}?q={_number(attempt, question)}")
    section = lxml.html.fromstring(page.content).get_element_by_id(f"question-{question.pk}")
    fields = []
    radios = section.xpath(".//input[@type='radio']")
    if radios:
        texts = [(r.get("value"), r.getparent().text_content().strip()) for r in radios]
        fields.append(Field(radios[0].get("name"), "", texts))
    for select in section.xpath(".//select"):
        label = select.get("aria-label") or _label_of(section, select)
        options = [(o.get("value"), o.text_content().strip()) for o in select.xpath("option")]
        fields.append(Field(select.get("name"), label, [o for o in options if o[0]]))
    return fields


def choice_value(client, attempt, question, text: str) -> str:
    """The value the page gives the option ``text`` of a choice question."""
    (field,) = question_fields(client, attempt, question)
    return next(value for value, shown in field.options if shown == text)


def _number(attempt, question) -> int:
    return attempt.question_order.index(question.pk) + 1


def _label_of(section, select) -> str:
    (label,) = section.xpath(f".//label[@for='{select.get('id')}']")
    return label.text_content().strip()
