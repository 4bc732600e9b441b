"""One way in: open content, store and profile together, as the CLI, the app and the tests do."""

from __future__ import annotations

from dataclasses import dataclass
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
                 clock: Clock = utcnow, catalog: Catalog | None = None) -> Context:
    """Validate content, open and migrate the store, select the profile and sync its cards."""
    catalog = catalog or load_content(content)
    profile = profile_name(profile)
    if not profile.strip() or len(profile) > 100:
        raise UserError(f"profile name {profile!r} must be 1-100 characters")
    store = open_store(paths.database_url(db))
    if store.path is not None:
        from quizzer.store.backup import daily_backup

        daily_backup(store.path)
    try:
        profile_id = store.profile_id(profile)
        with store.write() as s:
            synced = sync_cards(s, profile_id, catalog, clock())
    except BaseException:
        store.close()
        raise
    return Context(catalog, store, profile, profile_id, clock, synced)
