"""P, from anywhere: people and their rights (issue 21, seed 004), mixed into the app
(app.py is at its size limit; the screen itself loads only when P is pressed)."""

from __future__ import annotations

from typing import Any

from .catalogue_key import CatalogueKey


class PeopleKey(CatalogueKey):
    """The app's ``people`` action (and K's, on one line of the app's bases);
    ``OPENED_BY_ROLE`` keeps both the admins'."""

    def action_people(self) -> None:
        from .people import PeopleScreen

        app: Any = self  # the App this is mixed into
        if not isinstance(app.screen, PeopleScreen):
            app.push_screen(PeopleScreen())
