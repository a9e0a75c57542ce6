"""microtui: micro-movements for desk workers, in the terminal."""

__version__ = "0.1.0"
