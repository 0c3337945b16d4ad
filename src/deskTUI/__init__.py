"""deskTUI: a keyboard-first terminal help desk."""

__version__ = "0.1.0"
