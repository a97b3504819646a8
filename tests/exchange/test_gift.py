"""Moodle GIFT: every supported construct, every refusal, saving, writing and round trips."""

from __future__ import annotations

import pytest

from quizapp.bank.models import Item
from quizapp.exchange.gift import parse_gift, write_gift
from quizapp.exchange.list_import import import_gift
from quizapp.exchange.problems import ImportProblems
from quizapp.library.models import Passage, Source

EVERY_KIND = r"""// A comment line is ignored.
$CATEGORY: $course$/History

::Q1:: Who wrote the \{draft\}? {
  =Alpha#Yes, Alpha.
  ~Beta#No.
  ~Gamma
  ####The committee chose Alpha\: a drafter.
}

::TF:: The sky is blue. {T}

The sky is green. {FALSE#Look again.#Right.}

What are two names for water? {=H2O =water}

::M:: Match the capitals. {
 =France -> Paris
 =Italy -> Rome
 =Spain -> Madrid
}

Moodle costs {~lots of money =nothing ~a small amount} to download.

The capital of France is {=Paris =Paree}.

{=Alpha} drafted it.

Is 1 \= 1 \~ 2 \# 3? {TRUE}
"""


def parsed(text: str) -> list:
    return parse_gift(text)


def problems_of(text: str) -> list[str]:
    with pytest.raises(ImportProblems) as refused:
        parse_gift(text)
    return refused.value.problems


def test_multiple_choice_with_title_feedback_escapes_and_category():
    question = parsed(EVERY_KIND)[0]
    assert question.kind == "mcq" and question.title == "Q1" and question.line == 4
    assert question.prompt == "Who wrote the {draft}?"
    assert (question.answer, question.options) == ("Alpha", ["Alpha", "Beta", "Gamma"])
    assert question.distractors == ["Beta", "Gamma"]
    assert question.feedback == {"Alpha": "Yes, Alpha.", "Beta": "No."}
    assert question.explanation == "The committee chose Alpha: a drafter."
    assert question.category == "$course$/History"


def test_true_false_in_every_spelling():
    questions = parsed(EVERY_KIND)
    true, false, escaped = questions[1], questions[2], questions[-1]
    assert (true.kind, true.prompt, true.answer) == ("true_false", "The sky is blue.", "True")
    assert true.options == ["True", "False"]
    assert (false.answer, false.feedback) == ("False", {"True": "Look again.", "False": "Right."})
    assert escaped.prompt == "Is 1 = 1 ~ 2 # 3?" and escaped.answer == "True"
    assert [q.answer for q in parsed("A {F}\n\nB {t}\n")] == ["False", "True"]


def test_short_answer_accepts_every_right_answer():
    question = parsed(EVERY_KIND)[3]
    assert (question.kind, question.answer, question.accepted) == (
        "short_answer",
        "H2O",
        ["H2O", "water"],
    )


def test_matching_pairs():
    question = parsed(EVERY_KIND)[4]
    assert question.kind == "matching" and question.prompt == "Match the capitals."
    assert question.pairs == [["France", "Paris"], ["Italy", "Rome"], ["Spain", "Madrid"]]


def test_missing_word_becomes_a_blank_keeping_the_spacing():
    choice, typed, first = parsed(EVERY_KIND)[5:8]
    assert choice.kind == "mcq"
    assert choice.prompt == "Fill in the blank: Moodle costs _____ to download."
    assert choice.answer == "nothing" and choice.distractors == ["lots of money", "a small amount"]
    assert (
        typed.kind == "cloze"
        and typed.prompt == "Fill in the blank: The capital of France is _____."
    )
    assert typed.accepted == ["Paris", "Paree"]
    assert first.prompt == "Fill in the blank: _____ drafted it."


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Price? {#5:1}", "line 1: numeric questions are not supported"),
        ("Write. {}", "line 1: essay questions (empty braces) are not supported"),
        ("Pick {1:MC:=a~b}", "line 1: embedded answers such as {1:MC:...} are not supported"),
        ("Open {=a ~b", "line 1: unclosed brace: “{” has no matching “}”"),
        ("Pick {~a ~b}", "line 1: no right answer (mark it with =)"),
        ("Just words", "line 1: no answers in { }; descriptions are not supported"),
        ("Pick {=a =b ~c}", "line 1: more than one right answer among choices is not supported"),
        ("Pick {=a ~a}", "line 1: the same choice appears twice"),
        ("Pick {=a {=b}}", "line 1: “{” inside the answers; write \\{ for a literal brace"),
        ("Stray } here {=a}", "line 1: “}” without an opening “{”; write \\} for a literal brace"),
        ("Two {=a} and {=b}", "line 1: more than one set of answers in one question"),
        ("{=a}", "line 1: no question text before the answers"),
        ("Pick {a ~b}", "line 1: answers must start with = (right) or ~ (wrong)"),
        ("Pick {=%50%a ~b}", "line 1: partial credit (%…%) is not supported"),
        ("The sky {T} is blue", "line 1: a true/false answer cannot stand inside the sentence"),
        ("Match {=a -> b}", "line 1: a matching question needs at least two pairs"),
    ],
)
def test_each_kind_of_bad_question_is_named(text, problem):
    assert problems_of(text) == [problem]


def test_problems_give_the_line_inside_a_long_question_and_go_on_to_the_next():
    text = "// header\n\nMatch these {\n  =a -> 1\n  =b\n  =c -> 3\n}\n\nGood {=x}\n\nBad {~y}\n"
    assert problems_of(text) == [
        "line 5: matching pair without -> (“b”)",
        "line 11: no right answer (mark it with =)",
    ]


def test_a_category_line_applies_to_the_questions_after_it():
    questions = parse_gift("A? {=a}\n$CATEGORY: One\nB? {=b}\n\n$CATEGORY: Two\n\nC? {=c}\n")
    assert [(q.prompt, q.category, q.line) for q in questions] == [
        ("A?", "", 1),
        ("B?", "One", 3),
        ("C?", "Two", 7),
    ]


def test_an_empty_file_or_comments_only_has_no_questions():
    assert problems_of("// nothing\n\n") == ["line 1: the file has no questions"]


def test_a_file_with_too_many_questions_is_refused_at_the_first_one_over(monkeypatch):
    monkeypatch.setattr("quizapp.exchange.gift.MAX_QUESTIONS", 2)
    assert problems_of("A? {=a}\n\nB? {=b}\n\n// C next\nC? {=c}\n") == [
        "line 6: more than 2 questions"
    ]


def test_write_every_kind_with_escapes_and_general_feedback():
    items = [
        Item(
            key="m:1",
            kind="mcq",
            prompt="Who {wrote} it?",
            answer="A=1",
            options=["B", "A=1"],
            explanation="Because: A.",
        ),
        Item(
            key="t",
            kind="true_false",
            prompt="True or false? Sky is blue.",
            answer="True",
            options=["True", "False"],
        ),
        Item(key="q", kind="qa", prompt="Year?", answer="2022", accepted=["2022", "twenty22"]),
        Item(
            key="w", kind="who_said", prompt="Who said it? X.", answer="Ann", options=["Bob", "Ann"]
        ),
        Item(key="c", kind="cloze", prompt="Fill in the blank: The _____ met.", answer="UN"),
        Item(
            key="g",
            kind="matching",
            prompt="Match.",
            answer="",
            extra={"pairs": [["a#", "1"], ["b", "2~"]]},
        ),
        Item(key="o", kind="ordering", prompt="Order.", answer="x", options=["x", "y"]),
    ]
    text, skipped = write_gift(items)
    assert skipped == 1
    assert text.split("\n\n") == [
        r"::m\:1:: Who \{wrote\} it? {~B =A\=1 ####Because\: A.}",
        "::t:: True or false? Sky is blue. {T}",
        "::q:: Year? {=2022 =twenty22}",
        "::w:: Who said it? X. {~Bob =Ann}",
        "::c:: The {=UN} met.",
        "::g:: Match. {=a\\# -> 1 =b -> 2\\~}\n",
    ]


def test_written_gift_parses_back_to_the_same_questions():
    items = [
        Item(
            key="m",
            kind="mcq",
            prompt="Fill in the blank: Cost is _____.",
            answer="0",
            options=["0", "9"],
            explanation="Free: {really} #1",
        ),
        Item(key="f", kind="true_false", prompt="Earth\\flat?", answer="False"),
        Item(
            key="g",
            kind="matching",
            prompt="Match.",
            answer="",
            extra={"pairs": [["a", "1"], ["b", "2"]]},
        ),
    ]
    text, _ = write_gift(items)
    mcq, false, matching = parse_gift(text)
    assert (mcq.kind, mcq.prompt, mcq.answer, mcq.options) == (
        "mcq",
        "Fill in the blank: Cost is _____.",
        "0",
        ["0", "9"],
    )
    assert mcq.explanation == "Free: {really} #1" and mcq.title == "m"
    assert (false.prompt, false.answer) == ("Earth\\flat?", "False")
    assert matching.pairs == [["a", "1"], ["b", "2"]]


@pytest.mark.django_db
def test_import_saves_each_kind_with_what_study_and_quizzes_read(teacher):
    result = import_gift(EVERY_KIND, title="History quiz", user=teacher)
    assert result.created == 9
    items = {i.passage.ordinal: i for i in Item.objects.filter(passage__source=result.source)}
    mcq, tf, _, short, matching, choice, cloze, _, _ = (items[n] for n in range(1, 10))
    assert mcq.kind == "mcq" and mcq.extra["distractors"] == ["Beta", "Gamma"]
    assert mcq.options == ["Alpha", "Beta", "Gamma"] and mcq.accepted == ["Alpha"]
    assert mcq.explanation == "The committee chose Alpha: a drafter."
    assert mcq.extra["category"] == "$course$/History" and mcq.extra["title"] == "Q1"
    assert tf.options == ["True", "False"] and tf.extra["claim"] == "The sky is blue."
    assert short.kind == "short_answer" and short.accepted == ["H2O", "water"]
    assert matching.extra["pairs"][0] == ["France", "Paris"]
    assert choice.kind == "mcq" and "_____" in choice.prompt
    assert cloze.kind == "cloze" and cloze.extra["blank"] == "Paris"
    assert cloze.prompt == "Fill in the blank: The capital of France is _____."
    for item in items.values():
        assert item.origin == Item.Origin.IMPORTED and item.status == Item.Status.APPROVED
        assert item.passage.text.startswith(item.prompt)
        if item.kind in ("mcq", "short_answer", "cloze"):
            assert item.span_text == item.answer
    assert matching.span_text == "France — Paris; Italy — Rome; Spain — Madrid"
    assert mcq.passage.text == (
        "Who wrote the {draft}? Answer: Alpha. Wrong choices: Beta; Gamma. "
        "The committee chose Alpha: a drafter."
    )


@pytest.mark.django_db
def test_a_bad_question_saves_nothing(teacher):
    before = (Item.objects.count(), Source.objects.count(), Passage.objects.count())
    with pytest.raises(ImportProblems) as refused:
        import_gift(EVERY_KIND + "\nPrice? {#5}\n", title="History quiz", user=teacher)
    assert refused.value.problems == ["line 31: numeric questions are not supported"]
    assert (Item.objects.count(), Source.objects.count(), Passage.objects.count()) == before


@pytest.mark.django_db
def test_same_question_twice_without_titles_is_refused(teacher):
    with pytest.raises(ImportProblems) as refused:
        import_gift("Year? {=1}\n\nYear? {=2}\n", title="Dup", user=teacher)
    assert refused.value.problems == [
        "line 3: the same question as line 1; give each its own ::title::"
    ]
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_reimporting_the_same_file_updates_instead_of_duplicating(teacher):
    import_gift(EVERY_KIND, title="History quiz", user=teacher)
    keys = set(Item.objects.values_list("key", flat=True))
    again = import_gift(EVERY_KIND.replace("=H2O", "=HHO"), title="History quiz", user=teacher)
    assert (again.created, again.updated, again.retired) == (0, 9, 0)
    assert set(Item.objects.values_list("key", flat=True)) == keys
    assert Item.objects.filter(answer="HHO").count() == 1


@pytest.mark.django_db
def test_exported_bank_imports_back_as_the_same_items(bank, teacher):
    originals = list(Item.objects.exclude(kind="ordering").select_related("passage__source"))
    text, skipped = write_gift(originals)
    assert skipped == 0 and text.count("// Alpha: a test reading, passage 1: /sources/alpha/") > 0
    import_gift(text, title="Round trip", user=teacher)
    copies = {
        item.extra["title"]: item for item in Item.objects.filter(origin=Item.Origin.IMPORTED)
    }
    assert len(copies) == len(originals)
    same_kind = {"mcq", "true_false", "cloze", "matching", "short_answer"}
    for original in originals:
        copy = copies[original.key]
        assert copy.prompt == original.prompt
        assert copy.answer == original.answer
        assert copy.options == original.options
        assert copy.accepted == (original.accepted_answers if copy.kind != "mcq" else [copy.answer])
        assert copy.explanation == original.explanation
        if original.kind in same_kind:
            assert copy.kind == original.kind
        else:  # qa, definition, reverse: GIFT has only short answer
            assert copy.kind == "short_answer"
