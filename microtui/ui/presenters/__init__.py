"""Presenters: what a screen shows, worked out from core objects as plain data.

A presenter is a plain class a screen owns. It imports no Textual, so it is tested without
an app; the screen hands its output to the widgets.
"""
