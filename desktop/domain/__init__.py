"""Pure 学籍 rules: ID numbers, 学籍号, code tables, template fields, validation.

Nothing here imports Qt or SQL; the only input it reads is the bundled, read-only
reference data under resources/ (code tables, region codes, name readings).
"""
