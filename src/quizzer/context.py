"""One way in: open content, store and profile together, as the CLI, the app and the tests do."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from quizzer import paths
from quizzer.content import Catalog, ContentError, load_catalog
from quizzer.days import Clock, utcnow
from quizzer.errors import UserError
from quizzer.quick import profile_name
from quizzer.store import Store, open_store
from quizzer.sync import SyncResult, sync_cards


@dataclass
class Context:
    """Everything a command or the app needs: validated content, the open store, the profile."""

    catalog: Catalog
    store: Store
    profile: str
    profile_id: int
    clock: Clock
    synced: SyncResult | None = None
    notices: list[str] = field(default_factory=list)  # what the learner should know: a new database, a new profile

    def close(self) -> None:
        self.store.close()


def load_content(content: str | Path | None = None) -> Catalog:
    """Load the content folder; UserError with every problem if it is invalid."""
    root = paths.content_dir(content)
    if not root.is_dir():
        raise UserError(f"content folder {root} does not exist", "pass --content DIR or set QUIZZER_CONTENT")
    try:
        return load_catalog(root)
    except ContentError as exc:
        raise UserError(exc.report(), "each line names the file, the line and the field; see content/README.md") from None


def open_context(db: str | None = None, content: str | Path | None = None, profile: str | None = None,
                 clock: Clock = utcnow, catalog: Catalog | None = None, new_profile: bool = False) -> Context:
    """Validate content, open and migrate the store, select the profile and sync its cards.

    Nothing is created behind the learner's back: a database file is created only in a folder
    that exists (a mistyped ``--db`` is an error, not a fresh empty store), and a named profile
    that the database does not have is an error listing those it has, unless ``new_profile``
    (or it is the first profile of a new database). What was created is in ``notices``.
    """
    catalog = catalog or load_content(content)
    explicit = bool(profile or os.environ.get("QUIZZER_PROFILE"))
    profile = profile_name(profile)
    if not profile.strip() or len(profile) > 100:
        raise UserError(f"profile name {profile!r} must be 1-100 characters")
    url = paths.database_url(db)
    path = paths.database_file(url)
    notices = []
    if path is not None and not path.exists():
        if (db or os.environ.get("QUIZZER_DB")) and not path.parent.is_dir():
            raise UserError(f"the folder of the database {path} does not exist",
                            f"check the --db path for a typo, or create the folder first: mkdir -p {path.parent}")
        notices.append(f"new database created at {path}")
    store = open_store(url)
    if store.path is not None:
        from quizzer.store.backup import daily_backup

        daily_backup(store.path)
    try:
        profile_id = _profile(store, profile, explicit, new_profile, notices)
        with store.write() as s:
            synced = sync_cards(s, profile_id, catalog, clock())
    except BaseException:
        store.close()
        raise
    return Context(catalog, store, profile, profile_id, clock, synced, notices)


def _profile(store: Store, name: str, explicit: bool, new_profile: bool, notices: list[str]) -> int:
    """The profile's id; a mistyped --profile is an error that lists the profiles there are."""
    known = store.profile_names()
    if name not in known and known and explicit and not new_profile:
        raise UserError(f"there is no profile {name!r} in this database",
                        f"profiles here: {', '.join(known)}; to start a new profile add --new-profile")
    if name not in known and known:
        notices.append(f"new profile {name!r} created (the others here: {', '.join(known)})")
    return store.profile_id(name)
