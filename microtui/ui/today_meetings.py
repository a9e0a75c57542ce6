"""The meetings typed in on Today: ``m`` adds one, ``e`` edits and ``d`` deletes the one the
selected set comes before. Each change is written the moment it is made (through the app's
:class:`~microtui.log_writer.LogWriter`, in a thread worker: a failed write is kept and
saved with the next), and the day's meetings are read back when Today starts a day.

:class:`TodayMeetings` does this for the screen; the screen keeps its keys and asks it.
"""

from __future__ import annotations

from datetime import time
from functools import partial
from typing import TYPE_CHECKING

from microtui.core.typed_meetings import TypedMeeting, typed_meetings_of
from microtui.ui.widgets.timeline import Timeline
from microtui.ui.workday import notify_kept

if TYPE_CHECKING:
    from datetime import date

    from microtui.core.timeline import TriggerEvent
    from microtui.store import Store
    from microtui.ui.screens.today import TodayScreen

MEETING_ACTIONS = ("edit_meeting", "delete_meeting")
"""Today's actions on the selected set's typed meeting (shown only when it has one)."""


def stored_meetings(store: Store, day: date) -> list[TypedMeeting]:
    """``day``'s typed meetings as stored (this reads the disk)."""
    return typed_meetings_of(store.meetings(day.isoformat()), day)


class TodayMeetings:
    """Typed meetings for ``screen`` (see the module docstring)."""

    def __init__(self, screen: TodayScreen) -> None:
        self.screen = screen

    @property
    def selected(self) -> TypedMeeting | None:
        """The typed meeting the selected set comes before, if any."""
        return self.screen.tracker.meeting_of_event(self.screen.selection.event_id)

    # -- the keys --

    def add(self) -> None:
        from microtui.ui.screens.meeting_dialog import MeetingDialog  # loaded when first asked

        screen = self.screen
        dialog = MeetingDialog.for_routine(screen.routine, screen.settings)
        screen.app.push_screen(dialog, self._added)

    def edit(self) -> None:
        meeting = self.selected
        if meeting is None:
            return
        from microtui.ui.screens.meeting_dialog import MeetingDialog

        screen = self.screen
        dialog = MeetingDialog.for_routine(screen.routine, screen.settings,
                                           meeting=(meeting.at, meeting.title))
        screen.app.push_screen(dialog, partial(self._edited, meeting.id))

    def delete(self) -> None:
        meeting = self.selected
        if meeting is None:
            return
        removed = self.screen.tracker.remove_meeting(meeting.id)
        self._save(removed)
        self.screen.selection.follow()
        self.screen.notify(f"{meeting.title} at {meeting.at:%H:%M} and its set are gone.",
                           title="Meeting deleted", timeout=5)
        self.screen.refresh_view()

    # -- what the dialog answered --

    def _added(self, result: tuple[time, str] | None) -> None:
        if result is None:
            return
        meeting, event = self.screen.tracker.add_typed_meeting(*result)
        self._save(meeting)
        self._show(meeting, event, "Meeting added")

    def _edited(self, meeting_id: str, result: tuple[time, str] | None) -> None:
        if result is None:
            return
        try:
            meeting, event = self.screen.tracker.edit_meeting(meeting_id, *result)
        except KeyError:  # a new day began while the dialog was open
            return
        self._save(meeting)
        self._show(meeting, event, "Meeting changed")

    def _show(self, meeting: TypedMeeting, event: TriggerEvent | None, title: str) -> None:
        screen = self.screen
        if event is not None:
            screen.selection.pick(event.id)
            screen.notify(f"{meeting.title} at {meeting.at:%H:%M}: a set at "
                          f"{event.planned:%H:%M} before it.", title=title, timeout=5)
        else:
            screen.selection.follow()
            screen.notify(f"{meeting.title} at {meeting.at:%H:%M} gets no set of its own: "
                          "it is outside the working day or already under way.",
                          title=title, timeout=6)
        screen.refresh_view()
        if event is not None:
            screen.query_one(Timeline).scroll_to_event(event.id)

    # -- the store --

    def _save(self, meeting: TypedMeeting) -> None:
        """Write ``meeting`` now, in a thread worker."""
        self.screen.run_worker(partial(self._write, meeting), thread=True,
                               group="today-meetings", exit_on_error=False)

    def _write(self, meeting: TypedMeeting) -> None:
        failed = self.screen.services.log.write("meeting", meeting.to_record())
        if failed is not None:
            notify_kept(self.screen, failed, "meeting", title="Could not save the meeting")
