"""Reference central registry server (FastAPI, XJSP/1): enrollment, push/pull, 学籍号
assignment and duplicate findings; approval cases and bundles come later (docs/protocol.md)."""
