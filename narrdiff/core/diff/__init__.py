"""Diff: word-level changes inside linked sentences."""
