"""Item analysis as Moodle's quiz statistics report computes it (pure functions, no database)."""

import math
import statistics
from decimal import Decimal

import pytest

from quizapp.quizzes.item_analysis import (
    Flag,
    GradedResponse,
    ItemAnalysisError,
    OptionCount,
    analyse,
)

R = GradedResponse

# The worked example: five students (A-E), three questions.
#   Q1 multiple choice, max 1, right answer "Paris"
#   Q2 multiple choice, max 1, right answer "Oak"; E left it blank
#   Q3 short answer, max 2, partial credit 1
#
#   student   Q1 (chosen)   Q2 (chosen)   Q3   total
#   A         1 Paris       1 Oak         2    4
#   B         1 Paris       0 Elm         2    3
#   C         1 Paris       0 Elm         1    2
#   D         0 Lyon        1 Oak         1    2
#   E         0 Nice        0 (blank)     0    0
WORKED = [
    [R(1, 1, 1, "Paris"), R(2, 1, 1, "Oak"), R(3, 2, 2)],
    [R(1, 1, 1, "Paris"), R(2, 0, 1, "Elm"), R(3, 2, 2)],
    [R(1, 1, 1, "Paris"), R(2, 0, 1, "Elm"), R(3, 1, 2)],
    [R(1, 0, 1, "Lyon"), R(2, 1, 1, "Oak"), R(3, 1, 2)],
    [R(1, 0, 1, "Nice"), R(2, 0, 1, None), R(3, 0, 2)],
]


def test_worked_example_quiz_figures():
    """Totals 4, 3, 2, 2, 0 out of a maximum of 1 + 1 + 2 = 4.

    mean   = 11 / 5 = 2.2                    -> 2.2 / 4 = 55%
    median = 2 (sorted 0, 2, 2, 3, 4)        -> 2 / 4 = 50%
    deviations from 2.2: 1.8, 0.8, -0.2, -0.2, -2.2
    squares: 3.24 + 0.64 + 0.04 + 0.04 + 4.84 = 8.8
    sample variance (n - 1, as Moodle) = 8.8 / 4 = 2.2; SD = sqrt(2.2) = 1.48324
                                             -> 1.48324 / 4 = 37.081%

    Item sample variances (see the per-question tests): Q1 1.2/4 = 0.3, Q2 0.3, Q3 2.8/4 = 0.7,
    sum 1.3. Cronbach's alpha with p = 3 questions:
    alpha = 3/2 × (1 - 1.3 / 2.2) = 1.5 × 0.9 / 2.2 = 27/44 = 0.613636 (Moodle shows 61.36%)
    error ratio = sqrt(1 - 27/44) = sqrt(17/44) = 0.621582 -> 62.158%
    standard error = 0.621582 × 1.48324 = 0.921954 marks -> / 4 = 23.049%
    """
    stats = analyse(WORKED)

    assert stats.attempts == 5
    assert stats.max_total == 4
    assert stats.mean == pytest.approx(55.0)
    assert stats.median == pytest.approx(50.0)
    assert stats.standard_deviation == pytest.approx(100 * math.sqrt(2.2) / 4)
    assert stats.standard_deviation == pytest.approx(37.081, abs=1e-3)
    assert stats.cronbach_alpha == pytest.approx(27 / 44)
    assert stats.internal_consistency == pytest.approx(61.3636, abs=1e-4)
    assert stats.internal_consistency_reason is None
    assert stats.error_ratio == pytest.approx(100 * math.sqrt(17 / 44))
    assert stats.standard_error == pytest.approx(23.049, abs=1e-3)
    assert list(stats.questions) == [1, 2, 3]


def test_worked_example_question_one():
    """Q1 marks x = 1, 1, 1, 0, 0; rest of test y = total - x = 3, 2, 1, 2, 0.

    facility = mean x / max = (3 / 5) / 1 = 60%
    x deviations from 0.6: 0.4, 0.4, 0.4, -0.6, -0.6; Sxx = 3 × 0.16 + 2 × 0.36 = 1.2
    SD = sqrt(1.2 / 4) = 0.547723 -> / max 1 = 54.772%
    y mean = 8 / 5 = 1.6; deviations 1.4, 0.4, -0.6, 0.4, -1.6
    Syy = 1.96 + 0.16 + 0.36 + 0.16 + 2.56 = 5.2
    Sxy = 0.4×1.4 + 0.4×0.4 + 0.4×(-0.6) + (-0.6)×0.4 + (-0.6)×(-1.6)
        = 0.56 + 0.16 - 0.24 - 0.24 + 0.96 = 1.2
    r = Sxy / sqrt(Sxx × Syy) = 1.2 / sqrt(6.24) = 0.480384 -> discrimination index 48.04%
    Efficiency: pair sorted x (0, 0, 1, 1, 1) with sorted y (0, 1, 2, 2, 3):
    Sxy max = (-0.6)(-1.6) + (-0.6)(-0.6) + 0.4×0.4 + 0.4×0.4 + 0.4×1.4
            = 0.96 + 0.36 + 0.16 + 0.16 + 0.56 = 2.2 -> 1.2 / 2.2 = 54.55%
    Wrong options: Lyon 1, Nice 1 -> tie broken by text: Lyon.
    """
    q1 = analyse(WORKED).questions[1]

    assert q1.attempts == 5
    assert q1.facility_index == pytest.approx(60.0)
    assert q1.standard_deviation == pytest.approx(100 * math.sqrt(0.3))
    assert q1.discrimination_index == pytest.approx(100 * 1.2 / math.sqrt(1.2 * 5.2))
    assert q1.discrimination_index == pytest.approx(48.04, abs=0.01)
    assert q1.discriminative_efficiency == pytest.approx(100 * 1.2 / 2.2)
    assert q1.most_chosen_wrong == OptionCount("Lyon", 1)
    assert q1.flag is None
    assert q1.reason is None


def test_worked_example_question_two_is_flagged_weak():
    """Q2 marks x = 1, 0, 0, 1, 0 (E blank = 0); rest y = 3, 3, 2, 1, 0.

    facility = 2 / 5 = 40%; deviations from 0.4: 0.6, -0.4, -0.4, 0.6, -0.4
    Sxx = 2 × 0.36 + 3 × 0.16 = 1.2; SD = sqrt(0.3) -> 54.772%
    y mean = 9 / 5 = 1.8; deviations 1.2, 1.2, 0.2, -0.8, -1.8
    Syy = 1.44 + 1.44 + 0.04 + 0.64 + 3.24 = 6.8
    Sxy = 0.72 - 0.48 - 0.08 - 0.48 + 0.72 = 0.4
    r = 0.4 / sqrt(1.2 × 6.8) = 0.4 / sqrt(8.16) = 0.140028 -> 14.00%, below 20%: weak.
    Sorted pairing: x (0, 0, 0, 1, 1) with y (0, 1, 2, 3, 3):
    Sxy max = 0.72 + 0.32 - 0.08 + 0.72 + 0.72 = 2.4 -> 0.4 / 2.4 = 16.67%
    Wrong options: Elm 2 (the blank is not an option).
    """
    q2 = analyse(WORKED).questions[2]

    assert q2.attempts == 5
    assert q2.facility_index == pytest.approx(40.0)
    assert q2.standard_deviation == pytest.approx(54.772, abs=1e-3)
    assert q2.discrimination_index == pytest.approx(100 * 0.4 / math.sqrt(8.16))
    assert q2.discrimination_index == pytest.approx(14.00, abs=0.01)
    assert q2.discriminative_efficiency == pytest.approx(100 / 6)
    assert q2.most_chosen_wrong == OptionCount("Elm", 2)
    assert q2.flag is Flag.WEAK_DISCRIMINATION
    assert "14.0%" in q2.reason and "below 20%" in q2.reason


def test_worked_example_question_three_with_partial_credit():
    """Q3 marks x = 2, 2, 1, 1, 0 out of 2; rest y = 2, 1, 1, 1, 0.

    facility = (6 / 5) / 2 = 60%
    deviations from 1.2: 0.8, 0.8, -0.2, -0.2, -1.2; Sxx = 0.64×2 + 0.04×2 + 1.44 = 2.8
    SD = sqrt(2.8 / 4) = 0.836660 -> / max 2 = 41.833%
    y mean = 1; deviations 1, 0, 0, 0, -1; Syy = 2
    Sxy = 0.8 + 0 + 0 + 0 + 1.2 = 2
    r = 2 / sqrt(2.8 × 2) = 2 / sqrt(5.6) = 0.845154 -> 84.52%
    y is already in the same order as x, so Sxy max = Sxy: efficiency 100%.
    No chosen options, so no wrong option.
    """
    q3 = analyse(WORKED).questions[3]

    assert q3.max_mark == 2
    assert q3.facility_index == pytest.approx(60.0)
    assert q3.standard_deviation == pytest.approx(41.833, abs=1e-3)
    assert q3.discrimination_index == pytest.approx(100 * 2 / math.sqrt(5.6))
    assert q3.discriminative_efficiency == pytest.approx(100.0)
    assert q3.most_chosen_wrong is None
    assert q3.flag is None


def test_discrimination_index_matches_an_independent_correlation_and_alpha_formula():
    """Cross-check on uneven partial-credit data against statistics.correlation and the
    covariance-matrix form of alpha: p/(p-1) × (1 - Σ var_i / (Σ var_i + 2 Σ cov_ij))."""
    marks = [
        [1, 0.5, 2, 0],
        [0, 0.5, 1.5, 1],
        [1, 1, 3, 1],
        [0, 0, 0.5, 0],
        [1, 0.25, 2.5, 1],
        [1, 1, 1, 0],
        [0, 0.75, 3, 1],
    ]
    max_marks = [1, 1, 3, 1]
    attempts = [[R(q, row[q], max_marks[q]) for q in range(len(max_marks))] for row in marks]
    stats = analyse(attempts)

    totals = [sum(row) for row in marks]
    for q in range(len(max_marks)):
        item = [row[q] for row in marks]
        rest = [t - x for t, x in zip(totals, item, strict=True)]
        expected = 100 * statistics.correlation(item, rest)
        assert stats.questions[q].discrimination_index == pytest.approx(expected)

    columns = list(zip(*marks, strict=True))
    p = len(columns)
    variances = sum(statistics.variance(c) for c in columns)
    covariances = sum(
        statistics.covariance(columns[i], columns[j]) for i in range(p) for j in range(i + 1, p)
    )
    alpha = p / (p - 1) * (1 - variances / (variances + 2 * covariances))
    assert stats.cronbach_alpha == pytest.approx(alpha)


def test_one_attempt_gives_facility_but_no_spread():
    stats = analyse([[R(1, 1, 1, "a"), R(2, 0, 1, "b")]])

    assert stats.attempts == 1
    assert stats.mean == pytest.approx(50.0)
    assert stats.median == pytest.approx(50.0)
    assert stats.standard_deviation is None
    assert stats.internal_consistency is None
    assert stats.cronbach_alpha is None
    assert "at least 3 attempts" in stats.internal_consistency_reason
    assert stats.error_ratio is None and stats.standard_error is None
    q1, q2 = stats.questions[1], stats.questions[2]
    assert (q1.facility_index, q2.facility_index) == (100.0, 0.0)
    for q in (q1, q2):
        assert q.attempts == 1
        assert q.standard_deviation is None
        assert q.discrimination_index is None
        assert q.discriminative_efficiency is None
        assert q.flag is Flag.TOO_FEW_ATTEMPTS
        assert q.reason
    assert q2.most_chosen_wrong == OptionCount("b", 1)


def test_two_attempts_have_sd_but_no_alpha_as_in_moodle():
    stats = analyse([[R(1, 1, 1), R(2, 1, 1)], [R(1, 0, 1), R(2, 0, 1)]])

    # Totals 2 and 0 of 2: mean 50%, SD sqrt(((1)^2 + (-1)^2) / 1) = sqrt(2) -> 70.71%.
    assert stats.standard_deviation == pytest.approx(100 * math.sqrt(2) / 2)
    assert stats.internal_consistency is None
    assert stats.questions[1].discrimination_index == pytest.approx(100.0)


def test_all_correct_has_no_variance_and_reports_none_with_reason():
    attempts = [[R(1, 1, 1, "yes"), R(2, 2, 2)] for _ in range(4)]
    stats = analyse(attempts)

    assert stats.mean == pytest.approx(100.0)
    assert stats.standard_deviation == pytest.approx(0.0)
    assert stats.internal_consistency is None
    assert "same total" in stats.internal_consistency_reason
    for q in stats.questions.values():
        assert q.facility_index == pytest.approx(100.0)
        assert q.standard_deviation == pytest.approx(0.0)
        assert q.discrimination_index is None
        assert q.discriminative_efficiency is None
        assert q.flag is Flag.NO_ITEM_VARIANCE
        assert "100%" in q.reason
        assert q.most_chosen_wrong is None


def test_an_all_correct_question_does_not_hide_the_others():
    """Q1 is right for everyone; Q2 x = 1, 0, 1 against rest y = Q1 + Q3 = 2, 1, 1.

    x deviations 1/3, -2/3, 1/3 (Sxx = 2/3); y deviations 2/3, -1/3, -1/3 (Syy = 2/3)
    Sxy = 2/9 + 2/9 - 1/9 = 1/3; r = (1/3) / (2/3) = 0.5 -> 50%
    """
    attempts = [
        [R(1, 1, 1), R(2, 1, 1), R(3, 1, 1)],
        [R(1, 1, 1), R(2, 0, 1), R(3, 0, 1)],
        [R(1, 1, 1), R(2, 1, 1), R(3, 0, 1)],
    ]
    stats = analyse(attempts)

    assert stats.questions[1].flag is Flag.NO_ITEM_VARIANCE
    assert stats.questions[1].discrimination_index is None
    assert stats.questions[2].discrimination_index == pytest.approx(50.0)
    assert stats.questions[2].flag is None


def test_constant_rest_of_test_gives_none_with_its_own_reason():
    attempts = [
        [R(1, 1, 1), R(2, 1, 1)],
        [R(1, 0, 1), R(2, 1, 1)],
        [R(1, 1, 1), R(2, 1, 1)],
    ]
    q1 = analyse(attempts).questions[1]

    assert q1.facility_index == pytest.approx(200 / 3)
    assert q1.discrimination_index is None
    assert q1.discriminative_efficiency is None
    assert q1.flag is Flag.NO_REST_VARIANCE
    assert "rest of the quiz" in q1.reason


def test_partial_credit_matching_question():
    """Q1 matching, max 3: x = 3, 1.5, 1.5, 0; Q2 max 1: 1, 1, 0, 0, so rest y = Q2.

    facility = (6 / 4) / 3 = 50%
    x deviations 1.5, 0, 0, -1.5: Sxx = 4.5; SD = sqrt(4.5 / 3) = 1.224745 -> / 3 = 40.825%
    y deviations 0.5, 0.5, -0.5, -0.5: Syy = 1
    Sxy = 0.75 + 0 + 0 + 0.75 = 1.5; r = 1.5 / sqrt(4.5) = 0.707107 -> 70.71%
    """
    attempts = [
        [R(1, 3, 3), R(2, 1, 1)],
        [R(1, 1.5, 3), R(2, 1, 1)],
        [R(1, 1.5, 3), R(2, 0, 1)],
        [R(1, 0, 3), R(2, 0, 1)],
    ]
    q1 = analyse(attempts).questions[1]

    assert q1.facility_index == pytest.approx(50.0)
    assert q1.standard_deviation == pytest.approx(100 * math.sqrt(1.5) / 3)
    assert q1.discrimination_index == pytest.approx(100 / math.sqrt(2))


def test_decimal_marks_from_the_database_are_accepted():
    attempts = [
        [R(1, Decimal("0.50"), Decimal("1.00")), R(2, Decimal("1"), Decimal("1.00"))],
        [R(1, Decimal("1.00"), Decimal("1.00")), R(2, Decimal("0"), Decimal("1.00"))],
    ]
    stats = analyse(attempts)

    assert stats.questions[1].facility_index == pytest.approx(75.0)
    assert stats.mean == pytest.approx(62.5)


def test_unanswered_counts_as_zero_and_is_not_a_wrong_option():
    attempts = [
        [R(1, 1, 1, "right")],
        [R(1, 0, 1, None)],
        [R(1, 0, 1, None)],
        [R(1, 0, 1, "wrong")],
    ]
    q1 = analyse(attempts).questions[1]

    assert q1.attempts == 4
    assert q1.facility_index == pytest.approx(25.0)
    assert q1.most_chosen_wrong == OptionCount("wrong", 1)

    only_blanks = analyse([[R(1, 0, 1, None)], [R(1, 1, 1, "right")]]).questions[1]
    assert only_blanks.most_chosen_wrong is None


def test_most_chosen_wrong_option_ties_are_broken_by_text():
    attempts = [[R(1, 0, 1, text)] for text in ["Pear", "Fig", "Pear", "Fig", "Apple"]]

    assert analyse(attempts).questions[1].most_chosen_wrong == OptionCount("Fig", 2)


def test_correct_options_decide_what_is_wrong_when_given():
    # Without the key, a partly right choice (mark 0.5) counts as wrong; with it, it does not.
    attempts = [[R(1, 0.5, 1, "half")], [R(1, 0, 1, "none")], [R(1, 0.5, 1, "half")]]

    assert analyse(attempts).questions[1].most_chosen_wrong == OptionCount("half", 2)
    keyed = analyse(attempts, correct_options={1: {"half", "full"}}).questions[1]
    assert keyed.most_chosen_wrong == OptionCount("none", 1)


def test_a_question_in_only_some_attempts():
    """Q3 appears in attempts A, B, C only (as Moodle's random questions may).

    student  Q1 Q2 Q3   total
    A         1  1  1   3
    B         1  0  0   1
    C         0  1  1   2
    D         0  0  -   0
    Q3: 3 attempts, facility 2/3 = 66.67%; x = 1, 0, 1 against rest y = 2, 1, 1:
        x deviations 1/3, -2/3, 1/3 (Sxx = 2/3); y deviations 2/3, -1/3, -1/3 (Syy = 2/3)
        Sxy = 2/9 + 2/9 - 1/9 = 1/3 -> r = (1/3) / (2/3) = 50%
    Q1: x = 1, 1, 0, 0 against y = 2, 0, 2, 0: Sxy = 0.5 - 0.5 - 0.5 + 0.5 = 0 -> 0%, weak.
    Maximum total 3: mean 1.5 -> 50%; median (1 + 2) / 2 = 1.5 -> 50%.
    Alpha, as Moodle does, from each item's variance over the attempts that had it:
        Q1 1/3, Q2 1/3, Q3 (2/3) / 2 = 1/3; totals 3, 1, 2, 0: (2.25 + 0.25 + 0.25 + 2.25) / 3
        = 5/3; alpha = 3/2 × (1 - 1 / (5/3)) = 1.5 × 0.4 = 0.6
    """
    attempts = [
        [R(1, 1, 1), R(2, 1, 1), R(3, 1, 1)],
        [R(1, 1, 1), R(2, 0, 1), R(3, 0, 1)],
        [R(1, 0, 1), R(2, 1, 1), R(3, 1, 1)],
        [R(1, 0, 1), R(2, 0, 1)],
    ]
    stats = analyse(attempts)

    q1, q3 = stats.questions[1], stats.questions[3]
    assert q3.attempts == 3
    assert q3.facility_index == pytest.approx(200 / 3)
    assert q3.discrimination_index == pytest.approx(50.0)
    assert q1.attempts == 4
    assert q1.discrimination_index == pytest.approx(0.0)
    assert q1.flag is Flag.WEAK_DISCRIMINATION
    assert stats.max_total == 3
    assert stats.mean == pytest.approx(50.0)
    assert stats.median == pytest.approx(50.0)
    assert stats.cronbach_alpha == pytest.approx(0.6)


def test_alpha_declines_when_a_question_was_seen_only_once():
    attempts = [
        [R(1, 1, 1), R(2, 1, 1), R(3, 1, 1)],
        [R(1, 0, 1), R(2, 1, 1)],
        [R(1, 0, 1), R(2, 0, 1)],
    ]
    stats = analyse(attempts)

    assert stats.internal_consistency is None
    assert "Question 3" in stats.internal_consistency_reason
    assert stats.questions[3].flag is Flag.TOO_FEW_ATTEMPTS


def test_negative_discrimination_is_flagged_with_its_own_reason():
    # Q1 is right only for the students who did worst on the rest.
    attempts = [
        [R(1, 0, 1), R(2, 1, 1), R(3, 1, 1)],
        [R(1, 0, 1), R(2, 1, 1), R(3, 0, 1)],
        [R(1, 1, 1), R(2, 0, 1), R(3, 0, 1)],
    ]
    q1 = analyse(attempts).questions[1]

    assert q1.discrimination_index < 0
    assert q1.flag is Flag.WEAK_DISCRIMINATION
    assert "negative" in q1.reason


def test_no_attempts_gives_empty_statistics():
    stats = analyse([])

    assert stats.attempts == 0
    assert stats.questions == {}
    assert stats.mean is None and stats.median is None and stats.standard_deviation is None
    assert stats.internal_consistency is None
    assert stats.internal_consistency_reason


@pytest.mark.parametrize(
    ("attempts", "message"),
    [
        ([[R(1, 2, 1)]], "outside 0 to 1"),
        ([[R(1, -0.5, 1)]], "outside 0 to 1"),
        ([[R(1, 0, 0)]], "max mark must be positive"),
        ([[R(1, 1, 1), R(1, 0, 1)]], "appears twice"),
        ([[R(1, 1, 1)], [R(1, 1, 2)]], "differs from 1.0"),
        ([[R(1, "1", 1)]], "not a number"),
        ([[R(1, True, 1)]], "not a number"),
        ([[R(1, float("nan"), 1)]], "not a finite number"),
        ([[R("q1", 1, 1)]], "not an integer"),
        ([[R(1, 1, 1, 3)]], "text or None"),
        ([[(1, 1, 1, None)]], "expected GradedResponse"),
    ],
)
def test_malformed_input_is_rejected_with_a_clear_error(attempts, message):
    with pytest.raises(ItemAnalysisError, match=message):
        analyse(attempts)


def test_error_names_the_attempt_and_question():
    attempts = [[R(1, 1, 1)], [R(1, 1, 1), R(7, 5, 2)]]

    with pytest.raises(ItemAnalysisError, match=r"attempt 2, question 7"):
        analyse(attempts)
