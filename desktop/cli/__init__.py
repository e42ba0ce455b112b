"""The headless command line `xueji …`: the same services as the app, for scripts and checks.

Exit codes: 0 done; 1 refused (invalid records, a rule said no; nothing changed);
2 environment (wrong password, missing file, locked database, disk full). Every message is
one Chinese sentence on stderr; a traceback is never shown.
"""
