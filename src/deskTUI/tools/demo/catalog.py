"""The demo desk's fixed words and weights: areas, clients, people, contracts,
titles and texts, how statuses and priorities are spread, how each status was reached."""

from __future__ import annotations

import itertools
from decimal import Decimal

from ...domain.enums import Role, Status, TrackingUnit
from ...domain.lifecycle import TRANSITIONS

AREAS = {
    "Soporte Técnico": ["Impresoras", "Redes", "Correo", "Hardware"],
    "Desarrollo": ["Errores", "Mejoras", "Integraciones"],
    "Facturación": ["Cobros", "Notas de crédito", "Facturación electrónica"],
}


CLIENTS = {
    "Acme SA": ["María Pérez", "John Smith"],
    "Globex Ltda": ["Ana Gómez", "Peter Brown"],
    "Inversiones Caracas CA": ["José Rodríguez"],
    "Panadería La Espiga": ["Carmen Díaz"],
    "Northwind Traders": ["Nancy Davolio", "Andrew Fuller"],
    "Constructora Andes": ["Luis Fernández"],
    "Clínica San Rafael": ["Dra. Patricia Rojas", "Mario León"],
    "Soylent Corp": ["Laura Martínez"],
}


STAFF = [
    ("sofia", "Sofía Rojas", Role.SUPERVISOR, ["Soporte Técnico"]),
    ("diego", "Diego Ortiz", Role.SUPERVISOR, ["Desarrollo"]),
    ("carmen", "Carmen Salazar", Role.SUPERVISOR, ["Facturación"]),
    ("ana", "Ana Torres", Role.AGENT, ["Soporte Técnico"]),
    ("luis", "Luis Mendoza", Role.AGENT, ["Soporte Técnico"]),
    ("kevin", "Kevin O'Brien", Role.AGENT, ["Soporte Técnico", "Desarrollo"]),
    ("pedro", "Pedro Silva", Role.AGENT, ["Desarrollo"]),
    ("valentina", "Valentina Cruz", Role.AGENT, ["Desarrollo"]),
    ("john", "John Miller", Role.AGENT, ["Facturación"]),
    ("gabriela", "Gabriela Núñez", Role.AGENT, ["Facturación"]),
]


CLIENT_USERS = [
    ("maria", "María Pérez", "Acme SA"),
    ("jsmith", "John Smith", "Acme SA"),
    ("agomez", "Ana Gómez", "Globex Ltda"),
    ("jrodriguez", "José Rodríguez", "Inversiones Caracas CA"),
    ("ndavolio", "Nancy Davolio", "Northwind Traders"),
    ("projas", "Patricia Rojas", "Clínica San Rafael"),
]


CONTRACTS = [
    # client, unit, total, name, how many cases may charge it (keeps the balances believable)
    ("Acme SA", TrackingUnit.HOURS, Decimal(40), "Bolsa de horas 2026", 40),
    ("Globex Ltda", TrackingUnit.DAYS, Decimal(20), "Soporte por días", 12),
    ("Northwind Traders", TrackingUnit.INCIDENTS, Decimal(12), "Incidentes anuales", 11),
    ("Clínica San Rafael", TrackingUnit.HOURS, Decimal(120), "Póliza anual", 30),
]


NEAR_EXHAUSTION = Decimal("0.92")
"""The Acme contract is filled to about this share: a desk always has one running out."""


TITLES = {
    "Impresoras": [
        "La impresora no imprime",
        "Printer jams on every page",
        "Tóner agotado en recepción",
    ],
    "Redes": [
        "Wi-Fi intermitente en el piso 3",
        "VPN disconnects every hour",
        "Sin acceso a la red",
    ],
    "Correo": ["No llegan los correos", "Outlook pide la clave", "Mailbox full"],
    "Hardware": ["La laptop no enciende", "Monitor parpadea", "Replace broken keyboard"],
    "Errores": [
        "Error 500 al guardar factura",
        "Report crashes with null date",
        "Botón Guardar no responde",
    ],
    "Mejoras": ["Agregar filtro por fecha", "Export to Excel", "Nuevo campo RIF en clientes"],
    "Integraciones": [
        "Sincronización con el banco falla",
        "API token expired",
        "Webhook duplicado",
    ],
    "Cobros": ["Cobro duplicado", "Payment not applied", "Conciliación pendiente"],
    "Notas de crédito": ["Nota de crédito con monto errado", "Credit note missing", "Anular nota"],
    "Facturación electrónica": [
        "Factura rechazada por el SENIAT",
        "Invoice XML invalid",
        "Serie agotada",
    ],
}


DESCRIPTIONS = [
    "El usuario reporta el problema desde esta mañana. Adjunta captura.",
    "Happens intermittently; the customer sent logs.",
    "Se reinició el equipo sin éxito. Urgente para cierre de mes.",
    "Started after the last update. Several users affected.",
]


SENT_WITH = (0, 1, None, None)
"""Per description, the attachment (of ``ATTACHMENTS``) it says came with it: the case has
it, uploaded by the reporter when the case was opened."""


COMMENTS = [
    ("Revisando con el cliente por teléfono.", "internal"),
    ("We are looking into it and will update you today.", "public"),
    ("Se escaló a segundo nivel.", "internal"),
    ("¿Puede enviarnos una captura del error?", "public"),
    ("Customer confirmed the workaround works.", "public"),
]


ACTIVITIES = [
    "Diagnóstico",
    "Remote session",
    "Visita en sitio",
    "Configuración",
    "Testing",
    "Documentación",
]


SOLUTIONS = [
    "Se reemplazó el componente dañado.",
    "Updated the driver and rebooted.",
    "Se corrigió la configuración.",
]


ATTACHMENTS = [
    ("captura.png", "image/png", b"\x89PNG demo screenshot"),
    ("error.log", "text/plain", b"2026-03-02 10:00 ERROR null date\n"),
    ("factura.pdf", "application/pdf", b"%PDF-1.4 demo invoice"),
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
