"""``desktui file review … --reason`` and ``desktui file list`` (issue 21, seed 000 Archivos)."""

from __future__ import annotations


def test_a_rejected_file_keeps_its_reason_in_file_list_and_case_show(shop, tmp_path):
    number = shop.working_case()
    for name in ("foto.png", "factura.pdf"):
        (tmp_path / name).write_bytes(name.encode() * 3)
        shop.ok("file", "add", number, str(tmp_path / name), as_="ana")
    shop.refused(
        "file", "review", "2", "rejected", as_="sofia", contains="Rejecting file 2 needs a reason"
    )
    shop.refused(
        "file", "review", "1", "valid", "--reason", "ok", as_="sofia",
        says="A reason goes with rejecting a file; file 1 is being marked valid",
    )  # fmt: skip
    assert shop.show(number)["counters"]["files"]["pending"] == 2  # nothing half-done
    assert shop.ok("file", "review", "1", "valid", as_="sofia").out == "File 1 is valid.\n"
    said = shop.ok("file", "review", "2", "rejected", "--reason", "[bold]Borrosa[/]", as_="sofia")
    assert said.out == "File 2 is rejected: [bold]Borrosa[/]\n"
    listed = shop.json("file", "list", number, as_="maria")  # the client who sent it reads why
    assert listed["counters"] == {"total": 2, "pending": 0, "valid": 1, "rejected": 1}
    assert [(f["id"], f["review"], f["review_reason"]) for f in listed["files"]] == [
        (1, "valid", ""),
        (2, "rejected", "[bold]Borrosa[/]"),
    ]
    shown = shop.show(number)["files"]
    assert [(f["review"], f["review_reason"]) for f in shown] == [
        ("valid", ""),
        ("rejected", "[bold]Borrosa[/]"),
    ]
    lines = shop.ok("file", "list", number, as_="ana").out.splitlines()
    assert lines[0] == "2 files · 0 pending · 1 valid · 1 rejected"
    assert lines[1].split() == ["ID", "NAME", "SIZE", "REVIEW", "REASON"]
    assert lines[3].split() == ["2", "factura.pdf", "33", "rejected", "[bold]Borrosa[/]"]
    shop.refused("file", "list", number, as_="gloria", contains=number)


NEW = ("case", "new", "--title", "Sin red", "--description", "No hay red",
       "--client", "Acme SA", "--category", "Impresoras")  # fmt: skip


def test_case_new_takes_a_solution_and_files_and_opens_nothing_when_a_file_is_missing(
    shop, tmp_path
):
    (tmp_path / "acta.pdf").write_bytes(b"%PDF acta")
    (tmp_path / "foto.png").write_bytes(b"\x89PNG foto")
    missing = tmp_path / "nada.png"
    shop.refused(
        *NEW,
        "--attach",
        str(tmp_path / "acta.pdf"),
        "--attach",
        str(missing),
        says=f"{missing} is not a readable file",
    )  # fmt: skip  (refused: nothing written, no case either)
    (tmp_path / "fotos").mkdir()
    shop.refused(
        *NEW, "--attach", str(tmp_path / "fotos"),
        says=f"{tmp_path}/fotos is a folder; name the files in it (a pattern like "
        f"{tmp_path}/fotos/* names them all)",
    )  # fmt: skip
    (tmp_path / "vacio.txt").write_bytes(b"")
    shop.refused(
        *NEW,
        "--attach",
        str(tmp_path / "acta.pdf"),
        "--attach",
        str(tmp_path / "vacio.txt"),
        says="vacio.txt is empty: there is nothing to attach",
    )  # fmt: skip  (told before acta.pdf's content is stored: no blob left behind)
    shop.refused(
        *NEW, "--solution", "Reinicie", as_="maria", contains="Clients cannot set"
    )  # a client describes the problem; the desk writes the solution
    shown = shop.json(
        *NEW, "--solution", "Reinicie el router", "--attach", str(tmp_path / "acta.pdf"),
        "--attach", str(tmp_path / "foto.png"),
    )  # fmt: skip
    assert shown["solution"] == "Reinicie el router"
    assert shown["status"] == "new"  # the rule to finish is unchanged: it is still open
    assert [(f["name"], f["review"]) for f in shown["files"]] == [
        ("acta.pdf", "pending"),
        ("foto.png", "pending"),
    ]
    assert shown["counters"]["files"]["total"] == 2


def test_file_add_attaches_several_paths_at_once_or_none_when_one_is_missing(shop, tmp_path):
    number = shop.working_case()
    for name in ("acta.pdf", "foto.png"):
        (tmp_path / name).write_bytes(name.encode())
    missing = tmp_path / "nada.png"
    shop.refused(
        "file", "add", number, str(tmp_path / "acta.pdf"), str(missing), as_="ana",
        says=f"{missing} is not a readable file",
    )  # fmt: skip
    assert shop.json("file", "list", number, as_="ana")["files"] == []  # none of them
    said = shop.ok("file", "add", number, *(str(tmp_path / n) for n in ("acta.pdf", "foto.png")), as_="ana")  # fmt: skip
    assert said.out == (
        "Attached acta.pdf (8 bytes) as file 1.\nAttached foto.png (8 bytes) as file 2.\n"
    )
    (tmp_path / "nota.txt").write_bytes(b"nota")
    one = shop.json("file", "add", number, str(tmp_path / "nota.txt"), as_="ana")
    assert (one["id"], one["name"]) == (3, "nota.txt")  # one path: the object, as before
