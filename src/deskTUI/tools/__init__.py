"""Tools that work on a whole desk at once, beside the use cases: the demo generator
(``demo``), the verified copy of a desk into another database (``desk_copy``,
``migration``) and bulk loading (``bulk_load``).

They write rows straight through the store's tables for speed, so they sit above the
services in the layers (pyproject's import contracts): they may use the store and the
services; the command line calls them; no screen, widget or service imports them.
"""
