"""Reusable widgets: the player's breathing cue, exercise figure and set progress, Today's,
and the routine form's check lists. Each is imported from its own module, so the app's start
imports only Today's."""
