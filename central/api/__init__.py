"""Thin routers and their dependencies: auth, push, pull, public, console."""
