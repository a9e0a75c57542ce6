"""The app's screens: one per mode, plus modal screens such as help."""
