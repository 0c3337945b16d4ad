"""case similar: the solved cases most like one case (the desk's knowledge, seed 000)."""

from __future__ import annotations

from ..formats import number
from ..i18n import N_, _
from ..services import knowledge
from .context import Context
from .render import table

HEADINGS = (N_("SCORE"), N_("SOLUTION"))
"""This command's own column headings, marked for the catalogue (render.HEADINGS holds
the others); ``table`` translates them."""
HEADERS = ["NUMBER", "SCORE", "TITLE", "SOLUTION"]


def similar(ctx: Context) -> int:
    a = ctx.args
    found = knowledge.similar_cases(ctx.read_uow(), ctx.actor(), a.number, limit=a.limit)
    if ctx.json:
        ctx.emit_json(
            [
                {
                    "number": s.number,
                    "title": s.title,
                    "solution_first_line": s.solution_first_line,
                    "score": round(s.score, 6),
                }
                for s in found
            ]
        )
        return 0
    if not found:
        ctx.say(_("No solved case like this one that you may see."))
        return 0
    rows = [
        [
            s.number,
            number(s.score, 2),
            ctx.show(s.title)[:40],
            ctx.show(s.solution_first_line)[:60],
        ]
        for s in found
    ]
    for line in table(rows, HEADERS):
        ctx.say(line)
    return 0
