"""Parse: a Document becomes an Article (paragraph roles, sentence segmentation with offsets)."""
