"""Use cases over the encrypted store: one unit of work each, audit + outbox in the same
transaction, frozen DTOs out. No Qt."""
