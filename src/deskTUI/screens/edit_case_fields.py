"""The rows of the case edit form: one widget per field of the case's field table
(domain/case_fields.py), the look-ups filled once their choices are loaded.

The screen (screens/edit_case.py) saves, keeps drafts and settles races; this widget
only shows values and reads them back. What the values mean is screens/case_form.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.select import NoSelection

from .. import words
from ..domain.case import Case
from ..domain.case_fields import CaseField
from ..formats import CASE_DAYS, day_forms
from ..i18n import _
from ..safe_text import safe
from ..widgets.text_input import TextInput
from .case_form import (
    FORM,
    GENERAL,
    LOOKUPS,
    OTHERS,
    Offer,
    field_of,
    initial_text,
    offers_of_area,
    offers_of_client,
    place_refusals,
    standing_offers,
)

if TYPE_CHECKING:
    from ..services.views import CaseDetail, FormChoices


def _texts(offer: Offer) -> list[tuple[Text, int]]:
    """Names from data as plain Text: a client called "[b]x" is shown, not styled."""
    return [(Text(safe(name, one_line=True)), value) for name, value in offer]


class CaseFormFields(VerticalScroll):
    """The form's rows, General then Others, and the foot where refusals about no field go."""

    def __init__(self, case: Case, names: Mapping[str, str | None]) -> None:
        super().__init__(id="edit-form", classes="case-form")
        self.case = case
        """The version the rows started from: a look-up keeps its value while unchanged."""
        self.names = dict(names)
        """Display names of the case's references, for a value no longer offered."""
        self.choices: FormChoices | None = None
        self.offered: dict[str, list[tuple[Text, int]]] = {}
        """What each look-up offers now (ctrl+l searches it)."""

    def compose(self) -> ComposeResult:
        yield Static(Content(_("General")), classes="form-section")
        yield from self._rows(GENERAL)
        yield Static(Content(_("Others")), classes="form-section")
        yield from self._rows(OTHERS)
        yield Static(id="edit-error", classes="dialog-error")

    def _rows(self, fields: tuple[CaseField, ...]) -> Iterator[Widget]:
        # One line per field (label beside a compact widget): at 80x24 a screenful
        # shows a third of the form instead of four fields.
        for field in fields:
            with Horizontal(classes="form-row"):
                yield Label(_(field.form_label))
                yield self._widget(field)
            yield Static(id=f"e-{field.key}", classes="field-error")

    def _widget(self, field: CaseField) -> Widget:
        ident = f"f-{field.key}"
        if field.kind == "lookup":
            # Seed 001's search assistant: type to jump, enter to pick. Filled once loaded.
            return Select[int](
                [], id=ident, type_to_search=True, prompt=_("type to search"), compact=True
            )
        if field.kind == "choice":
            assert field.choices is not None
            options = [(Text(str(words.shown(m))), m.value) for m in field.choices]
            return Select(
                options,
                value=initial_text(self.case, field.key),
                allow_blank=False,
                id=ident,
                compact=True,
            )
        if field.kind == "yes/no":
            return Select(
                [(Text(_("yes")), "yes"), (Text(_("no")), "no")],
                value=initial_text(self.case, field.key),
                allow_blank=False,
                id=ident,
                compact=True,
            )
        if field.kind == "area":
            return TextArea(initial_text(self.case, field.key), id=ident, compact=True)
        # A day as the operator writes it (7/12/2026 in es) or ISO: the placeholder says so.
        hint = day_forms() if field.key in CASE_DAYS else ""
        return TextInput(
            initial_text(self.case, field.key), placeholder=hint, id=ident, compact=True
        )

    def set_value(self, key: str, text: str) -> None:
        field = field_of(key)
        if field is None:
            return
        widget = self.query_one(f"#f-{key}")
        if isinstance(widget, TextArea):
            widget.load_text(text)
        elif isinstance(widget, Input):
            widget.value = text
            widget.cursor_position = len(text)  # as when the form opened: typing appends
        elif isinstance(widget, Select):
            if field.kind == "lookup":
                widget.value = int(text) if text.isdigit() else Select.NULL
            else:
                widget.value = text

    def lookups(self) -> dict[str, int | None] | None:
        """Each look-up's value now (None until they are loaded)."""
        if self.choices is None:
            return None
        chosen = {key: self.query_one(f"#f-{key}", Select).value for key in LOOKUPS}
        return {
            key: None if isinstance(value, NoSelection) else value for key, value in chosen.items()
        }

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for field in FORM:
            if field.kind == "lookup":
                continue
            widget = self.query_one(f"#f-{field.key}")
            if isinstance(widget, TextArea):
                out[field.key] = widget.text
            elif isinstance(widget, Input):
                out[field.key] = widget.value
            elif isinstance(widget, Select):
                out[field.key] = str(widget.value)
        return out

    def text_of(self, key: str) -> str:
        """The field as the operator left it, in words (a look-up by its name)."""
        if key in LOOKUPS:
            value = self.query_one(f"#f-{key}", Select).value
            return "" if value is Select.NULL else self._name_of(key, value)
        return self.values()[key]

    def _name_of(self, key: str, value: Any) -> str:
        for label, offered in self.offered.get(key, []):
            if offered == value:
                return str(label)
        return f"#{value}"

    def show_theirs(self, field: CaseField, theirs: CaseDetail) -> None:
        widget = self.query_one(f"#f-{field.key}")
        if field.kind == "lookup":
            value = getattr(theirs.case, f"{field.key}_id")
            if isinstance(widget, Select):
                self.names[field.key] = theirs.names.get(field.key)
                options = self.offered.get(field.key, [])
                if value is not None and all(v != value for _label, v in options):
                    self._offer(field.key, options, value)
                widget.value = Select.NULL if value is None else value
            return
        self.set_value(field.key, initial_text(theirs.case, field.key))

    def fill(self, choices: FormChoices) -> None:
        """What each look-up offers, now that it is loaded."""
        self.choices = choices
        for key, offer in standing_offers(choices).items():
            self._offer(key, _texts(offer), getattr(self.case, f"{key}_id"))
        self._offer_of_client(self.case.client_id)
        self._offer_of_area(self.case.area_id)

    def _offer(self, key: str, options: list[tuple[Text, int]], value: int | None) -> None:
        """``value`` stays chosen even when it is no longer offered (a coordinator who
        left the desk): saving another field must not clear it behind the operator's back."""
        select = self.query_one(f"#f-{key}", Select)
        if value is not None and all(v != value for _label, v in options):
            name = self.names.get(key) or f"#{value}"
            options = [
                *options,
                (Text(safe(f"{name} ({_('no longer offered')})", one_line=True)), value),
            ]
        select.set_options(options)
        self.offered[key] = options
        if value is not None:
            select.value = value

    def _offer_of_client(self, client_id: Any) -> None:
        """The client's contacts and contracts; the case's own kept while it is its client."""
        if self.choices is not None:
            self._offer_following(offers_of_client(self.choices, client_id), client_id, "client")

    def _offer_of_area(self, area_id: Any) -> None:
        if self.choices is not None:
            self._offer_following(offers_of_area(self.choices, area_id), area_id, "area")

    def _offer_following(self, offers: dict[str, Offer], chosen: Any, leader: str) -> None:
        keep = chosen == getattr(self.case, f"{leader}_id")
        for key, offer in offers.items():
            self._offer(key, _texts(offer), getattr(self.case, f"{key}_id") if keep else None)

    @on(Select.Changed, "#f-client")
    def _client_changed(self, event: Select.Changed) -> None:
        if self.choices is not None:
            self._offer_of_client(event.value)

    @on(Select.Changed, "#f-area")
    def _area_changed(self, event: Select.Changed) -> None:
        if self.choices is not None:
            self._offer_of_area(event.value)

    def show_refusals(self, refusals: list[tuple[str, str | None]]) -> Widget | None:
        """Each sentence under its field, sentences about no field at the foot of the form;
        returns the widget of the first field of the form with a sentence."""
        for old in self.query(".field-error"):
            old.remove_class("-shown")
        beside, foot, first = place_refusals(refusals, lambda key: bool(self.query(f"#e-{key}")))
        for key, texts in beside.items():
            shown = self.query_one(f"#e-{key}", Static)
            shown.update(Content("\n".join(texts)))
            shown.add_class("-shown")
        self.query_one("#edit-error", Static).update(Content("\n".join(foot)))
        return None if first is None else self.query_one(f"#f-{first}")
