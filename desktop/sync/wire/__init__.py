"""What the desk and the central registry share: protocol messages and the USB bundle
format. Pure: no storage, no network, no other desktop code."""
