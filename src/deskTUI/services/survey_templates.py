"""Survey templates (seed 004: a survey "para ese tipo de ticket"): admins add templates
and their questions and attach them to categories; staff read them.

Managing them is managing the areas and categories they hang from (``MANAGE_AREAS``,
admins). A template's questions are added only until a survey answered it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.errors import Conflict
from ..domain.people import User
from ..domain.permissions import Action, require
from ..domain.survey_templates import (
    BUILT_IN_TEXTS,
    Question,
    SurveyTemplate,
    check_can_add_question,
    check_can_attach,
    parse_kind,
)
from ..i18n import N_, _
from ..store.name_keys import name_clash_as
from ..store.uow import UnitOfWork
from .admin import _require_staff
from .common import acting

DEFAULT_TITLE = N_("Satisfaction")
"""The default template's name as people read it (stored as ``Satisfaction``)."""


def question_text(question: Question) -> str:
    """What a question asks, as the operator reads it: the default template's two in
    their language, an admin's as written."""
    if question.code in BUILT_IN_TEXTS:
        return _(BUILT_IN_TEXTS[question.code])
    return question.text


def template_title(template: SurveyTemplate) -> str:
    return _(DEFAULT_TITLE) if template.is_default else template.name


@dataclass(frozen=True)
class TemplateView:
    template: SurveyTemplate
    categories: tuple[str, ...]
    """"Area / Category" of each category attached to it (the default: none listed)."""
    answered: bool


def _template(uow: UnitOfWork, name: str) -> SurveyTemplate:
    found = uow.survey_templates.find(name)
    if found is None and name.strip().casefold() == _(DEFAULT_TITLE).casefold():
        found = uow.survey_templates.default()  # "Satisfacción" names it in Spanish
    return found if found is not None else uow.survey_templates.by_name(name)


def add_template(uow: UnitOfWork, actor: User, name: str) -> SurveyTemplate:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_AREAS)
        template = SurveyTemplate(name)
        taken = Conflict(
            "survey.template_exists",
            "There is already a survey template {name!r}",
            name=template.name,
        )
        if uow.survey_templates.find(template.name) is not None:
            raise taken
        with name_clash_as(taken):  # another admin's, added at the same instant
            uow.survey_templates.add(template)
        uow.commit()
        return template


def add_question(
    uow: UnitOfWork,
    actor: User,
    template_name: str,
    *,
    kind: str,
    text: str,
    options: Sequence[str] = (),
    required: bool = False,
) -> Question:
    """Add a question at the end of the template (before any survey answered it)."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_AREAS)
        template = _template(uow, template_name)
        assert template.id is not None
        check_can_add_question(template, uow.survey_templates.answered(template.id))
        question = Question(
            template.id,
            len(template.questions) + 1,
            parse_kind(kind),
            text,
            tuple(options),
            required,
        )
        uow.survey_templates.add_question(question)
        uow.commit()
        return question


def attach(
    uow: UnitOfWork, actor: User, template_name: str, category: str, area: str | None = None
) -> tuple[SurveyTemplate, str]:
    """The category's cases are asked that template from now on (the default template:
    the category goes back to the desk's default). Surveys answered keep theirs."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_AREAS)
        template = _template(uow, template_name)
        check_can_attach(template)
        area_id = uow.areas.by_name(area).id if area else None
        found = uow.areas.category_by_name(category, area_id)
        assert found.id is not None
        uow.survey_templates.attach(found.id, None if template.is_default else template.id)
        uow.commit()
        return template, found.name


def templates(uow: UnitOfWork, actor: User) -> list[TemplateView]:
    """Every template, the default first, with the categories attached to each."""
    with uow:
        actor = acting(uow, actor)
        _require_staff(actor)
        links = uow.survey_templates.attachments()
        areas = {a.id: a.name for a in uow.areas.list()}
        names: dict[int, list[str]] = {}
        for category in uow.areas.categories():
            if category.id in links:
                shown = f"{areas.get(category.area_id, '')} / {category.name}"
                names.setdefault(links[category.id], []).append(shown)
        return [
            TemplateView(
                t,
                tuple(sorted(names.get(t.id or 0, ()))),
                uow.survey_templates.answered(t.id or 0),
            )
            for t in uow.survey_templates.list()
        ]


def template(uow: UnitOfWork, actor: User, name: str) -> TemplateView:
    with uow:
        actor = acting(uow, actor)
        _require_staff(actor)
        wanted = _template(uow, name)
    return next(v for v in templates(uow, actor) if v.template.id == wanted.id)
