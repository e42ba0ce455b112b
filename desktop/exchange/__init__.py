"""Excel files in the national 学籍 template: reading imports, writing exports and error reports.

Sits between the services and the views (and the CLI): it turns workbooks into template rows
for desktop.services.importing and template rows into workbooks. No Qt, no database access.
"""
