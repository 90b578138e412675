"""Articles in languages other than English: which language (`detect`), what its press writes
around a quote (`profiles`), who said it (`attribution`), names in Latin letters
(`transliterate`) and claims from language-neutral signals (`claims`).

`factcheck.text.extraction.extract` sends every article that `detect` does not call English
here. Pure Python, no models or downloads.
"""
