"""Link: sentence vectors (encoders, cache), lexical overlap, links between articles, story groups,
manual links.
"""
