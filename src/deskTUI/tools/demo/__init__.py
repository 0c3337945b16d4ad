"""``desktui demo``: a realistic Latin American desk to explore, from ten cases to a million.

People, areas, clients and contracts are made through the ordinary services;
the cases and everything hanging from them are generated in memory, checked
against the domain's own rules (lifecycle order, ledger units, SLA targets)
and bulk-loaded, because a million cases one ORM object at a time would take
many minutes. The same seed on the same day gives the same desk.
"""

from __future__ import annotations

from .build import build_demo

__all__ = ["build_demo"]
