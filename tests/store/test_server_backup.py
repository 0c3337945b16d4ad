"""The README's backup of a server desk, done as written: pg_dump, pg_restore, db check."""

from __future__ import annotations

import glob
import shutil
import subprocess

import pytest
from sqlalchemy.engine import make_url

from deskTUI.services import maintenance, search
from deskTUI.services.cases import open_case
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

from ..conftest import pg_database


def client(program: str) -> str:
    found = shutil.which(program) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"))), None
    )
    assert found, f"{program} comes with the server's package"
    return found


def libpq_arguments(url: str) -> list[str]:
    parsed = make_url(url)
    return ["-h", parsed.host or "", "-p", str(parsed.port), "-U", parsed.username or ""]


@pytest.mark.postgresql_only
def test_a_server_desk_dumped_and_restored_is_whole_consistent_and_searchable(db, desk, tmp_path):
    case = desk.open(title="Impresión borrosa en la sede norte")
    dump = tmp_path / "desk.dump"
    source = make_url(db.url)
    subprocess.run(
        [client("pg_dump"), *libpq_arguments(db.url), "--format=custom", f"--file={dump}",
         source.database or ""],
        check=True,
    )  # fmt: skip
    with pg_database() as restored_url:
        subprocess.run(
            [client("pg_restore"), *libpq_arguments(restored_url), "--exit-on-error",
             "-d", make_url(restored_url).database or "", str(dump)],
            check=True,
        )  # fmt: skip
        restored = open_database(restored_url, files=tmp_path / "desk.files")
        try:
            with UnitOfWork(restored) as uow:
                assert maintenance.check(uow, desk.admin) == []
            found = search.search_cases(UnitOfWork(restored), desk.admin, "impresion norte")
            assert [c.number for c in found.cases] == [case.number]
            # The restored sequences go on from where the desk was.
            after = open_case(
                UnitOfWork(restored), desk.sofia, title="Después del respaldo",
                client="Acme SA", category="Impresoras", description="Sigue igual",
            )  # fmt: skip
            assert after.number > case.number
        finally:
            restored.dispose()
