"""End of Day is "before logging off": quitting late offers the end-of-day set.

When the user quits (``q``) in the workday's last hour or later and the day's End of Day
set is not done (nor skipped), the dialog that quitting shows (the end-of-day check-in)
offers it too: ``p`` plays it now, ``x`` skips it. :func:`end_set_to_offer` finds the set;
:func:`skip_end_set` logs the skip the moment it is chosen (the app is about to go, so it
is written at once, not in a worker).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from microtui.core.checkin import end_checkin_time
from microtui.core.event_states import LOGGED_STATES
from microtui.core.routine import TriggerKind
from microtui.ui.workday import notify_kept

if TYPE_CHECKING:
    from microtui.core.event_states import EventView
    from microtui.ui.workday import Workday


def end_set_to_offer(app: Workday) -> EventView | None:
    """Today's End of Day set, if quitting now should offer it: the workday's last hour or
    later on a working day, and the set neither logged nor open in the player."""
    today = app.today_screen()
    view = today.day_view if today is not None else None
    if view is None:
        return None
    now = app.services.clock.now()
    if not end_checkin_time(app.services.settings.current.schedule, now,
                            end_of_day_set_played=False):
        return None
    player = app.player_screen()
    playing = player.event_id if player is not None else None
    return next((e for e in view.events if e.event.kind is TriggerKind.END_OF_DAY
                 and e.state not in LOGGED_STATES and e.id != playing
                 and e.event.planned.date() == now.date()), None)


def skip_end_set(app: Workday, event_id: str) -> None:
    """Log the End of Day set as skipped, now; Today shows it skipped."""
    today = app.today_screen()
    if today is None:
        return
    record = today.tracker.skip(event_id, app.services.clock.now())
    today.refresh_view()
    failed = app.services.log.write("session", record)
    if failed is not None:
        notify_kept(app, failed, "session", title="Could not save the skip")
