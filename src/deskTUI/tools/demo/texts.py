"""Everything of the demo desk a person reads, in the operator's language (issue 20).

The demo's words are data, not the desk's sentences: a Spanish operator's demo is a
Spanish desk (areas, categories, clients, titles, descriptions, comments, solutions,
activities, survey answers, the welcome), an English operator's an English one, each
consistent in itself. Machine codes (statuses, priorities, origins, kinds) are the same
in both. The two tables have the same shape (the same number of areas, categories,
titles per category, descriptions, comments…) so a seed draws the same desk in either
language: only the words differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import i18n


@dataclass(frozen=True)
class DemoTexts:
    areas: dict[str, tuple[str, list[str]]]
    """By area key: its name and its categories."""
    clients: dict[str, tuple[str, list[str]]]
    """By client key: its name and its contacts."""
    contracts: dict[str, str]
    """By contract key: its name."""
    projects: tuple[str, str, str]
    """Proyectos (seed 000) some cases are linked to."""
    services: tuple[str, str]
    """No inventariables (seed 000) some cases are linked to."""
    titles: dict[str, list[str]]
    """By category name: the titles a case of it may have."""
    descriptions: list[str]
    comments: list[tuple[str, str]]
    """(body, visibility)."""
    activities: list[str]
    solutions: list[str]
    survey_comments: tuple[str, str, str]
    attachment_names: tuple[str, str, str]
    quote_message: str
    cancel_note: str
    on_hold_note: str
    follow_up_call: str
    confirm_task: str
    welcome: str


SPANISH = DemoTexts(
    areas={
        "support": ("Soporte Técnico", ["Impresoras", "Redes", "Correo", "Hardware"]),
        "development": ("Desarrollo", ["Errores", "Mejoras", "Integraciones"]),
        "billing": ("Facturación", ["Cobros", "Notas de crédito", "Facturación electrónica"]),
    },
    clients={
        "acme": ("Acme SA", ["María Pérez", "John Smith"]),
        "globex": ("Globex Ltda", ["Ana Gómez", "Peter Brown"]),
        "caracas": ("Inversiones Caracas CA", ["José Rodríguez"]),
        "espiga": ("Panadería La Espiga", ["Carmen Díaz"]),
        "northwind": ("Comercial Northwind", ["Nancy Davolio", "Andrew Fuller"]),
        "andes": ("Constructora Andes", ["Luis Fernández"]),
        "clinic": ("Clínica San Rafael", ["Dra. Patricia Rojas", "Mario León"]),
        "soylent": ("Alimentos Soylent SA", ["Laura Martínez"]),
    },
    contracts={
        "hours": "Bolsa de horas 2026",
        "days": "Soporte por días",
        "incidents": "Incidentes anuales",
        "policy": "Póliza anual",
    },
    projects=("Migración a la nube", "Nuevo ERP", "Sitio web 2026"),
    services=("Soporte remoto", "Instalación en sitio"),
    titles={
        "Impresoras": [
            "La impresora no imprime",
            "La impresora se atasca en cada página",
            "Tóner agotado en recepción",
        ],
        "Redes": [
            "Wi-Fi intermitente en el piso 3",
            "La VPN se desconecta cada hora",
            "Sin acceso a la red",
        ],
        "Correo": ["No llegan los correos", "Outlook pide la clave", "Buzón lleno"],
        "Hardware": ["La laptop no enciende", "Monitor parpadea", "Reemplazar teclado dañado"],
        "Errores": [
            "Error 500 al guardar factura",
            "El reporte falla con fecha vacía",
            "Botón Guardar no responde",
        ],
        "Mejoras": ["Agregar filtro por fecha", "Exportar a Excel", "Nuevo campo RIF en clientes"],
        "Integraciones": [
            "Sincronización con el banco falla",
            "Token de la API vencido",
            "Webhook duplicado",
        ],
        "Cobros": ["Cobro duplicado", "Pago no aplicado", "Conciliación pendiente"],
        "Notas de crédito": [
            "Nota de crédito con monto errado",
            "Falta una nota de crédito",
            "Anular nota",
        ],
        "Facturación electrónica": [
            "Factura rechazada por el SENIAT",
            "XML de factura inválido",
            "Serie agotada",
        ],
    },
    descriptions=[
        "El usuario reporta el problema desde esta mañana. Adjunta captura.",
        "Ocurre de forma intermitente; el cliente envió los logs.",
        "Se reinició el equipo sin éxito. Urgente para cierre de mes.",
        "Empezó después de la última actualización. Varios usuarios afectados.",
    ],
    comments=[
        ("Revisando con el cliente por teléfono.", "internal"),
        ("Estamos trabajando en ello y le informaremos hoy.", "public"),
        ("Se escaló a segundo nivel.", "internal"),
        ("¿Puede enviarnos una captura del error?", "public"),
        ("El cliente confirmó que la solución temporal funciona.", "public"),
    ],
    activities=[
        "Diagnóstico",
        "Sesión remota",
        "Visita en sitio",
        "Configuración",
        "Pruebas",
        "Documentación",
    ],
    solutions=[
        "Se reemplazó el componente dañado.",
        "Se actualizó el controlador y se reinició el equipo.",
        "Se corrigió la configuración.",
    ],
    survey_comments=("", "Muy buena atención", "Rápidos y amables"),
    attachment_names=("captura.png", "error.log", "factura.pdf"),
    quote_message="Según diagnóstico",
    cancel_note="Duplicado",
    on_hold_note="Esperando respuesta del cliente",
    follow_up_call="Llamada de seguimiento",
    confirm_task="Confirmar con el cliente",
    welcome="Bienvenido a la demostración de deskTUI: pruebe `desktui case list`.",
)


ENGLISH = DemoTexts(
    areas={
        "support": ("Technical Support", ["Printers", "Networks", "Email", "Hardware"]),
        "development": ("Development", ["Bugs", "Improvements", "Integrations"]),
        "billing": ("Billing", ["Collections", "Credit notes", "E-invoicing"]),
    },
    clients={
        "acme": ("Acme Inc", ["María Pérez", "John Smith"]),
        "globex": ("Globex Ltd", ["Ana Gómez", "Peter Brown"]),
        "caracas": ("Caracas Investments", ["José Rodríguez"]),
        "espiga": ("Wheat Ear Bakery", ["Carmen Díaz"]),
        "northwind": ("Northwind Traders", ["Nancy Davolio", "Andrew Fuller"]),
        "andes": ("Andes Construction", ["Luis Fernández"]),
        "clinic": ("San Rafael Clinic", ["Dr. Patricia Rojas", "Mario León"]),
        "soylent": ("Soylent Corp", ["Laura Martínez"]),
    },
    contracts={
        "hours": "Hours bank 2026",
        "days": "Support by the day",
        "incidents": "Yearly incidents",
        "policy": "Yearly support plan",
    },
    projects=("Cloud migration", "New ERP", "Website 2026"),
    services=("Remote support", "On-site installation"),
    titles={
        "Printers": [
            "Printer does not print",
            "Printer jams on every page",
            "Toner out at reception",
        ],
        "Networks": [
            "Wi-Fi drops on floor 3",
            "VPN disconnects every hour",
            "No network access",
        ],
        "Email": [
            "Emails are not arriving",
            "Outlook keeps asking for the password",
            "Mailbox full",
        ],
        "Hardware": ["Laptop does not turn on", "Monitor flickers", "Replace broken keyboard"],
        "Bugs": [
            "Error 500 when saving an invoice",
            "Report crashes with null date",
            "Save button does nothing",
        ],
        "Improvements": ["Add a date filter", "Export to Excel", "New tax ID field for clients"],
        "Integrations": [
            "Bank sync fails",
            "API token expired",
            "Duplicate webhook",
        ],
        "Collections": ["Duplicate charge", "Payment not applied", "Reconciliation pending"],
        "Credit notes": [
            "Credit note with a wrong amount",
            "Credit note missing",
            "Void a credit note",
        ],
        "E-invoicing": [
            "Invoice rejected by the tax office",
            "Invoice XML invalid",
            "Invoice series used up",
        ],
    },
    descriptions=[
        "The user reports the problem since this morning. Screenshot attached.",
        "Happens intermittently; the customer sent logs.",
        "Restarted the computer without success. Urgent for the month-end close.",
        "Started after the last update. Several users affected.",
    ],
    comments=[
        ("Checking with the customer by phone.", "internal"),
        ("We are looking into it and will update you today.", "public"),
        ("Escalated to second level.", "internal"),
        ("Could you send us a screenshot of the error?", "public"),
        ("Customer confirmed the workaround works.", "public"),
    ],
    activities=[
        "Diagnosis",
        "Remote session",
        "On-site visit",
        "Configuration",
        "Testing",
        "Documentation",
    ],
    solutions=[
        "Replaced the damaged component.",
        "Updated the driver and rebooted.",
        "Fixed the configuration.",
    ],
    survey_comments=("", "Very good service", "Fast and helpful"),
    attachment_names=("screenshot.png", "error.log", "invoice.pdf"),
    quote_message="As diagnosed",
    cancel_note="Duplicate",
    on_hold_note="Waiting for the customer's answer",
    follow_up_call="Follow-up call",
    confirm_task="Confirm with the customer",
    welcome="Welcome to the deskTUI demo: try `desktui case list`.",
)


CATEGORY_DRAWS = (7, 2, 4, 9, 3, 0, 6, 5, 8, 1)
CLIENT_DRAWS = (0, 6, 5, 1, 2, 4, 3, 7)
"""The order the generator draws categories and clients in (by place in the tables above):
the Spanish names' alphabetical order, as the desk listed them before the demo spoke two
languages, so a seed makes the same desk as before, in either language."""


def draw_rank(texts: DemoTexts) -> tuple[dict[str, int], dict[str, int]]:
    """Each category's name → its place in the generator's draws; the same for clients."""
    categories = [name for _area, names in texts.areas.values() for name in names]
    clients = [name for name, _contacts in texts.clients.values()]
    return (
        {categories[place]: n for n, place in enumerate(CATEGORY_DRAWS)},
        {clients[place]: n for n, place in enumerate(CLIENT_DRAWS)},
    )


BY_LANGUAGE = {i18n.SPANISH: SPANISH, i18n.ENGLISH: ENGLISH}


def demo_texts(language: str | None = None) -> DemoTexts:
    """The demo's words in ``language`` (the operator's, :func:`i18n.current`, if None)."""
    return BY_LANGUAGE.get(language or i18n.current(), ENGLISH)
