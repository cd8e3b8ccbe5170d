"""Presentation mode: one fact at a time, in very large type, for a classroom projector."""
