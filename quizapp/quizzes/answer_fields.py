"""The names and values of one question's answer fields, which mean nothing outside the attempt.

Named by the item's own indexes, a form gave the key away: matching row i was right when
set to option i, and ordering statement k when placed at k + 1, however the rows were
shuffled. So each option and each row is named by a token derived from the attempt, the
question and the index under the site's secret key (an HMAC): the same on every request
of the attempt, different in every other attempt, and mapped back only on the server.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "quizapp.quizzes.answer_fields"
# 64 bits: no two options of a question share a token, and none can be guessed.
_TOKEN_LENGTH = 16


class UnknownField(ValueError):
    """A posted value that is none of this question's options."""


@dataclass(frozen=True)
class AnswerFields:
    attempt_id: int
    question_id: int

    def _token(self, role: str, index: int) -> str:
        message = f"{self.attempt_id}:{self.question_id}:{role}:{index}"
        return salted_hmac(_SALT, message, algorithm="sha256").hexdigest()[:_TOKEN_LENGTH]

    def option_value(self, index: int) -> str:
        """The value posted for the option at ``index`` of the item's own list."""
        return self._token("option", index)

    def row_name(self, index: int) -> str:
        """The field name of the matching term or ordering statement at ``index``."""
        # A letter first: a name that is also a valid HTML id and CSS selector.
        return "r" + self._token("row", index)

    def option_index(self, value: str, count: int) -> int:
        """The index of the option posted as ``value``, among ``count`` options."""
        for index in range(count):
            if constant_time_compare(value, self.option_value(index)):
                return index
        raise UnknownField(value)
