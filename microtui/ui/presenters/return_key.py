"""The key that brings the set in progress back in front, on every screen (the app's ``2``):
the set-in-progress line and Today's countdown name it.

A module of its own so that naming it costs Today's first frame nothing (the player's
presenters, which name it too, come with the first set)."""

RETURN_KEY = "2"
