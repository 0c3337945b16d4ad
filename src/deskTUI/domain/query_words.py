"""The query language's words in English and Spanish (``estado:abierto prio:>=alta``).

Both languages are read whatever the reader's language, so a Spanish supervisor can
paste an English query and the other way round; accents and case are optional
(``area:`` is ``área:``, ``critica`` is ``crítica``). The reader's language matters for
three things only: how ``01/03/2026`` is read (1 March in Spanish, January 3 in
English), the words a refusal lists as the choices, and the words :func:`format_query`
writes. These words are the query's own vocabulary, not translations of the screens'
labels: they are what a person types, so they live here with the parser (the domain
may not import the catalogue) and are passed to it by language code.

Every word is read by its folded form (:func:`fold`): lower case, no accents, blanks and
hyphens as ``_`` (``"En proceso"``, ``en-proceso`` and ``en_proceso`` are one word).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from .enums import Priority, Status

ENGLISH = "en"
SPANISH = "es"


def fold(word: str) -> str:
    """The form a word is looked up by: ``"Crítica"`` → ``critica``, ``"en proceso"`` →
    ``en_proceso``."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn"
    )
    return "_".join(bare.casefold().replace("-", " ").split())


@dataclass(frozen=True)
class QueryWords:
    """What one language writes: the words :func:`format_query` uses and a refusal lists."""

    language: str
    keys: dict[str, str]
    """Each key (``status``) as this language writes it (``estado``)."""
    statuses: dict[str, str]
    """Each status code, and ``open``/``closed``, as this language writes it."""
    priorities: dict[str, str]
    sla: dict[str, str]
    assignees: dict[str, str]
    """``me`` and ``none`` as this language writes them."""
    week: str
    """The unit of a week in an age (``age:>2w``, ``edad:>2sem``)."""
    day_first: bool
    """``01/03/2026`` is 1 March (day first) or January 3."""
    local_date: str
    """How the language writes a day: ``MM/DD/YYYY``, ``dd/mm/aaaa``."""
    short_keys: dict[str, str] = field(default_factory=dict)
    """Keys written shorter than a refusal names them (English ``prio:``, as the desk's
    own views and the README write it)."""

    def written_key(self, key: str) -> str:
        return self.short_keys.get(key, self.keys[key])


ENGLISH_WORDS = QueryWords(
    language=ENGLISH,
    keys={
        k: k
        for k in (
            "status",
            "priority",
            "assignee",
            "client",
            "area",
            "category",
            "created",
            "updated",
            "sla",
            "age",
            "contract",
            "contact",
            "reporter",
            "project",
            "service",
        )
    },
    statuses={"open": "open", "closed": "closed", **{s.value: s.value for s in Status}},
    priorities={p.value: p.value for p in Priority},
    sla={"breached": "breached", "soon": "soon", "ok": "ok"},
    assignees={"me": "me", "none": "none"},
    week="w",
    day_first=False,
    local_date="MM/DD/YYYY",
    short_keys={"priority": "prio"},
)

SPANISH_WORDS = QueryWords(
    language=SPANISH,
    keys={
        "status": "estado",
        "priority": "prioridad",
        "assignee": "asignado",
        "client": "cliente",
        "area": "área",
        "category": "categoría",
        "created": "creado",
        "updated": "actualizado",
        "sla": "sla",
        "age": "edad",
        "contract": "contrato",
        "contact": "contacto",
        "reporter": "informante",
        "project": "proyecto",
        "service": "servicio",
    },
    statuses={
        "open": "abierto",
        "closed": "cerrado",
        Status.NEW.value: "registrado",
        Status.ASSIGNED.value: "asignado",
        Status.IN_PROGRESS.value: "en_proceso",
        Status.ON_HOLD.value: "en_espera",
        Status.FINISHED.value: "finalizado",
        Status.CANCELLED.value: "cancelado",
    },
    priorities={
        Priority.LOW.value: "baja",
        Priority.MEDIUM.value: "media",
        Priority.HIGH.value: "alta",
        Priority.CRITICAL.value: "crítica",
    },
    sla={"breached": "vencido", "soon": "pronto", "ok": "ok"},
    assignees={"me": "yo", "none": "nadie"},
    week="sem",
    day_first=True,
    local_date="dd/mm/aaaa",
)

WORDS = {ENGLISH: ENGLISH_WORDS, SPANISH: SPANISH_WORDS}


def words_of(language: str) -> QueryWords:
    """The words of ``language`` ("en", "es"); English for any other."""
    return WORDS.get(language, ENGLISH_WORDS)


def _reading(*tables: dict[str, str], more: dict[str, str]) -> dict[str, str]:
    """Folded word → code, from every language's written words and the extra ones read."""
    out = {fold(word): code for table in tables for code, word in table.items()}
    out.update({fold(word): code for word, code in more.items()})
    return out


KEYS = tuple(ENGLISH_WORDS.keys)
KEY_OF = _reading(
    *(w.keys for w in WORDS.values()),
    more={
        "prio": "priority",
        "state": "status",
        "is": "status",
        "to": "assignee",
        "assigned": "assignee",
        "asignada": "assignee",
        "responsable": "assignee",
        "creada": "created",
        "actualizada": "updated",
        "antigüedad": "age",
        # Who opened the case (seed 004's "Mis tickets": the cases I opened).
        "opened_by": "reporter",
        "requester": "reporter",
        "solicitante": "reporter",
        "abierto_por": "reporter",
        "creado_por": "reporter",
        "póliza": "contract",  # seed 000's word for a contract
        "no_inventariable": "service",  # seed 000's "No inventariables"
    },
)
"""Every key and alias of both languages, folded, to its key."""

STATUS_OF = _reading(
    *(w.statuses for w in WORDS.values()),
    more={
        "abierta": "open",
        "abiertos": "open",
        "abiertas": "open",
        "cerrada": "closed",
        "cerrados": "closed",
        "cerradas": "closed",
        "registrada": Status.NEW.value,
        "nuevo": Status.NEW.value,
        "asignada": Status.ASSIGNED.value,
        "finalizada": Status.FINISHED.value,
        "cancelada": Status.CANCELLED.value,
    },
)
PRIORITY_OF = _reading(
    *(w.priorities for w in WORDS.values()),
    more={
        **{p.short: p.value for p in Priority},  # prio:crit, prio:med (the list's column)
        "bajo": Priority.LOW.value,
        "medio": Priority.MEDIUM.value,
        "alto": Priority.HIGH.value,
        "critico": Priority.CRITICAL.value,
    },
)
SLA_OF = _reading(
    *(w.sla for w in WORDS.values()),
    more={"vencida": "breached", "por_vencer": "soon", "en_plazo": "ok"},
)
ASSIGNEE_OF = _reading(
    *(w.assignees for w in WORDS.values()),
    more={"unassigned": "none", "sin asignar": "none"},
)
"""``assignee:`` words that are not logins (store/list_sql reads ``me`` and ``none``)."""

NO_LINK = frozenset({"none", "ninguno", "ninguna"})
"""``project:none`` (``proyecto:ninguno``): the cases linked to no project, service,
contract or contact (a record named so is matched as well)."""

AGE_UNIT_MINUTES = {"m": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60, "sem": 7 * 24 * 60}


def is_assignee_word(login: str) -> bool:
    """Whether ``assignee:LOGIN`` would read a word of the language, not that login."""
    return fold(login) in ASSIGNEE_OF
