"""Report: what readers are told, written as JSON, text, HTML, CSV or a worksheet; the writers
never import each other.
"""
