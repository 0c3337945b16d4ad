"""``desktui case similar NUMBER [--limit N] [--json]``: the solved cases most like one
case (issue 21, seed 000), and solutions found by ``case list --query``. Both engines."""

from __future__ import annotations


def solved(shop, title: str, solution: str, client: str = "Acme SA") -> str:
    number = shop.working_case(title=title, client=client, description="Pasó ayer")
    shop.ok("case", "move", number, "finished", "--solution", solution, as_="ana")
    return number


def test_case_similar_lists_the_solved_cases_most_like_one_best_first(shop):
    fuser = solved(shop, "Impresora atasca el papel", "Cambiamos el fusor\nY el rodillo")
    solved(shop, "Red lenta", "Switch nuevo")
    other = solved(shop, "Impresora atasca hojas", "Resma húmeda", client="Globex Ltda")
    asking = shop.open_case(title="La impresora atasca el papel", description="Desde hoy")

    found = shop.json("case", "similar", asking, "--json")
    assert [s["number"] for s in found] == [fuser, other]
    assert set(found[0]) == {"number", "title", "solution_first_line", "score"}
    assert found[0]["solution_first_line"] == "Cambiamos el fusor"
    assert found[0]["score"] > found[1]["score"]
    assert [
        s["number"] for s in shop.json("case", "similar", asking, "--limit", "1", "--json")
    ] == [fuser]

    lines = shop.ok("case", "similar", asking).out.splitlines()
    assert lines[0].split() == ["NUMBER", "SCORE", "TITLE", "SOLUTION"]
    assert lines[1].startswith(fuser) and lines[1].endswith("Cambiamos el fusor")

    # The word only in the solution finds its case
    listed = shop.json("case", "list", "--query", "fusor", "--json")
    assert [c["number"] for c in listed] == [fuser]

    # A client sees her account's cases only; the other client's case is not offered
    assert [s["number"] for s in shop.json("case", "similar", asking, "--json", as_="maria")] == [
        fuser
    ]
    shop.refused("case", "similar", asking, as_="gloria", contains="no case")
    assert shop.json("case", "similar", other, "--json", as_="gloria") == []
    assert shop.json("case", "list", "--query", "fusor", "--json", as_="gloria") == []


def test_case_similar_refuses_bad_limits_and_says_when_there_is_none(shop):
    asking = shop.open_case(title="No es de la")
    assert (
        shop.ok("case", "similar", asking).out == "No solved case like this one that you may see.\n"
    )
    assert shop.json("case", "similar", asking, "--json") == []
    for limit in ("0", "51", str(2**63)):
        shop.refused("case", "similar", asking, "--limit", limit, contains="from 1 to 50")
    shop.refused("case", "similar", "CS-999999", contains="CS-999999")
