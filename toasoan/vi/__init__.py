"""Vietnamese language utilities: dates, text normalisation, slugs and numbers.

Plain functions with no models, so every test here is a fast ``SimpleTestCase``.
"""
