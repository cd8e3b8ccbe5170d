"""Views: the widgets that render a Comparison (columns, gutters, coverage, framing, inspector)."""
