"""``python -m deskTUI`` does what the ``desktui`` command does."""

from deskTUI.cli import main

raise SystemExit(main())
