"""The language the operator reads the desk in: English, Español, or their session's."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...domain.people import FOLLOW_SESSION, User
from ...i18n import _
from ..desk_ui import desk_ui
from .base import ActionDialog


class LanguageDialog(ActionDialog):
    """Three choices, each language named in its own words (someone lost in the other
    language still finds theirs); the choice is stored on the desk (it is theirs from
    any terminal, in the CLI too) and spoken at once (``DeskApp.language_chosen``)."""

    def __init__(self) -> None:
        super().__init__()
        self.title_text = _("Language / Idioma")

    def fields(self) -> ComposeResult:
        choices = OptionList(
            Option("English", id="en"),
            Option("Español", id="es"),
            Option(_("The language of my session"), id=FOLLOW_SESSION),
            id="languages",
        )
        chosen = self.desk.actor.language or FOLLOW_SESSION
        choices.highlighted = [option.id for option in choices.options].index(chosen)
        yield choices

    def on_mount(self) -> None:
        self.query_one("#languages", OptionList).focus()

    @on(OptionList.OptionSelected, "#languages")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        language = event.option.id or FOLLOW_SESSION
        desk = self.desk

        def store() -> User:
            from ...services.admin import set_language  # the ORM: not before the first page

            return set_language(desk.uow(), desk.actor, desk.actor.login, language)

        self.call(store, lambda user: desk_ui(self.app).language_chosen(user.language))
