"""Pure-Python text cores: cleaning, sentence splitting, quote and claim extraction.

Nothing in this package imports Django, so it can be tested and benchmarked alone.
"""
