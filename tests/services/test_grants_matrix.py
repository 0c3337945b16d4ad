"""The permission matrix (test_permission_matrix.py) with an admin's decisions per person
(seed 004): a right revoked from someone whose role allows it is refused and changes
nothing; a right granted to someone whose role refuses it (on a case they see) is allowed.
Each grantable action once each way, on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from deskTUI.domain.errors import PermissionDenied
from deskTUI.domain.grants import NOT_GRANTABLE, code_of
from deskTUI.services import grants

_spec = importlib.util.spec_from_file_location(
    "permission_matrix_table", Path(__file__).with_name("test_permission_matrix.py")
)
assert _spec is not None and _spec.loader is not None
matrix = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = matrix  # its dataclasses look their module up
_spec.loader.exec_module(matrix)

GRANTABLE_ROWS = [a for a in matrix.ACTIONS if matrix.COVERS[a] not in NOT_GRANTABLE]


def _cell(action: str, wanted: str) -> tuple[str, str] | None:
    """The first (role, relation) whose table cell is ``wanted`` and whose actor sees the
    case (a case they cannot see is refused as missing, whatever they were granted)."""
    for role in ("supervisor", "agent", "admin"):
        for relation in matrix.RELATIONS:
            i = matrix.RELATIONS.index(relation)
            sees = matrix.EXPECTED["view case"][role][i] == "Y"
            if matrix.EXPECTED[action][role][i] == wanted and sees:
                return role, relation
    return None


REVOKED = [(a, *c) for a in GRANTABLE_ROWS if (c := _cell(a, "Y"))]
GRANTED = [(a, *c) for a in GRANTABLE_ROWS if (c := _cell(a, "N"))]


def _ready(desk, action: str, role: str, relation: str):
    state, run = matrix.ACTIONS[action]
    shape = matrix.shape_for(role, relation, action)
    target = matrix.prepare(desk, shape, state) if state not in (None, "none") else None
    return run, shape, target, matrix.actor_for(desk, role)


@pytest.mark.parametrize(
    ("action", "role", "relation"), REVOKED, ids=["-".join(c) for c in REVOKED]
)
def test_a_revoked_cell_is_refused_and_changes_nothing(desk, db, action, role, relation):
    run, shape, target, actor = _ready(desk, action, role, relation)
    grants.revoke_right(desk.uow(), desk.admin, actor.login, code_of(matrix.COVERS[action]))
    before = matrix.snapshot(db)
    with pytest.raises(PermissionDenied) as refused:
        run(desk, actor, shape, target)
    assert refused.value.code == "permission.revoked"
    assert matrix.snapshot(db) == before


@pytest.mark.parametrize(
    ("action", "role", "relation"), GRANTED, ids=["-".join(c) for c in GRANTED]
)
def test_a_granted_cell_is_allowed(desk, db, action, role, relation):
    run, shape, target, actor = _ready(desk, action, role, relation)
    grants.grant_right(desk.uow(), desk.admin, actor.login, code_of(matrix.COVERS[action]))
    before = matrix.snapshot(db)
    run(desk, actor, shape, target)
    if action not in matrix.READ_ONLY:
        assert matrix.snapshot(db) != before, f"{action} granted to {role} changed nothing"


def test_every_grantable_action_is_tried_both_ways():
    tried = {matrix.COVERS[a] for a, *_ in REVOKED} | {matrix.COVERS[a] for a, *_ in GRANTED}
    assert tried == {matrix.COVERS[a] for a in GRANTABLE_ROWS}
