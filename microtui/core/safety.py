"""The guide's safety advice, in its own words: one place for every screen and report.

"If you experience sharp pain, dizziness, or persistent discomfort, pause the routine and
consult a health professional. Micro-movements should feel like a gentle 'reset' rather
than a strenuous workout." The player shows it after ``!``; Help and the Library show it
up front, with every exercise (the guide's second pass, issue "safety up front").
"""

from __future__ import annotations

SAFETY_ADVICE = ("If you experience sharp pain, dizziness, or persistent discomfort, pause the "
                 "routine and consult a health professional.")
GENTLE_RESET = "Micro-movements should feel like a gentle reset rather than a strenuous workout."
