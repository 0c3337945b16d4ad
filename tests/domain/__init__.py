"""Unit tests of the pure domain core (deskTUI.domain)."""
