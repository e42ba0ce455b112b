"""Reference central registry server (FastAPI): enrollment, push/pull, 学籍号, cases."""
