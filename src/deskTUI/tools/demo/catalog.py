"""The demo desk's people, contracts and weights: who works where, how statuses and
priorities are spread, how each status was reached. The words a person reads (areas,
clients, titles, descriptions, comments…) are in texts.py, one table per language."""

from __future__ import annotations

import itertools
from decimal import Decimal

from ...domain.enums import Role, Status, TrackingUnit
from ...domain.lifecycle import TRANSITIONS

STAFF = [
    # login, name, role, areas (keys of the demo's areas: texts.py names them per language)
    ("sofia", "Sofía Rojas", Role.SUPERVISOR, ["support"]),
    ("diego", "Diego Ortiz", Role.SUPERVISOR, ["development"]),
    ("carmen", "Carmen Salazar", Role.SUPERVISOR, ["billing"]),
    ("ana", "Ana Torres", Role.AGENT, ["support"]),
    ("luis", "Luis Mendoza", Role.AGENT, ["support"]),
    ("kevin", "Kevin O'Brien", Role.AGENT, ["support", "development"]),
    ("pedro", "Pedro Silva", Role.AGENT, ["development"]),
    ("valentina", "Valentina Cruz", Role.AGENT, ["development"]),
    ("john", "John Miller", Role.AGENT, ["billing"]),
    ("gabriela", "Gabriela Núñez", Role.AGENT, ["billing"]),
]


CLIENT_USERS = [
    # login, name, client (a key of the demo's clients)
    ("maria", "María Pérez", "acme"),
    ("jsmith", "John Smith", "acme"),
    ("agomez", "Ana Gómez", "globex"),
    ("jrodriguez", "José Rodríguez", "caracas"),
    ("ndavolio", "Nancy Davolio", "northwind"),
    ("projas", "Patricia Rojas", "clinic"),
]


CONTRACTS = [
    # client key, unit, total, name key, how many cases may charge it (keeps the balances
    # believable)
    ("acme", TrackingUnit.HOURS, Decimal(40), "hours", 40),
    ("globex", TrackingUnit.DAYS, Decimal(20), "days", 12),
    ("northwind", TrackingUnit.INCIDENTS, Decimal(12), "incidents", 11),
    ("clinic", TrackingUnit.HOURS, Decimal(120), "policy", 30),
]


NEAR_EXHAUSTION = Decimal("0.92")
"""The Acme contract is filled to about this share: a desk always has one running out."""


SENT_WITH = (0, 1, None, None)
"""Per description, the attachment (of ``ATTACHMENTS``) it says came with it: the case has
it, uploaded by the reporter when the case was opened."""


ATTACHMENTS = [
    # media type, content; their names are words (texts.py: "captura.png", "screenshot.png")
    ("image/png", b"\x89PNG demo screenshot"),
    ("text/plain", b"2026-03-02 10:00 ERROR null date\n"),
    ("application/pdf", b"%PDF-1.4 demo invoice"),
]


STATUS_WEIGHTS = {
    Status.NEW: 6,
    Status.ASSIGNED: 8,
    Status.IN_PROGRESS: 14,
    Status.ON_HOLD: 6,
    Status.FINISHED: 56,
    Status.CANCELLED: 10,
}


PRIORITY_WEIGHTS = {"low": 25, "medium": 45, "high": 22, "critical": 8}


PATHS = {
    Status.NEW: [Status.NEW],
    Status.ASSIGNED: [Status.NEW, Status.ASSIGNED],
    Status.IN_PROGRESS: [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS],
    Status.ON_HOLD: [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD],
    Status.FINISHED: [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.FINISHED],
}
"""How a case reached its status, each step a row of the lifecycle table."""
for _path in PATHS.values():
    assert all((a, b) in TRANSITIONS for a, b in itertools.pairwise(_path))
