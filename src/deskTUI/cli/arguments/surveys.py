"""The arguments of ``desktui survey``: templates (admins) and answering a case's survey."""

from __future__ import annotations

import argparse

from ...i18n import _
from .common import Parser, command_group, json_option, set_handler

KINDS = ("scale", "yes_no", "choice", "text")
"""domain.survey_templates.QuestionKind's codes (the parser imports no domain rule)."""


def survey_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    group = command_group(commands, "survey", _("surveys: templates per category, answers"))
    answer = group.add_parser(
        "answer",
        help=_("answer the survey of a finished case, question by question"),
        description=_(
            "Each --answer is N=VALUE, N the question's number (survey questions NUMBER "
            "lists them): 1 to 5 for a scale, yes or no, one of a choice's options (or its "
            'number), any text. --file reads a JSON object {"1": 5, "2": "yes"}.'
        ),
    )
    answer.add_argument("number")
    answer.add_argument(
        "--answer", action="append", default=[], metavar="N=VALUE", help=_("repeat per question")
    )
    answer.add_argument("--file", metavar="FILE", help=_("the answers as a JSON object"))
    json_option(answer)
    set_handler(answer, "surveys:answer")
    show = group.add_parser("show", help=_("a case's survey as it was answered"))
    show.add_argument("number")
    json_option(show)
    set_handler(show, "surveys:show")
    questions = group.add_parser("questions", help=_("the questions a case's survey asks"))
    questions.add_argument("number")
    json_option(questions)
    set_handler(questions, "surveys:questions")

    templates = group.add_parser(
        "template", help=_("survey templates and the categories they are attached to")
    ).add_subparsers(dest="template_command", metavar="COMMAND", required=True)
    listing = templates.add_parser("list", help=_("every template, its questions and categories"))
    json_option(listing)
    set_handler(listing, "surveys:template_list")
    show = templates.add_parser("show", help=_("one template's questions and categories"))
    show.add_argument("template")
    json_option(show)
    set_handler(show, "surveys:template_show")
    add = templates.add_parser("add", help=_("add a survey template (admins only)"))
    add.add_argument("name")
    json_option(add)
    set_handler(add, "surveys:template_add")
    question = templates.add_parser(
        "question", help=_("add a question at the end of a template (admins only)")
    )
    question.add_argument("template")
    question.add_argument("--kind", required=True, metavar="|".join(KINDS))
    question.add_argument("--text", required=True)
    question.add_argument(
        "--option", action="append", default=[], help=_("a choice's option (repeat)")
    )
    question.add_argument("--required", action="store_true", help=_("it may not be left empty"))
    json_option(question)
    set_handler(question, "surveys:template_question")
    attach = templates.add_parser(
        "attach",
        help=_("ask a category's cases this template (the default one: back to the default)"),
    )
    attach.add_argument("template")
    attach.add_argument("--category", required=True)
    attach.add_argument("--area", help=_("the category's area, when several have that name"))
    json_option(attach)
    set_handler(attach, "surveys:template_attach")
