"""The ``microtui`` command: the full-screen app by default, and small subcommands.

Subcommands stay light: none of them imports Textual, so they start fast and can be used
from scripts and status bars.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from microtui import __version__
from microtui.launch import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, let_stdout_go

if TYPE_CHECKING:
    from microtui.context import Context
    from microtui.core.loader import Library
    from microtui.log_writer import LogWriter
    from microtui.next_keeper import NextStateKeeper
    from microtui.ui.app import MicroTuiApp


#: The longest ``report --days`` (a hundred years; ``all`` is the whole history).
REPORT_DAYS_MAX = 36_500


def common_options(*, in_subcommand: bool) -> argparse.ArgumentParser:
    """The options of every command, given before or after the subcommand's name.

    In a subcommand they default to nothing at all (``argparse.SUPPRESS``), so that one
    given before the subcommand is not undone by the subcommand's default."""
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if in_subcommand else None
    parent.add_argument("--data", metavar="DIR", default=default,
                        help="data directory (or MICROTUI_DATA)")
    parent.add_argument(
        "--exercises", metavar="PATH", type=Path, default=default,
        help="your own exercises.toml, merged over the built-in library by id",
    )
    parent.add_argument("--calendar", metavar="FILE|DIR|URL", default=default,
                        help="an .ics calendar file, a directory of them (vdirsyncer, khal) "
                        "or an https:// iCalendar address: a set comes before each meeting")
    return parent


def report_days(text: str) -> int | None:
    """``report --days``: a number of days (1 to :data:`REPORT_DAYS_MAX`), or ``all``
    (None)."""
    if text.strip().lower() == "all":
        return None
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number of days or all, got {text!r:.40}") from None
    if not 1 <= days <= REPORT_DAYS_MAX:
        raise argparse.ArgumentTypeError(
            f"must be 1 to {REPORT_DAYS_MAX} (or all, for your whole history), got {days}")
    return days


COMMANDS = ("check", "today", "next", "report", "export", "import")
"""The subcommands (their parsers are built only when the command line may name one)."""


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; without ``commands``, the app's options only."""
    parser = argparse.ArgumentParser(
        prog="microtui",
        description="Micro-movements for desk workers: a full-screen terminal app.",
        epilog="Run without a command to start the app. --data, --exercises and --calendar "
        "go before or after a command. MICROTUI_NOW and MICROTUI_SPEED set and speed up the "
        "app's clock (see README).",
        parents=[common_options(in_subcommand=False)],
    )
    parser.add_argument("--version", action="version", version=f"microtui {__version__}")
    parser.add_argument("--notify", choices=("osc9", "osc777", "desktop"),
                        help="also send desktop notifications through the terminal (OSC 9: "
                        "iTerm2, kitty, WezTerm, Windows Terminal; OSC 777: foot, VTE), or "
                        "desktop: with notify-send (Linux) or osascript (macOS)")
    parser.add_argument("--autostart", type=int, metavar="SECONDS",
                        help="start the player by itself this long after a set comes due")
    parser.add_argument("--skip-setup", action="store_true",
                        help="on a fresh data directory, start without the first-run setup "
                        "(the guide's day plan; change it in Routine)")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = [common_options(in_subcommand=True)]
    check = sub.add_parser("check", parents=common,
                           help="validate an exercises.toml file and print what it holds")
    check.add_argument("path", nargs="?", type=Path,
                       help="the file (default: --exercises, else the built-in one)")
    today = sub.add_parser("today", parents=common, help="print a day's sets and their states")
    today.add_argument("--date", metavar="YYYY-MM-DD", help="another day than today")
    today.add_argument("--json", action="store_true", help="as JSON, for scripts")
    upcoming = sub.add_parser("next", parents=common,
                              help="one short line for a status bar: the next set and when")
    upcoming.add_argument("--json", action="store_true",
                          help="as Waybar's custom-module JSON (text, tooltip, class, alt)")
    report = sub.add_parser("report", parents=common,
                            help="your progress: summary, heatmap, insights, charts")
    report.add_argument("--days", type=report_days, default=30, metavar="N",
                        help="how many days back, ending today, or all (default 30)")
    report.add_argument("--format", choices=("text", "html"), default="text",
                        help="text (default) or html: one self-contained page to print")
    report.add_argument("--out", metavar="FILE", type=Path,
                        help="write here instead of stdout")
    export = sub.add_parser("export", parents=common,
                            help="write the log (and everything else) as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), default="json",
                        help="csv: one row per exercise performed; json: everything")
    export.add_argument("--out", metavar="FILE", type=Path, help="write here instead of stdout")
    restore = sub.add_parser("import", help="read back a `microtui export --format json` file: "
                             "restore it, or merge it without duplicating a record")
    restore.add_argument("file", type=Path, help="the exported JSON file")
    return parser


def describe(library: Library) -> str:
    regions = library.by_region()
    lines = [
        f"{len(library.exercises)} exercises in {len(regions)} regions",
    ]
    for region, exercises in regions.items():
        lines.append(f"  {region.label}: {', '.join(e.name for e in exercises)}")
    for routine in library.routines:
        lines.append(f"routine {routine.name!r} ({routine.id}), {len(routine.triggers)} triggers:")
        for trigger in routine.triggers:
            seconds = trigger.seconds(library.exercises)
            lines.append(
                f"  {trigger.name}: {trigger.set_label(library.exercises)} ({seconds:g} s)"
            )
    return "\n".join(lines)


def cmd_check(path: Path | None) -> int:
    """Validate ``path`` (merged over the built-in library) and print what it holds."""
    from microtui.core.loader import LibraryError, builtin_path, load_library

    paths = [builtin_path()]
    if path is not None and path.resolve() != builtin_path().resolve():
        paths.append(path)
    try:
        library = load_library(paths)
    except LibraryError as exc:
        print(exc, file=sys.stderr)
        return 1
    warnings = library.warnings
    if warnings:
        count = len(warnings)
        print(f"{paths[-1]}: loads, with {count} warning{'s' if count != 1 else ''} "
              "against the guide's advice:")
        for warning in warnings:
            print(f"  warning: {warning}")
    else:
        print(f"{paths[-1]}: OK")
    print(describe(library))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from microtui.backup import ImportRefused, StoreError, import_file

    try:
        print(import_file(args.file, args.data))
    except ImportRefused as exc:
        print(f"microtui: {exc}", file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"microtui: cannot import into the data.\n{exc}", file=sys.stderr)
        return 2
    return 0


class ExitWatchdog:
    """Ends the process when the app, told to stop by SIGHUP (its terminal tab closed) or
    SIGTERM, has not shut down ``grace`` seconds later: with its terminal gone, Textual's
    shutdown can block for ever writing to it. A write of the log under way is let finish
    first (``write_wait`` seconds at most), so a set is never cut half-written."""

    def __init__(self, log: LogWriter, *, grace: float = 2.0, write_wait: float = 5.0,
                 exit: Callable[[int], object] = os._exit) -> None:
        self.log = log
        self.grace = grace
        self.write_wait = write_wait
        self.exit = exit

    def __call__(self, code: int) -> None:
        """Arm: the process ends with ``code`` unless it ends by itself first."""
        timer = threading.Timer(self.grace, self.fire, args=(code,))
        timer.daemon = True
        timer.start()

    def fire(self, code: int) -> None:
        self.log.wait_idle(self.write_wait)
        self.exit(code)


def cmd_run(args: argparse.Namespace) -> int:
    from microtui.context import SetupError, open_context
    from microtui.next_keeper import next_state_keeper

    try:
        context = open_context(data=args.data, exercises=args.exercises,
                               calendar=args.calendar, notify=args.notify,
                               autostart=args.autostart)
    except SetupError as exc:
        print(f"microtui: cannot start.\n{exc}", file=sys.stderr)
        return 2
    try:
        app = app_for(context, skip_setup=args.skip_setup,
                      next_keeper=next_state_keeper(args, context.clock))
        app.on_terminate = ExitWatchdog(app.services.log)
        app.run()
        return app.return_code or 0
    finally:
        context.close()


def app_for(context: Context, *, skip_setup: bool = False,
            next_keeper: NextStateKeeper | None = None) -> MicroTuiApp:
    """The full-screen app on ``context``. On a fresh data directory it opens on the
    first-run setup (unless ``skip_setup``), whose answer starts the day; else the day
    starts now (the start-of-day set comes then). ``next_keeper``: the app keeps the
    answers of ``microtui next`` with it."""
    from microtui.context import remember_first_seen
    from microtui.store import Store
    from microtui.ui.app import MicroTuiApp
    from microtui.ui.screen_preload import AFTER_START

    first_run = context.user_settings.needs_setup() and not skip_setup
    first_seen = None if first_run else remember_first_seen(context, context.clock.now())
    store = context.store
    assert isinstance(store, Store)  # opened with the lock: the data directory is made
    return MicroTuiApp(
        context.library, clock=context.clock, store=store,
        data_dir=store.data_dir, routine=context.routine,
        settings=context.settings, calendar_path=context.calendar_path,
        first_seen=first_seen, notify_protocol=context.notify_protocol,
        autostart_seconds=context.autostart_seconds, first_run=first_run,
        next_keeper=next_keeper, build_screens_after=AFTER_START,
    )


STATE_MARKS = {
    "done": "✓", "partial": "◐", "due": "▶", "snoozed": "⏸", "skipped": "⤼",
    "missed": "✗", "upcoming": "·", "quiet": "☾",
}


def cmd_today(args: argparse.Namespace) -> int:
    import json
    from datetime import date

    from microtui.context import EmptyStore, SetupError, open_context
    from microtui.core.time_text import fmt_seconds
    from microtui.day_plan import day_views

    try:
        context = open_context(data=args.data, exercises=args.exercises,
                               calendar=args.calendar, lock=False)
    except SetupError as exc:
        print(f"microtui: {exc}", file=sys.stderr)
        return exc.exit_code
    if context.calendar_path is not None and not isinstance(context.store, EmptyStore):
        from microtui.calendar_source import refresh_if_stale

        # an address's copy older than 15 min
        problem = refresh_if_stale(context.calendar_path, context.clock.now())
        if problem:
            print(f"microtui: {problem}", file=sys.stderr)
    now = context.clock.now()
    try:
        day = date.fromisoformat(args.date) if args.date else now.date()
    except ValueError:
        print(f"microtui: --date must look like 2026-11-25, got {args.date!r}", file=sys.stderr)
        return 2
    try:
        timeline, views, _, notice = day_views(context, day, now)
    finally:
        context.close()
    exercises = context.library.exercises
    if args.json:
        print(json.dumps({
            "date": day.isoformat(),
            "routine": context.routine.id,
            "reason": timeline.reason,
            "warnings": [notice] if notice else [],
            "events": [{
                "id": v.id, "time": v.event.planned.strftime("%H:%M"),
                "trigger": v.event.kind.value, "name": v.event.name,
                "meeting": v.event.meeting_title,
                "exercises": [i.exercise_id for i in v.event.trigger.items],
                "seconds": v.event.trigger.seconds(exercises), "state": v.state.value,
            } for v in views],
        }, indent=2, ensure_ascii=False))
        return 0
    print(f"{day:%A %d %B %Y} · {context.routine.name}")
    if notice:
        print(f"  ⚠ {notice}")
    if timeline.reason:
        print(f"  {timeline.reason}: no sets")
        return 0
    for view in views:
        event = view.event
        label = event.trigger.set_label(exercises)
        if event.meeting_title:
            label += f"  (before {event.meeting_title})"
        print(f"  {event.planned:%H:%M}  {STATE_MARKS[view.state.value]} "
              f"{view.state.value:<8}  {event.name:<14} {label} "
              f"({fmt_seconds(event.trigger.seconds(exercises))})")
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    """One short line for a status bar: what is next and when (``--json``: Waybar's)."""
    from microtui.context import SetupError, open_context
    from microtui.next_answer import answer_now, micros
    from microtui.next_line import line_json, line_text

    try:
        context = open_context(data=args.data, exercises=args.exercises,
                               calendar=args.calendar, lock=False)
    except SetupError as exc:
        print(f"microtui: {exc.args[0].splitlines()[0]}", file=sys.stderr)
        return 2
    now = context.clock.now()
    try:  # the calendar's notice has no room in a status bar: `today` shows it
        line = answer_now(context, now)
    finally:
        context.close()
    print(line_json(line, micros(now)) if args.json else line_text(line, micros(now)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``microtui`` command; returns its exit code. A closed pipe (``microtui today |
    head -1``) or ctrl+c ends it quietly, with the exit code a shell expects."""
    try:
        try:  # --help, --version and a usage error print, then raise SystemExit
            code = run_command(parse_args(sys.argv[1:] if argv is None else argv))
        finally:
            sys.stdout.flush()  # here, not at exit, where a closed pipe can only be reported
    except BrokenPipeError:
        let_stdout_go()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    return code


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line read. Starting the app needs none of the commands' parsers (about
    1 ms to build): they are built only when the line may name a command or asks for help,
    or when the app's options alone do not read it (its error then names the commands)."""
    if not any(arg in COMMANDS or arg in ("-h", "--help") for arg in argv):
        parser = build_parser(commands=False)
        parser.exit_on_error = False
        with contextlib.suppress(argparse.ArgumentError):
            args, rest = parser.parse_known_args(argv)
            if not rest:
                return args
    return build_parser().parse_args(argv)


def run_command(args: argparse.Namespace) -> int:
    if args.command == "check":
        return cmd_check(args.path or args.exercises)
    if args.command == "export":
        from microtui.export import main as export_main

        return export_main(args)
    if args.command == "import":
        return cmd_import(args)
    if args.command == "today":
        return cmd_today(args)
    if args.command == "next":
        return cmd_next(args)
    if args.command == "report":
        from microtui.report import main as report_main

        return report_main(args)
    return cmd_run(args)
