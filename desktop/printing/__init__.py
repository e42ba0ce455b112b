"""PDF documents with reportlab: build(data) -> bytes. No Qt, no database."""
