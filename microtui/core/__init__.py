"""The pure core of microtui: exercises, phase plans, routines, time.

Nothing in this package imports Textual, TinyDB, plotext or humanize, and nothing here
reads the system clock by itself: time comes in as ``now`` or a :class:`Clock`.
``tests/unit/test_core_purity.py`` proves both.
"""
