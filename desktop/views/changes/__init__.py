"""学籍变动 in the window: the change dialog, a student's timeline, the school's recent changes,
and the to-do page."""
