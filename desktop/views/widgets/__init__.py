"""Reusable widgets: inline message banner, debounced search box, filtering code combos."""
