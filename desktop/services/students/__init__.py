"""Students: read, add, update, duplicate checks, classes, photos, lookups."""
