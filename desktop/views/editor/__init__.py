"""The student editor: all 72 items of the national form, grouped as the form groups them."""
