"""The 同步 page: enrollment, sync now and in the background, states, conflicts, findings."""
