"""K, from anywhere: the catalogue screen (issue 21), mixed into the app (app.py is at
its size limit; the screen itself loads only when K is pressed)."""

from __future__ import annotations

from typing import Any


class CatalogueKey:
    """The app's ``catalogue`` action; ``OPENED_BY_ROLE`` keeps it the admins'."""

    def action_catalogue(self) -> None:
        from .catalogue import CatalogueScreen

        app: Any = self  # the App this is mixed into
        if not isinstance(app.screen, CatalogueScreen):
            app.push_screen(CatalogueScreen())
