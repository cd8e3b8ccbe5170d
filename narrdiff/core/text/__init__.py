"""Words: the one tokenizer and stemmer, number words, quotation spans. Depends on nothing else in
narrdiff.
"""
