"""Importing from national-template rows: plan, rows, match, apply; reconciling with
the national export; demo data."""
