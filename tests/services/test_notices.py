"""The inbox's sentences are stored in English and read in the reader's language (issue 20):
one desk, a Spanish supervisor and an English agent reading the same kind of notice."""

from __future__ import annotations

import pytest

from deskTUI import i18n
from deskTUI.services import notices
from deskTUI.services.notifications import inbox


@pytest.fixture
def spanish():
    i18n.use("es", "es")
    yield
    i18n.use("en", "en")


STORED = {
    "sofia assigned you CS-000001: La impresora no imprime: otra vez": (
        "sofia le asignó CS-000001: La impresora no imprime: otra vez"
    ),
    "sofia handed CS-000002 to luis": "sofia pasó CS-000002 a luis",
    "ana mentioned you on CS-000003: @sofia ¿lo ve usted?": (
        "ana lo mencionó en CS-000003: @sofia ¿lo ve usted?"
    ),
    "CS-000004 is finished: how did we do? Rate it from 1 to 5: Red lenta": (
        "CS-000004 está finalizado: ¿cómo lo hicimos? Califíquelo de 1 a 5: Red lenta"
    ),
    "The quote of CS-000005 was approved": "La cotización de CS-000005 fue aprobada",
    "The quote of CS-000005 was rejected": "La cotización de CS-000005 fue rechazada",
    "CS-000006 breached its first response target (critical): Servidor caído": (
        "CS-000006 venció su plazo de primera respuesta (Crítica): Servidor caído"
    ),
    "CS-000006 breached its resolution target (low): Servidor caído": (
        "CS-000006 venció su plazo de resolución (Baja): Servidor caído"
    ),
}


@pytest.mark.parametrize("stored", list(STORED))
def test_a_stored_notice_reads_in_spanish_with_its_values(spanish, stored):
    assert notices.notice_text(stored) == STORED[stored]


@pytest.mark.parametrize("stored", list(STORED))
def test_a_stored_notice_reads_in_english_as_stored(stored):
    assert notices.notice_text(stored) == stored


def test_a_text_no_template_wrote_is_shown_as_stored(spanish):
    assert notices.notice_text("Something an older desk wrote") == "Something an older desk wrote"


def test_each_kind_has_its_word_and_an_unknown_kind_stays_a_code(spanish):
    assert [notices.kind_word(k) for k in ("assignment", "mention", "escalation")] == [
        "asignación",
        "mención",
        "escalamiento",
    ]
    assert notices.kind_word("other") == "other"


def test_what_the_desk_writes_is_read_back_in_spanish(desk, spanish):
    """Assigning, mentioning and finishing through the services: each notice the desk
    stored reads in Spanish, none of its English left."""
    from deskTUI.services import cases

    case = desk.open(by=desk.maria, title="No imprime en color")
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.comment_case(desk.uow(), desk.ana, case.number, "@sofia ¿lo revisa?", public=False)
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Cartucho nuevo")
    stored = [
        n.message for who in (desk.ana, desk.sofia, desk.maria) for n in inbox(desk.uow(), who)
    ]
    shown = [notices.notice_text(m) for m in stored]
    assert len(shown) == 3, stored
    assert all(s != m for s, m in zip(shown, stored, strict=True)), shown
    assert not any(w in " ".join(shown) for w in ("assigned", "mentioned", "finished", " you ")), (
        shown
    )
