"""The pure domain core of deskTUI: entities, the lifecycle, hour accounting, rules.

Nothing here imports the UI, the ORM or the rest of the package: it is plain
Python that the store persists and the services orchestrate.
"""
