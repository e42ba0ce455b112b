"""Excel files: the national 学籍 template in and out (imports, exports, error reports) and the
statistics tables as workbooks.

Sits between the services and the views (and the CLI): it turns workbooks into template rows
for desktop.services.importing.apply and service results into workbooks. No Qt, no database access.
"""
