"""Framing: cues per sentence, attributions and sources, typed changes, findings and the headline
check.
"""
