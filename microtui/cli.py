"""The ``microtui`` command: the full-screen app by default, and small subcommands.

Subcommands stay light: none of them imports Textual, so they start fast and can be used
from scripts and status bars.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from microtui import __version__
from microtui.core.loader import Library, LibraryError, builtin_path, load_library


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="microtui",
        description="Micro-movements for desk workers: a full-screen terminal app.",
        epilog="Run without a command to start the app. "
        "MICROTUI_NOW and MICROTUI_SPEED set and speed up the app's clock (see README).",
    )
    parser.add_argument("--version", action="version", version=f"microtui {__version__}")
    parser.add_argument("--data", metavar="DIR", help="data directory (or MICROTUI_DATA)")
    parser.add_argument(
        "--exercises", metavar="PATH", type=Path,
        help="your own exercises.toml, merged over the built-in library by id",
    )
    parser.add_argument("--calendar", metavar="FILE", type=Path,
                        help="an .ics calendar file: a set comes before each meeting")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="validate an exercises.toml file and print what it holds")
    check.add_argument("path", nargs="?", type=Path, help="the file (default: the built-in one)")
    export = sub.add_parser("export", help="write the log (and everything else) as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), default="json",
                        help="csv: one row per exercise performed; json: everything")
    export.add_argument("--out", metavar="FILE", type=Path, help="write here instead of stdout")
    return parser


def library_paths(extra: Path | None) -> list[Path]:
    """The built-in file, then the user's config-dir file, then ``--exercises``."""
    from microtui.paths import user_exercises_file

    paths = [builtin_path()]
    user_file = user_exercises_file()
    if user_file.is_file():
        paths.append(user_file)
    if extra is not None:
        paths.append(extra)
    return paths


def describe(library: Library) -> str:
    regions = library.by_region()
    lines = [
        f"{len(library.exercises)} exercises in {len(regions)} regions",
    ]
    for region, exercises in regions.items():
        lines.append(f"  {region.title}: {', '.join(e.name for e in exercises)}")
    for routine in library.routines:
        lines.append(f"routine {routine.name!r} ({routine.id}), {len(routine.triggers)} triggers:")
        for trigger in routine.triggers:
            seconds = trigger.seconds(library.exercises)
            lines.append(
                f"  {trigger.name}: {trigger.set_label(library.exercises)} ({seconds:g} s)"
            )
    return "\n".join(lines)


def cmd_check(path: Path | None) -> int:
    paths = [builtin_path()]
    if path is not None and path.resolve() != builtin_path().resolve():
        paths.append(path)
    try:
        library = load_library(paths)
    except LibraryError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{paths[-1]}: OK")
    print(describe(library))
    return 0


CSV_COLUMNS = (
    "started", "ended", "event_id", "trigger", "outcome", "exercise", "side",
    "planned_seconds", "done_seconds", "effortless", "note",
)


def export_rows(sessions: list[dict]) -> list[dict]:
    """One row per exercise performed; a set with no exercises (a skip) is one row too."""
    rows = []
    for record in sessions:
        base = {key: record.get(key, "") for key in ("started", "ended", "event_id", "trigger",
                                                     "outcome", "note")}
        for item in record.get("exercises") or [{}]:
            rows.append({
                **base,
                "exercise": item.get("id", ""),
                "side": item.get("side") or "",
                "planned_seconds": item.get("planned_seconds", ""),
                "done_seconds": item.get("done_seconds", ""),
                "effortless": item.get("effortless", ""),
            })
    return rows


def cmd_export(args: argparse.Namespace) -> int:
    import csv
    import io
    import json

    from microtui.paths import data_dir
    from microtui.store import Store, StoreError

    directory = data_dir(args.data)
    if not directory.exists():
        print(f"microtui: no data yet in {directory}", file=sys.stderr)
        return 1
    try:
        with Store.open(directory, lock=False) as store:
            data = store.export_all()
    except StoreError as exc:
        print(f"microtui: cannot export.\n{exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(export_rows(data["sessions"]))
        text = buffer.getvalue()
    if args.out is None:
        sys.stdout.write(text)
    else:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"microtui: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
            return 2
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from microtui.core.clock import clock_from_env
    from microtui.paths import data_dir
    from microtui.store import Store, StoreError

    try:
        clock = clock_from_env(dict(os.environ))
    except ValueError as exc:
        print(f"microtui: {exc}", file=sys.stderr)
        return 2
    try:
        library = load_library(library_paths(args.exercises))
    except LibraryError as exc:
        print(f"microtui: cannot start.\n{exc}", file=sys.stderr)
        return 2
    try:
        store = Store.open(data_dir(args.data))
    except StoreError as exc:
        print(f"microtui: cannot start.\n{exc}", file=sys.stderr)
        return 2
    try:
        from microtui.core.schedule import ScheduleSettings, SettingsError

        stored = store.settings()
        try:
            settings = ScheduleSettings.from_dict(stored.get("schedule") or {})
        except SettingsError as exc:
            print(f"microtui: cannot start: the schedule in {store.data_dir / 'settings.json'} "
                  f"is not valid: {exc}", file=sys.stderr)
            return 2
        calendar = args.calendar or (Path(stored["calendar"]) if stored.get("calendar") else None)
        first_seen = remember_first_seen(store, stored, clock.now(), settings)

        from microtui.ui.app import MicroTuiApp

        app = MicroTuiApp(library, clock=clock, store=store, data_dir=store.data_dir,
                          settings=settings, calendar_path=calendar, first_seen=first_seen)
        app.run()
        return app.return_code or 0
    finally:
        store.close()


def remember_first_seen(store, stored: dict, now, settings) -> object:
    """When the app first ran this workday: the guide's start-of-day set ("logging into the
    computer") comes then, or at the workday start if that is later."""
    from datetime import datetime

    from microtui.store import StoreError

    today = now.date().isoformat()
    seen = stored.get("first_seen") or {}
    if seen.get("date") == today:
        try:
            return datetime.fromisoformat(seen["at"])
        except (KeyError, TypeError, ValueError):
            pass
    if now.weekday() not in settings.working_weekdays:
        return None
    # Not worth refusing to start over: without it the day starts at the workday start.
    with contextlib.suppress(StoreError):
        store.save_settings({**stored, "first_seen": {"date": today, "at": now.isoformat()}})
    return now


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return cmd_check(args.path)
    if args.command == "export":
        return cmd_export(args)
    return cmd_run(args)
