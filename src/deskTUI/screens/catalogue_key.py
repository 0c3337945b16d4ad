"""K, from anywhere: the catalogue screen (issue 21), mixed into the app (app.py is at
its size limit; the screen itself loads only when K is pressed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any


class CatalogueKey:
    """The app's ``catalogue`` action; ``OPENED_BY_ROLE`` keeps it the admins'."""

    if TYPE_CHECKING:  # the App's own, which this is mixed into
        screen: Any

        def push_screen(self, screen: Any) -> Any: ...

    def action_catalogue(self) -> None:
        from .catalogue import CatalogueScreen

        if not isinstance(self.screen, CatalogueScreen):
            self.push_screen(CatalogueScreen())
