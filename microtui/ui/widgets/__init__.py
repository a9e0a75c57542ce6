"""Reusable widgets: the player's breathing cue, exercise figure and set progress, and
Today's. Each is imported from its own module, so the app's start imports only Today's."""
