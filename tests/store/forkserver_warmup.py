"""Imported by the fork server of ``many_operators``: SQLAlchemy's first-use work, once.

Not a test module. Every child the server forks then starts warm.
"""

from many_operators import warm_up

warm_up()
