"""Issue 21 (PREFS): the lists a script needs from the shell: ``contact list`` with ids,
the case list filtered by contract and by contact, and the columns an operator chooses."""

from __future__ import annotations


def test_contact_list_gives_each_contact_its_id_client_and_channels_to_those_who_may_see_it(shop):
    shop.ok("client", "contact", "Acme SA", "John Smith", "--email", "john@acme.test")
    shop.ok("client", "add", "Initech", "--contact", "Peter Gibbons")
    john = {
        "id": 2,
        "name": "John Smith",
        "client_id": 1,
        "client": "Acme SA",
        "email": "john@acme.test",
        "phone": "",
    }
    maria = {**john, "id": 1, "name": "María Pérez", "email": ""}
    peter = {**maria, "id": 3, "name": "Peter Gibbons", "client_id": 3, "client": "Initech"}

    assert shop.json("contact", "list") == [john, maria, peter]
    assert shop.json("contact", "list", "--client", "Initech") == [peter]
    assert shop.json("contact", "list", "--client", "1") == [john, maria]
    # A client user sees their own account's people only, and another account is no one's.
    assert shop.json("contact", "list", as_="maria") == [john, maria]
    shop.refused("contact", "list", "--client", "Initech", as_="maria", says=(
        "There is no client 'Initech'"
    ))  # fmt: skip
    assert shop.ok("contact", "list", "--client", "Initech").out.splitlines()[1].split() == [
        "3", "Peter", "Gibbons", "Initech",
    ]  # fmt: skip
