"""The arguments of the ``desktui`` command tree, one module per command group
(``cli/parser.py`` puts them together)."""
