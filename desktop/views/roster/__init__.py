"""The roster (学生名册): id-backed table model and the page around it."""
