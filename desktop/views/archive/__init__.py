"""学籍档案 in the window: the school's folders with their completeness, and for one student
the checklist, location, scans, loans and handovers."""
