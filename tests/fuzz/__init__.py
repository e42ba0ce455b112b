"""Hostile input, property-based: workbooks, JSON for the CLI, photos and archive scans."""
