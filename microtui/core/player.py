"""The player's phase engine: a set as one timed plan, and where in it any moment falls.

Three layers, all pure:

* :func:`build_set_plan` turns a set (its :class:`~microtui.core.routine.SetItem` list) into
  one flat :class:`SetPlan`. Every set opens with the guide's core bracing cue ("Start each
  session with the core bracing cue to stabilize the spine before proceeding"), a short
  exhaled hold, unless the set already begins with the bracing exercise itself.
* :func:`moment` is a pure function of a plan and the *active* elapsed seconds (pauses
  excluded): which phase, exercise, side, rep, cue, breath and how much time is left.
* :class:`SetPlayer` is a small immutable state object driven by monotonic timestamps that
  the caller passes in (``start``, ``pause``, ``resume``, ``next_exercise``,
  ``restart_exercise``, ``seek``, ``stop``). Each transition returns a new player. Its
  :meth:`SetPlayer.elapsed` is the single source of truth; jumps move the offset it is
  computed from, so nothing drifts. It also keeps the per-exercise accounting for the log.

Nothing here reads the clock: every time is an argument.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from microtui.core.exercises import Breath, Exercise, Phase, PhaseKind
from microtui.core.phase_plan import PhasePlan, PlannedPhase
from microtui.core.routine import SetItem

#: The exercise id of the cue phase that opens a set. Not an exercise in the library.
BRACING_CUE_ID = "bracing-cue"
#: How the UI names the cue phase.
BRACING_CUE_NAME = "Core bracing cue"
BRACING_CUE_SECONDS = 3.0
BRACING_CUE_TEXT = "Sit tall, brace gently, breathe out"
#: A set that starts with this exercise needs no cue: it *is* the bracing.
CORE_BRACING_ID = "core-bracing"

BRACING_CUE_PHASE = Phase(
    kind=PhaseKind.HOLD, seconds=BRACING_CUE_SECONDS, breath=Breath.EXHALE, cue=BRACING_CUE_TEXT
)

#: One slow breath (inhale, then exhale, half each) during ``steady`` phases, whatever the
#: tempo of the beats.
STEADY_BREATH_SECONDS = 5.0
#: ``restart_exercise`` within this many seconds of an exercise's start goes to the previous
#: exercise instead ("p twice: previous").
RESTART_GRACE_SECONDS = 2.0

PartKey = tuple[str, str | None]
"""``(exercise_id, part)``: part is the side or direction, ``None`` for a bilateral one."""


# ------------------------------------------------------------------------------------------
# The set plan
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetPlan(PhasePlan):
    """A :class:`PhasePlan` that also knows where each exercise of the set begins.

    ``exercise_starts`` holds the index in ``phases`` of the first phase of each block: the
    bracing cue (when there is one) and then every set item, in order. Two consecutive items
    of the same exercise stay two exercises for navigation.
    """

    exercise_starts: tuple[int, ...] = ()


def needs_bracing_cue(items: Sequence[SetItem]) -> bool:
    """True unless the set is empty or already opens with the bracing exercise."""
    return bool(items) and items[0].exercise_id != CORE_BRACING_ID


def bracing_cue_plan() -> PhasePlan:
    """The cue on its own: one exhaled hold of :data:`BRACING_CUE_SECONDS`."""
    return PhasePlan(
        (PlannedPhase(BRACING_CUE_ID, BRACING_CUE_PHASE, 0.0, BRACING_CUE_SECONDS, rep=1, reps=1),)
    )


def build_set_plan(items: Sequence[SetItem], exercises: Mapping[str, Exercise]) -> SetPlan:
    """The whole set as one flat, timed plan, opening with the bracing cue when needed.

    Raises :class:`KeyError` for an item naming an exercise that is not in ``exercises``.
    """
    plan = bracing_cue_plan() if needs_bracing_cue(items) else PhasePlan(())
    starts: list[int] = [0] if plan.phases else []
    for item in items:
        try:
            exercise = exercises[item.exercise_id]
        except KeyError:
            raise KeyError(f"unknown exercise {item.exercise_id!r} in the set") from None
        part = item.plan(exercise)
        if part.phases:
            starts.append(len(plan.phases))
            plan = plan + part
    return SetPlan(phases=plan.phases, exercise_starts=tuple(starts))


def exercise_starts(plan: PhasePlan) -> tuple[int, ...]:
    """Indices of the first phase of each exercise (the cue counts as one).

    A :class:`SetPlan` knows them; for a plain :class:`PhasePlan` an exercise begins
    wherever the exercise id changes.
    """
    if isinstance(plan, SetPlan) and (plan.exercise_starts or not plan.phases):
        return plan.exercise_starts
    return tuple(
        i for i, p in enumerate(plan.phases)
        if i == 0 or p.exercise_id != plan.phases[i - 1].exercise_id
    )


def exercise_name(exercise_id: str, exercises: Mapping[str, Exercise]) -> str:
    """The display name of a plan's exercise id, the bracing cue included."""
    if exercise_id == BRACING_CUE_ID:
        return BRACING_CUE_NAME
    exercise = exercises.get(exercise_id)
    return exercise.name if exercise is not None else exercise_id


def planned_seconds(plan: PhasePlan, include_cue: bool = False) -> dict[PartKey, float]:
    """Planned seconds per ``(exercise_id, part)``, in plan order; the cue only if asked."""
    result: dict[PartKey, float] = {}
    for i, planned in enumerate(plan.phases):
        key = (planned.exercise_id, planned.part)
        if key[0] == BRACING_CUE_ID and not include_cue:
            continue
        start, end = _phase_span(plan, i)
        result[key] = result.get(key, 0.0) + (end - start)
    return result


def _phase_span(plan: PhasePlan, index: int) -> tuple[float, float]:
    """A phase's [start, end): its end is the next phase's start, so spans tile exactly."""
    phases = plan.phases
    end = phases[index + 1].start if index + 1 < len(phases) else plan.total_seconds
    return phases[index].start, end


# ------------------------------------------------------------------------------------------
# The moment: a pure function of (plan, elapsed)
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """Everything the player shows at one instant of a plan.

    On a boundary the moment belongs to the *next* phase: at exactly ``phase.start`` you
    are at the start of that phase, with its full time left; at exactly the plan's total
    the set is finished. Once finished there is no current phase: ``planned``,
    ``exercise_id``, ``kind``, ``breath`` and ``breath_word`` are ``None``, ``index`` is
    ``len(plan.phases)`` and ``exercise_index`` is ``exercise_count``.

    Breath, three ways:

    * ``breath`` is what the phase prescribes (exhale, inhale or steady).
    * ``breath_progress`` (0..1) is how far through this phase, and so through its exhale or
      inhale, you are. It never decreases within a phase.
    * ``breath_word`` / ``breath_word_progress`` is what to show on a breathing prompt. For an
      exhale or inhale phase they equal ``breath`` and ``breath_progress``. For a ``steady``
      phase they follow a slow rhythm of its own (:data:`STEADY_BREATH_SECONDS`, inhale then
      exhale, half each) counted from the start of the run of steady phases, independent of
      the beats; ``breath_word_progress`` then restarts each time the word changes, which
      may be in the middle of a beat.
    """

    index: int
    exercise_index: int
    exercise_count: int
    planned: PlannedPhase | None
    exercise_id: str | None
    part: str | None
    rep: int
    reps: int
    kind: PhaseKind | None
    cue: str
    phase_seconds: float
    elapsed_in_phase: float
    phase_left: float
    set_elapsed: float
    set_left: float
    set_seconds: float
    breath: Breath | None
    breath_progress: float
    breath_word: Breath | None
    breath_word_progress: float
    progress: float
    finished: bool

    @property
    def is_cue(self) -> bool:
        """True during the bracing cue that opens a set."""
        return self.exercise_id == BRACING_CUE_ID


def phase_index_at(plan: PhasePlan, elapsed: float) -> int:
    """Index of the phase at ``elapsed`` (the next one on a boundary); len(phases) at the end.

    Negative elapsed counts as 0.
    """
    phases = plan.phases
    if not phases or elapsed >= plan.total_seconds:
        return len(phases)
    index = bisect.bisect_right(phases, max(0.0, elapsed), key=lambda p: p.start) - 1
    return max(0, index)


def steady_breath(seconds_into_rhythm: float) -> tuple[Breath, float]:
    """The word (inhale or exhale) and its 0..1 progress, this far into a steady rhythm."""
    half = STEADY_BREATH_SECONDS / 2
    position = max(0.0, seconds_into_rhythm) % STEADY_BREATH_SECONDS
    if position < half:
        return Breath.INHALE, position / half
    return Breath.EXHALE, (position - half) / half


def moment(plan: PhasePlan, elapsed: float) -> Moment:
    """Where the set stands after ``elapsed`` active seconds (pauses excluded).

    Negative elapsed is the start; at or past the total the set is finished.
    """
    total = plan.total_seconds
    elapsed = min(max(0.0, float(elapsed)), total)
    starts = exercise_starts(plan)
    index = phase_index_at(plan, elapsed)
    if index >= len(plan.phases):
        return Moment(
            index=len(plan.phases), exercise_index=len(starts), exercise_count=len(starts),
            planned=None, exercise_id=None, part=None, rep=0, reps=0, kind=None, cue="",
            phase_seconds=0.0, elapsed_in_phase=0.0, phase_left=0.0, set_elapsed=total,
            set_left=0.0, set_seconds=total, breath=None, breath_progress=0.0,
            breath_word=None, breath_word_progress=0.0, progress=1.0, finished=True,
        )
    planned = plan.phases[index]
    start, end = _phase_span(plan, index)
    seconds = end - start
    in_phase = elapsed - start
    breath_progress = min(1.0, in_phase / seconds) if seconds > 0 else 1.0
    block = bisect.bisect_right(starts, index) - 1
    breath = planned.phase.breath
    if breath is Breath.STEADY:
        run_start = index
        first_of_block = starts[block] if block >= 0 else 0
        while (run_start > first_of_block
               and plan.phases[run_start - 1].phase.breath is Breath.STEADY):
            run_start -= 1
        word, word_progress = steady_breath(elapsed - plan.phases[run_start].start)
    else:
        word, word_progress = breath, breath_progress
    return Moment(
        index=index, exercise_index=max(0, block), exercise_count=len(starts),
        planned=planned, exercise_id=planned.exercise_id, part=planned.part,
        rep=planned.rep, reps=planned.reps, kind=planned.phase.kind, cue=planned.phase.cue,
        phase_seconds=seconds, elapsed_in_phase=in_phase, phase_left=max(0.0, end - elapsed),
        set_elapsed=elapsed, set_left=max(0.0, total - elapsed), set_seconds=total,
        breath=breath, breath_progress=breath_progress, breath_word=word,
        breath_word_progress=word_progress, progress=elapsed / total, finished=False,
    )


# ------------------------------------------------------------------------------------------
# The player: transitions on monotonic timestamps
# ------------------------------------------------------------------------------------------


class PlayerStatus(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"
    FINISHED = "finished"


@dataclass(frozen=True)
class SetPlayer:
    """An immutable player state; every transition returns a new one.

    Time model: *active* seconds are monotonic seconds spent running (pauses excluded).
    The plan position is ``seg_from + (active - seg_active)``: the current *segment* began
    at plan second ``seg_from`` when ``seg_active`` active seconds had passed. A jump
    (next, restart, seek) only closes the segment and opens a new one at the target, i.e. it
    moves the offset; :meth:`elapsed` stays the one source of truth, and is exactly the
    target at the instant of the jump.

    Closed segments are kept (as plan-second intervals) for the per-exercise accounting.

    ``stop`` freezes the player: later transitions return it unchanged. Transitions that
    make no sense in the current state (pause before start, resume while running, ...)
    are no-ops too. A monotonic time earlier than the last transition counts as no time.
    """

    plan: PhasePlan
    started: bool = False
    stopped: bool = False
    run_since: float | None = None
    active_before: float = 0.0
    seg_from: float = 0.0
    seg_active: float = 0.0
    segments: tuple[tuple[float, float], ...] = ()

    @classmethod
    def for_set(cls, items: Sequence[SetItem], exercises: Mapping[str, Exercise]) -> SetPlayer:
        """A ready player for a set, bracing cue included."""
        return cls(build_set_plan(items, exercises))

    # -- reading --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.run_since is not None

    def active_seconds(self, now_mono: float) -> float:
        """Monotonic seconds spent running so far (pauses excluded), unclamped."""
        if self.run_since is None:
            return self.active_before
        return self.active_before + max(0.0, now_mono - self.run_since)

    def _position(self, now_mono: float) -> float:
        return self.seg_from + (self.active_seconds(now_mono) - self.seg_active)

    def elapsed(self, now_mono: float) -> float:
        """Active plan seconds: 0 before start, never past the plan's total."""
        return min(max(0.0, self._position(now_mono)), self.plan.total_seconds)

    def moment(self, now_mono: float) -> Moment:
        return moment(self.plan, self.elapsed(now_mono))

    def finished(self, now_mono: float) -> bool:
        return self.elapsed(now_mono) >= self.plan.total_seconds

    def status(self, now_mono: float) -> PlayerStatus:
        if self.finished(now_mono):
            return PlayerStatus.FINISHED
        if self.stopped:
            return PlayerStatus.STOPPED
        if not self.started:
            return PlayerStatus.READY
        return PlayerStatus.RUNNING if self.running else PlayerStatus.PAUSED

    # -- transitions ------------------------------------------------------------------------

    def start(self, now_mono: float) -> SetPlayer:
        if self.started or self.stopped:
            return self
        return replace(self, started=True, run_since=now_mono)

    def pause(self, now_mono: float) -> SetPlayer:
        if self.run_since is None or self.stopped:
            return self
        return replace(self, active_before=self.active_seconds(now_mono), run_since=None)

    def resume(self, now_mono: float) -> SetPlayer:
        if not self.started or self.running or self.stopped:
            return self
        return replace(self, run_since=now_mono)

    def toggle_pause(self, now_mono: float) -> SetPlayer:
        return self.pause(now_mono) if self.running else self.resume(now_mono)

    def stop(self, now_mono: float) -> SetPlayer:
        if self.stopped:
            return self
        return replace(self.pause(now_mono), stopped=True)

    def seek(self, now_mono: float, target: float) -> SetPlayer:
        """Jump to plan second ``target`` (clamped to the plan), keeping run/pause state."""
        if self.stopped:
            return self
        target = min(max(0.0, float(target)), self.plan.total_seconds)
        closed = (self.seg_from, self._position(now_mono))
        return replace(
            self,
            segments=self.segments + (closed,),
            seg_from=target,
            seg_active=self.active_seconds(now_mono),
        )

    def next_exercise(self, now_mono: float) -> SetPlayer:
        """Jump to the first phase of the next exercise; from the last one, to the end."""
        starts = self._exercise_start_seconds()
        elapsed = self.elapsed(now_mono)
        later = [s for s in starts if s > elapsed]
        return self.seek(now_mono, later[0] if later else self.plan.total_seconds)

    def restart_exercise(self, now_mono: float) -> SetPlayer:
        """Back to this exercise's first phase; within the first
        :data:`RESTART_GRACE_SECONDS` of it, to the previous exercise's start instead.

        Once finished, "this exercise" is the last one.
        """
        starts = self._exercise_start_seconds()
        if not starts:
            return self
        elapsed = self.elapsed(now_mono)
        block = max(0, bisect.bisect_right(starts, elapsed) - 1)
        if elapsed - starts[block] < RESTART_GRACE_SECONDS and block > 0:
            block -= 1
        return self.seek(now_mono, starts[block])

    def _exercise_start_seconds(self) -> list[float]:
        return [self.plan.phases[i].start for i in exercise_starts(self.plan)]

    # -- accounting for the log -------------------------------------------------------------

    def played_intervals(self, now_mono: float) -> tuple[tuple[float, float], ...]:
        """Plan-second intervals actually played, in order, clamped to the plan."""
        total = self.plan.total_seconds
        raw = self.segments + ((self.seg_from, self._position(now_mono)),)
        clamped = ((min(max(0.0, a), total), min(max(0.0, b), total)) for a, b in raw)
        return tuple((a, b) for a, b in clamped if b > a)

    def done_seconds(self, now_mono: float, include_cue: bool = False) -> dict[PartKey, float]:
        """Active seconds really spent in each ``(exercise_id, part)``.

        Every planned key is present; a skipped part counts 0. Time played and then
        restarted counts as well: 10 s of an exercise, a restart and a full 16 s run log
        26 s, because that is what was done (so done can exceed planned; see
        :meth:`covered_seconds` for how much of the plan was reached). The bracing cue is
        left out unless ``include_cue``.
        """
        return _overlap(self.plan, self.played_intervals(now_mono), include_cue)

    def covered_seconds(self, now_mono: float, include_cue: bool = False) -> dict[PartKey, float]:
        """Seconds of each ``(exercise_id, part)``'s plan played at least once (≤ planned)."""
        return _overlap(self.plan, _union(self.played_intervals(now_mono)), include_cue)

    def planned_seconds(self, include_cue: bool = False) -> dict[PartKey, float]:
        return planned_seconds(self.plan, include_cue)


def _union(intervals: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _overlap(plan: PhasePlan, intervals: Iterable[tuple[float, float]],
             include_cue: bool) -> dict[PartKey, float]:
    result = {key: 0.0 for key in planned_seconds(plan, include_cue)}
    spans = [(_phase_span(plan, i), (p.exercise_id, p.part)) for i, p in enumerate(plan.phases)]
    for a, b in intervals:
        for (start, end), key in spans:
            if key in result:
                overlap = min(b, end) - max(a, start)
                if overlap > 0:
                    result[key] += overlap
    return result
