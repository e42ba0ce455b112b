"""学籍变动 and what follows them: deferrals, the dropout ledger, verification rounds and
data quality, year end, the to-do list."""
