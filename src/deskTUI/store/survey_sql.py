"""The survey report's query: each question's answers counted per value (issue 21)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .report_sql import SURVEY_KEYS, ReportReader, bucket_sql


class SurveyAnswerReader(ReportReader):
    def answer_counts(
        self, by: str, edges: Sequence[datetime], area_ids: frozenset[int] | None
    ) -> list[tuple[Any, int, str | None, int, int]]:
        """(key, question id, value, answers, sum of scale scores) of the surveys answered
        between the first and last edge, by the case's agent, area or category, or by
        bucket (``month``). A free text's answers are counted, not told apart (value
        None); a scale's or a list's per value."""
        params = self._edges(edges)
        last = len(edges) - 1
        key = bucket_sql("s.answered_at", last) if by == "month" else SURVEY_KEYS[by]
        sql = (
            f"SELECT {key}, a.question_id, "
            "CASE WHEN q.kind = 'text' THEN NULL ELSE a.value END, COUNT(*), SUM(a.score) "
            f"FROM {self._driven_by('survey s')} ON c.id = s.case_id "
            "JOIN survey_answer a ON a.case_id = s.case_id "
            "JOIN survey_question q ON q.id = a.question_id "
            f"WHERE s.answered_at >= :e0 AND s.answered_at < :e{last}"
            f"{self._scope(area_ids, params)} GROUP BY 1, 2, 3"
        )
        return [
            (k, int(q), v, int(n), int(total or 0)) for k, q, v, n, total in self._rows(sql, params)
        ]
