"""Statistics and the data behind printed registers and exports."""
