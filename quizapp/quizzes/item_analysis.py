"""Item analysis of a quiz's graded attempts, computed as Moodle's quiz statistics report does.

Pure Python: the caller turns its attempts into `GradedResponse` rows and calls `analyse()`.
The caller also chooses *which* attempts to analyse (Moodle offers first, last, highest or all
attempts per student); every attempt it passes counts once.

The definitions follow Moodle's code, which this module was checked against:

- per question, `question/classes/statistics/questions/calculator.php` (moodle/moodle):
  facility = mean mark / max mark; SD = sample SD (n - 1) of the mark; discrimination index =
  100 × cov(mark, rest of the attempt) / sqrt(var(mark) × var(rest)), where "rest" is the
  attempt's total minus this question's mark (the corrected item-total correlation);
  discriminative efficiency = 100 × cov / covmax, where covmax pairs the sorted marks with
  the sorted rest scores (the largest covariance those two distributions allow);
- per quiz, `mod/quiz/report/statistics/classes/calculator.php`: the sample SD (n - 1) of the
  totals; the coefficient of internal consistency (Cronbach's alpha × 100) =
  100 × p/(p - 1) × (1 - Σ item variances / variance of totals), computed only with more than
  two attempts; error ratio = 100 × sqrt(1 - alpha); standard error = error ratio × SD;
- presentation, `mod/quiz/report/statistics/statistics_table.php` and `classes/calculated.php`:
  facility and the item SD as a percentage of the question's max mark; mean, median, SD and
  standard error as a percentage of the quiz's maximum total.

Every percentage here is on Moodle's 0-100 scale and left unrounded for the caller to format.
A statistic that cannot be computed is None, never 0, and comes with a reason.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

# Moodle's documentation calls a discrimination index below 0.2 (20%) weak.
WEAK_DISCRIMINATION = 20.0

# Moodle needs s > 2 before it computes the coefficient of internal consistency.
MIN_ATTEMPTS_FOR_ALPHA = 3

# Marks are floats (partial credit, Decimal marks from the database); sums of equal values can
# differ in the last bit, so "every value is the same" is decided with this tolerance.
_SAME = 1e-9


class ItemAnalysisError(ValueError):
    """The attempts passed to `analyse()` are malformed; nothing was computed."""


@dataclass(frozen=True, slots=True)
class GradedResponse:
    """One question of one graded attempt.

    `mark` is what the attempt earned, between 0 and `max_mark` (partial credit allowed); an
    unanswered question is passed with mark 0 and `chosen` None. `chosen` is the text of the
    option picked in a choice question, None otherwise.
    """

    question: int
    mark: float
    max_mark: float
    chosen: str | None = None


class Flag(StrEnum):
    """Why a question deserves a look; see `QuestionStatistics.reason` for the sentence."""

    TOO_FEW_ATTEMPTS = "too_few_attempts"
    NO_ITEM_VARIANCE = "no_item_variance"
    NO_REST_VARIANCE = "no_rest_variance"
    WEAK_DISCRIMINATION = "weak_discrimination"


@dataclass(frozen=True, slots=True)
class OptionCount:
    """A chosen option and how many attempts chose it."""

    text: str
    count: int


@dataclass(frozen=True, slots=True)
class QuestionStatistics:
    """Moodle's per-question figures, percentages on a 0-100 scale.

    `attempts` is Moodle's "Attempts" column: the attempts that included the question,
    unanswered ones (mark 0) included.
    """

    question: int
    max_mark: float
    attempts: int
    facility_index: float
    standard_deviation: float | None
    discrimination_index: float | None
    discriminative_efficiency: float | None
    most_chosen_wrong: OptionCount | None
    flag: Flag | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class QuizStatistics:
    """Moodle's whole-quiz figures and the per-question figures, keyed by question id.

    `mean`, `median`, `standard_deviation` and `standard_error` are percentages of
    `max_total` (the sum of every question's max mark); `internal_consistency` and
    `error_ratio` are percentages as Moodle shows them.
    """

    attempts: int
    max_total: float
    mean: float | None
    median: float | None
    standard_deviation: float | None
    internal_consistency: float | None
    internal_consistency_reason: str | None
    error_ratio: float | None
    standard_error: float | None
    questions: Mapping[int, QuestionStatistics]

    @property
    def cronbach_alpha(self) -> float | None:
        """Cronbach's alpha on its usual 0-1 scale (Moodle shows it × 100)."""
        if self.internal_consistency is None:
            return None
        return self.internal_consistency / 100


def analyse(
    attempts: Sequence[Sequence[GradedResponse]],
    *,
    correct_options: Mapping[int, AbstractSet[str]] | None = None,
) -> QuizStatistics:
    """Compute Moodle's quiz and item statistics for the given graded attempts.

    `correct_options` maps a question id to the text of its right option(s); a chosen option
    of such a question counts as wrong when it is not among them. For a question not in the
    mapping, a chosen option counts as wrong when it earned less than the full mark.
    Raises `ItemAnalysisError` on malformed input.
    """
    max_marks = _validate(attempts)
    correct_options = correct_options or {}
    totals = [math.fsum(float(r.mark) for r in attempt) for attempt in attempts]
    max_total = math.fsum(max_marks.values())

    marks: dict[int, list[float]] = {q: [] for q in max_marks}
    rests: dict[int, list[float]] = {q: [] for q in max_marks}
    wrong: dict[int, Counter[str]] = {q: Counter() for q in max_marks}
    for attempt, total in zip(attempts, totals, strict=True):
        for response in attempt:
            mark = float(response.mark)
            marks[response.question].append(mark)
            rests[response.question].append(total - mark)
            if _is_wrong_choice(response, correct_options.get(response.question)):
                wrong[response.question][response.chosen] += 1

    questions = {
        q: _question_statistics(q, max_marks[q], marks[q], rests[q], wrong[q]) for q in max_marks
    }
    return _quiz_statistics(totals, max_total, marks, questions)


def _validate(attempts: Sequence[Sequence[GradedResponse]]) -> dict[int, float]:
    """Check every response; return each question's max mark, in order of first appearance."""
    max_marks: dict[int, float] = {}
    for number, attempt in enumerate(attempts, start=1):
        seen: set[int] = set()
        for response in attempt:
            where = f"attempt {number}"
            if not isinstance(response, GradedResponse):
                raise ItemAnalysisError(f"{where}: expected GradedResponse, got {response!r}")
            question = response.question
            if not isinstance(question, int) or isinstance(question, bool):
                raise ItemAnalysisError(f"{where}: question id {question!r} is not an integer")
            where = f"attempt {number}, question {question}"
            if question in seen:
                raise ItemAnalysisError(f"{where}: the question appears twice in one attempt")
            seen.add(question)
            mark = _number(response.mark, f"{where}: mark")
            max_mark = _number(response.max_mark, f"{where}: max mark")
            if max_mark <= 0:
                raise ItemAnalysisError(f"{where}: max mark must be positive, got {max_mark}")
            if not 0 <= mark <= max_mark:
                raise ItemAnalysisError(f"{where}: mark {mark} is outside 0 to {max_mark}")
            if response.chosen is not None and not isinstance(response.chosen, str):
                raise ItemAnalysisError(f"{where}: chosen option must be text or None")
            known = max_marks.setdefault(question, max_mark)
            if known != max_mark:
                raise ItemAnalysisError(
                    f"{where}: max mark {max_mark} differs from {known} in an earlier attempt"
                )
    return max_marks


def _number(value: object, what: str) -> float:
    """Return `value` as a finite float, or raise; bools and strings are not marks."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ItemAnalysisError(f"{what} {value!r} is not a number")
    number = float(value)
    if not math.isfinite(number):
        raise ItemAnalysisError(f"{what} {value!r} is not a finite number")
    return number


def _is_wrong_choice(response: GradedResponse, correct: AbstractSet[str] | None) -> bool:
    if response.chosen is None:
        return False
    if correct is not None:
        return response.chosen not in correct
    return float(response.mark) < float(response.max_mark)


def _question_statistics(
    question: int,
    max_mark: float,
    marks: list[float],
    rests: list[float],
    wrong: Counter[str],
) -> QuestionStatistics:
    n = len(marks)
    mean = math.fsum(marks) / n
    sd = None
    discrimination = efficiency = None
    flag, reason = None, None
    if n < 2:
        flag = Flag.TOO_FEW_ATTEMPTS
        reason = "Only one attempt included this question: no spread to measure yet."
    else:
        sd = 100 * math.sqrt(_sample_variance(marks)) / max_mark
        if _all_same(marks):
            flag = Flag.NO_ITEM_VARIANCE
            reason = (
                f"Every attempt scored {100 * mean / max_mark:.0f}% on this question, so it "
                "cannot tell stronger students from weaker ones."
            )
        elif _all_same(rests):
            flag = Flag.NO_REST_VARIANCE
            reason = (
                "Every attempt scored the same on the rest of the quiz, so there is nothing "
                "to correlate this question with."
            )
        else:
            discrimination, efficiency = _discrimination(marks, rests)
            if discrimination < WEAK_DISCRIMINATION:
                flag = Flag.WEAK_DISCRIMINATION
                reason = _weak_reason(discrimination)
    return QuestionStatistics(
        question=question,
        max_mark=max_mark,
        attempts=n,
        facility_index=100 * mean / max_mark,
        standard_deviation=sd,
        discrimination_index=discrimination,
        discriminative_efficiency=efficiency,
        most_chosen_wrong=_most_chosen(wrong),
        flag=flag,
        reason=reason,
    )


def _discrimination(marks: list[float], rests: list[float]) -> tuple[float, float]:
    """Moodle's discrimination index and discriminative efficiency, both × 100.

    The (n - 1) divisors Moodle applies to each variance and covariance cancel in both ratios.
    """
    mark_mean = math.fsum(marks) / len(marks)
    rest_mean = math.fsum(rests) / len(rests)
    covariance = math.fsum(
        (m - mark_mean) * (r - rest_mean) for m, r in zip(marks, rests, strict=True)
    )
    # The same deviations paired in sorted order: the largest covariance the two score
    # distributions allow, as Moodle's covariancemax.
    covariance_max = math.fsum(
        (m - mark_mean) * (r - rest_mean) for m, r in zip(sorted(marks), sorted(rests), strict=True)
    )
    mark_ss = math.fsum((m - mark_mean) ** 2 for m in marks)
    rest_ss = math.fsum((r - rest_mean) ** 2 for r in rests)
    index = 100 * covariance / math.sqrt(mark_ss * rest_ss)
    return index, 100 * covariance / covariance_max


def _weak_reason(discrimination: float) -> str:
    if discrimination < 0:
        return (
            f"Discrimination index {discrimination:.1f}% is negative: students who did better "
            "on the rest of the quiz did worse on this question. Check the key and wording."
        )
    return (
        f"Discrimination index {discrimination:.1f}% is below {WEAK_DISCRIMINATION:.0f}%: this "
        "question separates stronger from weaker students only weakly."
    )


def _most_chosen(wrong: Counter[str]) -> OptionCount | None:
    if not wrong:
        return None
    text, count = min(wrong.items(), key=lambda item: (-item[1], item[0]))
    return OptionCount(text=text, count=count)


def _quiz_statistics(
    totals: list[float],
    max_total: float,
    marks: Mapping[int, list[float]],
    questions: Mapping[int, QuestionStatistics],
) -> QuizStatistics:
    n = len(totals)
    if n == 0:
        return QuizStatistics(
            attempts=0,
            max_total=max_total,
            mean=None,
            median=None,
            standard_deviation=None,
            internal_consistency=None,
            internal_consistency_reason="No attempts to analyse.",
            error_ratio=None,
            standard_error=None,
            questions=questions,
        )
    sd = math.sqrt(_sample_variance(totals)) if n > 1 else None
    alpha, alpha_reason = _internal_consistency(totals, marks)
    error_ratio = standard_error = None
    if alpha is not None and sd is not None:
        error_ratio = 100 * math.sqrt(1 - alpha / 100)
        standard_error = error_ratio * sd / 100
    return QuizStatistics(
        attempts=n,
        max_total=max_total,
        mean=100 * (math.fsum(totals) / n) / max_total,
        median=100 * statistics.median(totals) / max_total,
        standard_deviation=None if sd is None else 100 * sd / max_total,
        internal_consistency=alpha,
        internal_consistency_reason=alpha_reason,
        error_ratio=error_ratio,
        standard_error=None if standard_error is None else 100 * standard_error / max_total,
        questions=questions,
    )


def _internal_consistency(
    totals: list[float], marks: Mapping[int, list[float]]
) -> tuple[float | None, str | None]:
    """Moodle's coefficient of internal consistency (Cronbach's alpha × 100), or a reason."""
    p = len(marks)
    if len(totals) < MIN_ATTEMPTS_FOR_ALPHA:
        return None, f"Needs at least {MIN_ATTEMPTS_FOR_ALPHA} attempts."
    if p < 2:
        return None, "Needs at least two questions."
    if _all_same(totals):
        return None, "Every attempt has the same total, so there is no variance to explain."
    # Moodle adds a question seen in a single attempt to the sum as variance 0, which inflates
    # alpha; we decline instead.
    sparse = [q for q, values in marks.items() if len(values) < 2]
    if sparse:
        return None, f"Question {sparse[0]} appears in fewer than two attempts."
    item_variance = math.fsum(_sample_variance(values) for values in marks.values())
    return 100 * p / (p - 1) * (1 - item_variance / _sample_variance(totals)), None


def _sample_variance(values: Sequence[float]) -> float:
    """Variance with the n - 1 divisor, as Moodle uses for items and totals."""
    mean = math.fsum(values) / len(values)
    return math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)


def _all_same(values: Sequence[float]) -> bool:
    return max(values) - min(values) <= _SAME * max(1.0, max(abs(v) for v in values))
