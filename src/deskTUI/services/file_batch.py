"""Several files attached at once, to a case or to the case being opened (issue 21).

All or nothing: every file is read into the content store first (a missing path, a
folder, a symlink, an empty or too large file is refused there, its sentence naming
it), then one unit of work writes every row. A refusal on the way leaves no row: at
most content no row points to, which ``desktui db check --repair`` collects after the
store's grace period, as after a crash (services/files.py).

Opening a case with files is one unit of work too: when one of them cannot be added,
the case is not opened either. The person meant to send the case with that file; a
case opened without it would be half of what they asked, and trying again after fixing
the path would open a second case. The form keeps what was typed, the sentence names
the file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from ..domain.case import Case
from ..domain.errors import ValidationError
from ..domain.files import Attachment, display_name
from ..domain.people import User
from ..domain.permissions import Action, require
from ..domain.values import case_number
from ..store.uow import UnitOfWork
from .case_edits import open_case
from .common import CaseRef
from .files import (
    FileLimits,
    Stored,
    _attachable,
    _limits,
    blob_store,
    open_regular,
    record_attachment,
)


def distinct(paths: Sequence[Path]) -> list[Path]:
    """The paths in their order, each file once (``a.png`` and ``./a.png`` are one)."""
    seen: set[str] = set()
    kept = []
    for path in paths:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def _room(case: Case | None, existing: int, adding: int, limits: FileLimits) -> None:
    if existing + adding <= limits.max_per_case:
        return
    if case is None:  # the case being opened
        raise ValidationError(
            "files.no_room",
            "Attaching {count} would pass the {most} attachments a case may have; "
            "an admin can raise the limit with desktui file limits --per-case",
            count=adding,
            most=limits.max_per_case,
        )
    raise ValidationError(
        "files.no_room",
        "Attaching {count} more would pass the {most} attachments a case may have "
        "({case} has {existing}); "
        "an admin can raise the limit with desktui file limits --per-case",
        count=adding,
        case=case_number(case.id or 0),
        most=limits.max_per_case,
        existing=existing,
    )


def _check_size(name: str, size: int, limits: FileLimits) -> None:
    """The store's own refusals, told from the size the file has now (the store checks
    again while the content streams in: a file may grow meanwhile)."""
    if size == 0:
        raise ValidationError(
            "file.empty", "{name} is empty: there is nothing to attach", name=name
        )
    if size > limits.max_bytes:
        raise ValidationError(
            "file.too_large",
            "{name} is larger than the {limit} MiB allowed",
            name=name,
            limit=limits.max_mib,
        )


def _store_all(uow: UnitOfWork, paths: Sequence[Path], limits: FileLimits) -> list[Stored]:
    """Every file's content into the store, in order. All are opened and their sizes
    checked first, so a missing, unreadable, linked, empty or too large one is refused
    before any content is stored."""
    store = blob_store(uow)
    stored = []
    with ExitStack() as files:
        sources = [(path, files.enter_context(open_regular(path))) for path in paths]
        for path, source in sources:  # sizes told before any content is stored too
            _check_size(display_name(path.name), os.fstat(source.fileno()).st_size, limits)
        for path, source in sources:
            shown = display_name(path.name)
            digest, size = store.put(
                source, max_bytes=limits.max_bytes, refuse_empty=True, name=shown
            )
            stored.append(Stored(shown, size, digest))
    return stored


def _none_named() -> ValidationError:
    return ValidationError("files.none", "Name at least one file to attach")


def attach_paths(
    uow: UnitOfWork, actor: User, ref: CaseRef, paths: Sequence[Path]
) -> list[Attachment]:
    """Attach local files to a case, all of them or none."""
    paths = distinct(paths)
    if not paths:
        raise _none_named()
    with UnitOfWork(uow.db, clock=uow.clock, readonly=True) as check:
        _actor, case, limits = _attachable(check, actor, ref)
        assert case.id is not None
        _room(case, len(check.files.for_case(case.id)), len(paths), limits)
    stored = _store_all(check, paths, limits)
    with uow:
        actor, case, limits = _attachable(uow, actor, ref)
        assert case.id is not None
        _room(case, len(uow.files.for_case(case.id)), len(stored), limits)
        items = [record_attachment(uow, actor, case, each) for each in stored]
        uow.commit()
        return items


def open_case_with_files(
    uow: UnitOfWork, actor: User, paths: Sequence[Path], **case: Any
) -> tuple[Case, list[Attachment]]:
    """``open_case`` (same arguments), and its files in the same unit of work."""
    paths = distinct(paths)
    if not paths:
        return open_case(uow, actor, **case), []
    with UnitOfWork(uow.db, clock=uow.clock, readonly=True) as check:
        limits = _limits(check)
    _room(None, 0, len(paths), limits)
    stored = _store_all(check, paths, limits)
    items: list[Attachment] = []

    def attach(inside: UnitOfWork, opener: User, opened: Case) -> None:
        require(opener, Action.ATTACH_FILE, opened)
        items.extend(record_attachment(inside, opener, opened, each) for each in stored)

    return open_case(uow, actor, before_commit=attach, **case), items
