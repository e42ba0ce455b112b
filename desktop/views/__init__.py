"""Qt widgets: windows, dialogs, table models over ids. Views call services only."""
