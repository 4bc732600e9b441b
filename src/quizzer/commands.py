"""Implementations of the CLI commands: each calls the library and prints its result."""

from __future__ import annotations

import argparse
import json
import sys

from quizzer.errors import UserError


def _context(args: argparse.Namespace, catalog=None):
    """The open context of a command; what it created (a database, a profile) is said on stderr."""
    import sys

    from quizzer.context import open_context

    ctx = open_context(args.db, args.content, args.profile, catalog=catalog,
                       new_profile=getattr(args, "new_profile", False) or args.command == "import")
    for notice in ctx.notices:
        print(f"quizzer: {notice}", file=sys.stderr)
    return ctx


def cmd_review(args: argparse.Namespace) -> int:
    focused = any(getattr(args, name, None) for name in ("day", "week", "source"))
    if not getattr(args, "plain", False) and not focused:
        from quizzer.quick import open_quick

        quick = open_quick(args.db, args.content, args.profile)
        if quick is not None:  # paint the first screen at once, open the rest in the background
            from quizzer.tui.app import create_app

            app = create_app(quick=quick, opener=lambda: _context(args))
            try:
                app.run()
            finally:
                app.close()
            if app.failure is not None:
                raise app.failure
            return 0
    from quizzer.context import load_content
    from quizzer.review import focus_for

    catalog = load_content(args.content)
    focus = focus_for(catalog, getattr(args, "day", None), getattr(args, "week", None), getattr(args, "source", None))
    ctx = _context(args, catalog)
    try:
        if getattr(args, "plain", False):
            from quizzer.plain import run_plain

            run_plain(ctx, focus)
            return 0
        from quizzer.tui.app import create_app

        create_app(ctx, focus).run()
        return 0
    finally:
        ctx.close()


def cmd_study(args: argparse.Namespace) -> int:
    """Custom study: the same session as review, on what the learner chose."""
    from quizzer import custom_study
    from quizzer.scheduler import make_scheduler
    from quizzer.settings import load_settings

    ctx = _context(args)
    try:
        now = ctx.clock()
        focus = None
        if args.new is not None:
            limit = custom_study.more_new_today(ctx.store, ctx.profile_id, args.new, now)
            print(f"today's new-card limit is now {limit}", file=sys.stderr)
        elif args.ahead is not None:
            focus = custom_study.review_ahead(ctx.store, ctx.profile_id, args.ahead, now)
        elif args.search is not None:
            with ctx.store.read() as s:
                scheduler = make_scheduler(load_settings(s, ctx.profile_id))
            focus = custom_study.search_session(ctx.store, ctx.profile_id, ctx.catalog, args.search, now, scheduler)
        else:
            focus = custom_study.weakest_topics(ctx.store, ctx.profile_id, ctx.catalog)
        if focus is not None:
            print(f"studying {focus.label}: {len(focus.questions)} cards; grading them schedules them as usual",
                  file=sys.stderr)
        if args.plain:
            from quizzer.plain import run_plain

            run_plain(ctx, focus)
            return 0
        from quizzer.tui.app import create_app

        create_app(ctx, focus).run()
        return 0
    finally:
        ctx.close()


def lesson_day(shown: str) -> int | None:
    """The day of a lesson file named in a problem (``…/lessons/day03/…``), else None."""
    import re

    m = re.search(r"lessons/day(\d{2})(?:/|$)", shown.replace("\\", "/"))
    return int(m[1]) if m else None


def cmd_validate(args: argparse.Namespace) -> int:
    from quizzer.context import load_content

    catalog = load_content(args.content)
    lessons = catalog.lessons
    problems = [p for p in lessons.problems if args.day is None or lesson_day(p.file) in (args.day | {None})]
    for problem in problems:
        print(problem)
    lesson_days = lessons.days()
    print(f"content {'OK' if not problems else 'has problems'}: {len(catalog.days)} days, "
          f"{sum(t.is_leaf for t in catalog.topics.values())} topics, {len(catalog.questions)} questions, "
          f"lessons for {len(lesson_days)} day{'s' * (len(lesson_days) != 1)} in {catalog.root}")
    if problems:
        n = len(problems)
        print(f"{n} problem{'s' * (n != 1)} in the lessons; each line names the file and the line (see content/README.md, Lessons)")
    if not args.code:
        return 1 if problems else 0
    from quizzer.content.snippets import check_lessons, check_questions, missing_libraries

    questions = [q for qid, q in catalog.questions.items() if args.day is None or catalog.question_day(qid) in args.day]
    findings = check_questions(questions)
    for f in findings:
        print(f"{catalog.question_file[f.question]}: {f}")
    lesson_findings = check_lessons(lessons, args.day)
    for message in lesson_findings:
        print(message)
    blocks = sum(b.runnable for f in lessons.files if args.day is None or f.day in args.day for b in f.blocks)
    print(f"code checks: {len(questions)} questions, {blocks} lesson code blocks, "
          f"{len(findings) + len(lesson_findings)} problem(s)")
    for name, n in missing_libraries(lessons, args.day).items():
        print(f"skipped {n} lesson block{'s' * (n != 1)} that need {name}, which is not installed "
              f"(pip install -e \".[dev]\" installs every library the course uses)")
    return 1 if findings or lesson_findings or problems else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from quizzer.quick import profile_name

    profile = profile_name(args.profile)
    now = datetime.now(timezone.utc)
    focused = getattr(args, "days", None) or getattr(args, "week", None)
    found = None if focused else _stats_from_snapshot(args, profile, now)
    summary, figures = found or _stats_from_store(args, profile, now)
    if args.json:
        print(json.dumps({**summary, **figures}, indent=2, default=str))
        return 0
    from rich.console import Console

    from quizzer.stats_view import render

    Console().print(render(summary, figures, now.astimezone().date()))
    return 0


def _stats_from_snapshot(args: argparse.Namespace, profile: str, now) -> tuple[dict, dict] | None:
    """The quick path (see quizzer.quick); None when anything needs the full path."""
    import sqlite3

    from quizzer.quick import open_quick

    quick = open_quick(args.db, args.content, profile)
    if quick is None:
        return None
    try:
        return _figures(quick.snapshot, quick.profile_id, now, quick.course)
    except sqlite3.Error:  # locked past the timeout, damaged: the full path explains
        return None
    finally:
        quick.close()


def _stats_from_store(args: argparse.Namespace, profile: str, now) -> tuple[dict, dict]:
    """The full path: validate content, open (and migrate) the store, sync, and cache the index."""
    from quizzer.context import load_content
    from quizzer.course_index import CourseIndex, save_index
    from quizzer.practice.models import load_exercises
    from quizzer.review import focus_for

    catalog = load_content(args.content)
    focus = focus_for(catalog, getattr(args, "days", None), getattr(args, "week", None))
    wanted = set(catalog.questions_for(days=set(focus.days))) if focus.days else None
    course = CourseIndex.of(catalog, load_exercises(catalog.root), catalog.fingerprint)
    ctx = _context(args, catalog)
    try:
        save_index(course, catalog.root)
        return _figures(ctx.store, ctx.profile_id, now, course, wanted)
    finally:
        ctx.close()


def _figures(reader, profile_id: int, now, course, wanted: set[str] | None = None) -> tuple[dict, dict]:
    from quizzer.analytics import exercise_days, full_stats
    from quizzer.stats import today_summary

    return (today_summary(reader, profile_id, now),
            full_stats(reader, profile_id, now, course, wanted, exercise_days(reader, profile_id, course)))


def cmd_exam(args: argparse.Namespace) -> int:
    from quizzer.context import load_content
    from quizzer.exam import plan_exam

    if args.json and not args.plain:
        raise UserError("--json needs --plain", "quizzer exam --plain --json prints the report as JSON on stdout")
    from quizzer.days import utcnow

    catalog = load_content(args.content)
    run = plan_exam(catalog, utcnow(), days=args.days, week=args.week, source=args.source, n=args.n,
                    minutes=args.minutes, seed=args.seed)  # bad options fail before the store is touched
    ctx = _context(args, catalog)
    try:
        run.started_at = ctx.clock()
        if args.plain:
            from quizzer.exam_plain import run_exam_plain

            # with --json, stdout carries the JSON alone: the questions and the text report go to stderr
            rep = run_exam_plain(ctx, run, args.as_reviews, stdout=sys.stderr if args.json else None)
            if args.json:
                print(json.dumps(rep, indent=2))
            return 0
        from quizzer.tui.app import create_app

        create_app(ctx, exam=(run, args.as_reviews)).run()
        return 0
    finally:
        ctx.close()


def cmd_optimize(args: argparse.Namespace) -> int:
    from quizzer.optimizer import fit, reschedule

    ctx = _context(args)
    try:
        report = fit(ctx.store, ctx.profile_id, ctx.clock())
        print(f"fitted FSRS-6 to {report.reviews} reviews in {report.seconds:.2f} s "
              f"(trained on {report.train_items} items, judged on the {report.test_items} latest)")
        print(f"  held-out log loss   default {report.default['log_loss']:.4f} → fitted {report.fitted['log_loss']:.4f}")
        print(f"  held-out RMSE(bins) default {report.default['rmse_bins']:.4f} → fitted {report.fitted['rmse_bins']:.4f}")
        if report.adopted:
            print("adopted: the fitted parameters predict your later reviews better; they now schedule your cards")
            if args.reschedule:
                print(f"rescheduled {reschedule(ctx.store, ctx.profile_id)} cards from their histories")
        else:
            print("kept the current parameters: the fit did not predict your later reviews better")
    finally:
        ctx.close()
    return 0


def cmd_day(args: argparse.Namespace) -> int:
    """Show or set the course day the learner is on."""
    from quizzer.settings import load_settings, parse_text, save_setting

    ctx = _context(args)
    try:
        if args.number is not None:
            value = parse_text("course_day", "" if args.number.lower() in ("off", "none") else args.number)
            if value is not None and value not in {d.day for w in ctx.catalog.course.weeks for d in w.days}:
                raise UserError(f"there is no course day {value}", "course days run 1 to 45")
            with ctx.store.write() as s:
                save_setting(s, ctx.profile_id, "course_day", value)
        with ctx.store.read() as s:
            day = load_settings(s, ctx.profile_id).course_day
        if day is None:
            print("No course day set: new cards come in course order, Day 1 first. Set one with: quizzer day N")
            return 0
        title = next(d.title for w in ctx.catalog.course.weeks for d in w.days if d.day == day)
        unseen = ctx.store.rows("SELECT COUNT(*) FROM cards WHERE profile_id = :p AND day = :d AND reps = 0 AND NOT retired",
                                p=ctx.profile_id, d=day)[0][0]
        print(f"Course day {day}: {title}.")
        print(f"New cards come from Day {day} first ({unseen} not seen yet), then from earlier days; later days wait.")
        if not ctx.catalog.questions_for(days={day}):
            print(f"Day {day} has no questions yet: its lessons and syllabus are in `quizzer lesson {day}`.")
        return 0
    finally:
        ctx.close()


def cmd_flags(args: argparse.Namespace) -> int:
    from quizzer.review import flags

    ctx = _context(args)
    try:
        found = flags(ctx.store, ctx.profile_id)
    finally:
        ctx.close()
    if not found:
        print("no open flags")
        return 0
    for f in found:
        where = ctx.catalog.question_file.get(f.question_id, "retired question")
        print(f"{f.created_at:%Y-%m-%d %H:%M}  {f.question_id}  ({where})  {f.note or '(no note)'}")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from quizzer.context import load_content
    from quizzer.coverage import coverage

    report = coverage(load_content(args.content))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"coverage · {report['total_questions']} questions", expand=True)
    table.add_column("day", justify="right", no_wrap=True)
    table.add_column("title", ratio=1, no_wrap=True, overflow="ellipsis", min_width=10)
    for col in ("topics", "qs", "tricky", "fl/mcq/cz/co/num", "beg/int/adv", "lesson", "words"):
        table.add_column(col, justify="right", no_wrap=True)
    for d in report["days"]:
        k, lv = d["by_kind"], d["by_level"]
        table.add_row(str(d["day"]), d["title"], f"{d['topics_covered']}/{d['topics_total']}", str(d["questions"]),
                      str(d["tricky"]), "/".join(str(v) for v in k.values()), "/".join(str(v) for v in lv.values()),
                      f"{d['lesson_topics']}/{d['topics_total']}", f"{d['lesson_words']:,}")
    Console().print(table)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    if args.format == "progress":
        from quizzer.transfer import export_progress, write_export

        ctx = _context(args)
        try:
            data = export_progress(ctx.store, ctx.profile_id, ctx.profile)
        finally:
            ctx.close()
        out = Path(args.out or "quizzer-progress.json")
        write_export(data, out)
        print(f"wrote {out}: {len(data['cards'])} cards, {len(data['review_log'])} reviews of profile {ctx.profile}")
        return 0
    if args.format == "notes":
        return export_notes(args)
    args.out = args.out or "quizzer-pytorch.apkg"

    from rich.progress import Progress

    from quizzer.anki_export import export_package
    from quizzer.context import load_content
    from quizzer.review import focus_for

    catalog = load_content(args.content)
    focus = focus_for(catalog, args.days, args.week, None)
    ids = catalog.questions_for(days=set(focus.days) if focus.days else None, source=args.source)
    if args.source and args.source not in catalog.sources:
        focus_for(catalog, source=args.source)  # raises the clear "unknown source" error
    if args.tags:
        wanted = set(args.tags)
        ids = [q for q in ids if wanted & set(catalog.questions[q].tags)]
    exercises = []
    if args.include_exercises:
        from quizzer.practice.models import load_exercises

        wanted_days = {catalog.question_day(q) for q in ids} if (args.days or args.week or args.source or args.tags) else None
        exercises = [ex for ex in load_exercises(catalog.root).values() if wanted_days is None or ex.meta.day in wanted_days]
    if not ids:
        raise UserError("nothing to export: no question matches these options", "try without --tags/--source, or other days")
    out = Path(args.out)
    if out.suffix != ".apkg":
        raise UserError(f"{out} does not end in .apkg", "Anki imports .apkg files; pass --out NAME.apkg")
    with Progress(transient=True) as bar:
        task = bar.add_task("exporting", total=len(ids))
        if args.with_progress:
            import tempfile

            from quizzer.anki_progress import apply_progress

            ctx = _context(args, catalog)
            try:
                with tempfile.TemporaryDirectory() as tmp:
                    plain = export_package(catalog, ids, Path(tmp) / "notes.apkg",
                                           lambda n, total: bar.update(task, completed=n), exercises=exercises)
                    bar.update(task, description="adding your progress")
                    carried = apply_progress(plain.path, out, ctx.store, ctx.profile_id, ctx.clock(),
                                             ctx_settings(ctx).desired_retention)
            finally:
                ctx.close()
            result = plain
        else:
            result = export_package(catalog, ids, out, lambda n, total: bar.update(task, completed=n), exercises=exercises)
            carried = None
    print(f"wrote {out}: {result.notes} notes in {len(result.decks)} deck{'s' * (len(result.decks) != 1)}"
          + (f", {carried} cards with your progress" if carried is not None else ""))
    print("import it in Anki with File → Import (re-importing a newer export updates notes in place)")
    return 0


def export_notes(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quizzer.content.notes import build_book, write_book
    from quizzer.context import load_content
    from quizzer.review import focus_for

    if args.source or args.tags or args.with_progress or args.include_exercises:
        raise UserError("export notes takes --days or --week and --out only",
                        "the course book covers whole days: quizzer export notes --days 1-9 --out notes")
    catalog = load_content(args.content)
    focus = focus_for(catalog, args.days, args.week, None)
    out = Path(args.out or "quizzer-notes")
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file; the course book is a folder of Markdown files", "pass --out DIR")
    book = build_book(catalog, set(focus.days) if focus.days else None)
    days = sorted({int(rel[3:5]) for rel in book if rel.startswith("day")})
    if not days:
        raise UserError("nothing to export: these days have neither lessons nor questions yet",
                        "Days 1-9 are written: quizzer export notes --days 1-9")
    n = write_book(book, out)
    print(f"wrote {out}/: {n} Markdown files for {len(days)} day{'s' * (len(days) != 1)}; start at {out / 'README.md'}")
    return 0


def cmd_lesson(args: argparse.Namespace) -> int:
    import re

    from quizzer.content.lessons import for_terminal
    from quizzer.context import load_content

    catalog = load_content(args.content)
    lessons = catalog.lessons
    target = args.target.strip()
    with_lessons = lessons.days()
    written = f"lessons exist for days {_day_ranges(with_lessons)}" if with_lessons else "no lessons are written yet"
    if re.fullmatch(r"\d{1,2}", target):
        day = int(target)
        if catalog.day(day) is None:
            raise UserError(f"there is no day {day}; the course has days 1-{len(catalog.days)}", written)
        if day not in with_lessons:
            raise UserError(f"Day {day} ({catalog.day(day).title}) has no lessons yet", written)
        text = lessons.day_text(day)
    else:
        if target not in catalog.topics:
            raise UserError(f"unknown topic {target!r}", "give a day number (3) or a topic id from the syllabus, e.g. d03.s2.1.3")
        text = lessons.topic_text(target)
        if text is None:
            raise UserError(f"topic {target} ({catalog.topics[target].title}) has no lesson yet", written)
    if args.plain:
        print(text, end="")
        return 0
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console()
    shown = Markdown(for_terminal(text), code_theme="monokai")
    if console.is_terminal:
        with console.pager(styles=True):
            console.print(shown)
    else:
        console.print(shown)
    return 0


def _day_ranges(days: list[int]) -> str:
    """[1, 2, 3, 5] → '1-3, 5'."""
    runs: list[list[int]] = []
    for d in days:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def ctx_settings(ctx):
    from quizzer.settings import load_settings

    with ctx.store.read() as s:
        return load_settings(s, ctx.profile_id)


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quizzer.transfer import import_progress, read_export

    data = read_export(Path(args.file))
    ctx = _context(args)
    try:
        counts = import_progress(ctx.store, ctx.profile_id, data)
        from quizzer.sync import sync_cards

        with ctx.store.write() as s:  # questions added since the export become new cards
            sync_cards(s, ctx.profile_id, ctx.catalog, ctx.clock())
    finally:
        ctx.close()
    print(f"imported into profile {ctx.profile}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    return 0


def _sqlite_path(args):
    from quizzer import paths
    from quizzer.store import Store

    store = Store(paths.database_url(args.db))
    store.close()
    if store.path is None:
        raise UserError("backups are for SQLite files", "for PostgreSQL use pg_dump")
    return store.path


def cmd_backup(args: argparse.Namespace) -> int:
    from quizzer.store.backup import list_backups, make_backup

    db = _sqlite_path(args)
    if args.list:
        found = list_backups(db)
        for b in found:
            print(b)
        if not found:
            print(f"no backups of {db} yet")
        return 0
    if not db.exists():
        raise UserError(f"{db} does not exist yet", "run quizzer once first")
    print(f"backed up to {make_backup(db)}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quizzer.store.backup import restore

    db = _sqlite_path(args)
    source, safety = restore(db, Path(args.backup) if args.backup else None)
    print(f"restored {db} from {source}" + (f"; the previous file is kept as {safety}" if safety else ""))
    return 0


def run(args: argparse.Namespace) -> int:
    from quizzer import practice_commands

    handlers = {
        None: cmd_review,
        "review": cmd_review,
        "validate": cmd_validate,
        "stats": cmd_stats,
        "flags": cmd_flags,
        "day": cmd_day,
        "study": cmd_study,
        "coverage": cmd_coverage,
        "lesson": cmd_lesson,
        "export": cmd_export,
        "optimize": cmd_optimize,
        "exam": cmd_exam,
        "import": cmd_import,
        "backup": cmd_backup,
        "restore": cmd_restore,
        "exercises": practice_commands.cmd_exercises,
        "check": practice_commands.cmd_check,
        "hint": practice_commands.cmd_hint,
        "reset": practice_commands.cmd_reset,
        "solution": practice_commands.cmd_solution,
    }
    handler = handlers.get(args.command)
    if handler is None:  # pragma: no cover - argparse rejects unknown commands first
        raise UserError(f"unknown command {args.command!r}", "see quizzer --help")
    return handler(args)
