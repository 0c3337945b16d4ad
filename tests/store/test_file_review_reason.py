"""Revision 0018: ``attachment.review_reason`` (issue 21). A desk's files, reviewed before
it, keep their rows and reviews through the upgrade, with an empty reason."""

from __future__ import annotations

import io

from sqlalchemy import text

from deskTUI.domain.enums import ReviewStatus
from deskTUI.services import files, views
from deskTUI.store.database import HEAD_REVISION, current_revision

from .test_user_language import migrate


def test_files_reviewed_before_0018_keep_their_review_with_an_empty_reason(desk):
    case = desk.open()
    for name in ("a.pdf", "b.png"):
        files.attach_file(desk.uow(), desk.sofia, case.number, io.BytesIO(name.encode()), name=name)
    db = desk.uow().db
    migrate(db, "0017")
    assert current_revision(db) == "0017"
    with db.engine.begin() as connection:  # reviewed as the desk did then: no reason to give
        connection.execute(text("UPDATE attachment SET review = 'rejected' WHERE name = 'b.png'"))
    migrate(db, "head")
    assert current_revision(db) == HEAD_REVISION
    shown = views.case_detail(desk.uow(), desk.sofia, case.number).files
    assert [(f.name, f.review, f.review_reason) for f in shown] == [
        ("a.pdf", ReviewStatus.PENDING, ""),
        ("b.png", ReviewStatus.REJECTED, ""),
    ]
