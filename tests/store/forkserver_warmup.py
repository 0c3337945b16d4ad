"""Imported by the fork server of ``many_operators``: SQLAlchemy's first-use work, once.

Not a test module. Every child the server forks then starts warm. A warm-up
that fails only makes the children slower; the tests themselves say what is
wrong, so the server must not die of it.
"""

import contextlib

from many_operators import warm_up

with contextlib.suppress(Exception):
    warm_up()
