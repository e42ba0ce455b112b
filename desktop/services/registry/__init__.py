"""What sync needs from the store: outbox, feed, results, conflicts, cases, device."""
