"""Use cases: one function per user action, shared by the TUI and the command line.

Every function takes a unit of work and the acting user, checks permission
first, runs in one short transaction and logs what it changed.
"""
