"""Storage: SQLCipher engine and keys, SQLAlchemy models, migrations, unit of work. No Qt."""
