"""The words of Progress: the summary line, region titles, the feel change."""

from __future__ import annotations

from microtui.core.exercises import Region
from microtui.core.progress_view import Balance
from microtui.core.time_text import minutes_text


def region_title(value: str) -> str:
    try:
        return Region(value).label
    except ValueError:
        return value


def summary_line(total_moved_seconds: float, week_sets: int, week: Balance,
                 suggestions: int = 0, *, compact: bool = False) -> str:
    """``Moved 1,234 min in all · 96 sets this week · most: Core · least: Hand and wrist ·
    2 progressions suggested``; ``compact`` says the same in fewer characters."""
    most, least = week.most_least()
    moved = minutes_text(total_moved_seconds, seconds_under_a_minute=True)
    plural = "" if week_sets == 1 else "s"
    if compact:
        parts = [f"{moved} moved", f"{week_sets} set{plural} this week"]
        if most is not None:
            parts.append(f"most {region_title(most)}, least {region_title(least or most)}")
        noun = "progression" if suggestions == 1 else "progressions"
        parts.append(f"{suggestions or 'no'} {noun} due")
        return " · ".join(parts)
    parts = [f"Moved {moved} in all",
             f"{week_sets} set{plural} this week"]
    if most is None:
        parts.append("no region trained this week")
    else:
        parts.append(f"most: {region_title(most)}")
        parts.append(f"least: {region_title(least or most)}")
    noun = "progression" if suggestions == 1 else "progressions"
    parts.append(f"{suggestions} {noun} suggested" if suggestions else "no progressions pending")
    return " · ".join(parts)


def feel_change_text(change: float | None, metric: str) -> str:
    """``"+1.2"`` / ``"−0.5"`` / ``"–"`` (no paired days)."""
    if change is None:
        return "–"
    if abs(change) < 0.05:
        return "±0"
    return f"{change:+.1f}".replace("-", "−")
