"""Sync with the central registry (XJSP/1): protocol messages, outbox pusher, feed puller,
HTTP and bundle transports. No Qt.

`desktop.sync.wire.protocol` is shared with the reference server (`central`) and imports nothing
else of `desktop`; the rest of this package is the client side.
"""
