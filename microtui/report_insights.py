"""The heatmap and the insight lines for a folded history: what ``microtui report`` (text and
HTML) shows of :mod:`microtui.core.heatmap` and :mod:`microtui.core.insights`.

The share of planned sets done per day is worked out in ONE place, :func:`shares_done`, from
the adherence that :class:`~microtui.core.progress.History` already computes (sets done
against sets planned per day, capped at 1; days with nothing planned have no share). The
Progress screen can call :func:`insight_panel` as the report does, so the two never
disagree.
It never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from microtui.core.heatmap import Heatmap, build_heatmap
from microtui.core.insights import Insights, build_insights
from microtui.core.planned_sets import PlanCounter
from microtui.core.progress import History
from microtui.core.sensation_patterns import TITLE as SENSATIONS_TITLE
from microtui.core.sensation_patterns import SensationPatterns

FEELING_TITLE = "Movement and how you felt (end-of-day check-ins; today is left out)"
MOBILITY_TITLE = "Mobility against your first screen"


def shares_done(history: History, plan: PlanCounter, today: date,
                now: datetime | None = None) -> dict[date, float]:
    """The share of planned sets done (0 to 1) on each day from the first logged set to
    ``today``; days with nothing planned are left out.

    This is the one place the heatmap and the insights get their shares, through
    :meth:`History.adherence`: the one rule of how sets count
    (:func:`microtui.core.set_counts.count_sets`), as Today, Progress and the report use.
    """
    first = history.first_day
    if first is None or first > today:
        return {}
    adherence = history.adherence(first, today, plan, now)
    return {p.day: min(1.0, p.done / p.planned) for p in adherence.days if p.planned > 0}


def insight_sections(insights: Insights) -> list[tuple[str, list[str]]]:
    """``(title, lines)`` for the movement-against-feeling lines and the mobility lines."""
    return [(FEELING_TITLE, insights.feeling_lines()),
            (MOBILITY_TITLE, insights.mobility.lines())]


@dataclass(frozen=True)
class InsightPanel:
    """The heatmap and the insights of a history, as the report and Progress show them."""

    shares: dict[date, float]
    heatmap: Heatmap
    insights: Insights
    sensations: tuple[str, ...] | None = None
    """The patterns in how sets felt (:mod:`microtui.core.sensation_patterns`), as lines;
    None when they were not worked out (no section then)."""

    @property
    def sections(self) -> list[tuple[str, list[str]]]:
        out = insight_sections(self.insights)
        if self.sensations is not None:
            out.append((SENSATIONS_TITLE, list(self.sensations)))
        return out

    def lines(self) -> list[str]:
        """Everything as plain lines (heatmap title, grid, legend, then each section's title
        and lines), for a screen to show as-is."""
        out = self.heatmap.text_lines()
        for title, lines in self.sections:
            out.extend(["", title, *lines])
        return out


def insight_panel(history: History, plan: PlanCounter, today: date,
                  now: datetime | None = None,
                  sensations: SensationPatterns | None = None) -> InsightPanel:
    """The heatmap (rows: the plan's working weekdays) and every insight for ``today``;
    ``sensations``: the patterns in how sets felt, from the session records."""
    shares = shares_done(history, plan, today, now)
    heatmap = build_heatmap(shares, today, plan.settings.working_weekdays)
    insights = build_insights(shares, history.checkins, history.measurements, today)
    return InsightPanel(shares, heatmap, insights,
                        None if sensations is None else tuple(sensations.lines()))
