"""Export to Anki from the app, with a progress bar; the same export as ``quizzer export anki``."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, ProgressBar

from quizzer.anki_export import export_package


class ExportScreen(ModalScreen[Path | None]):
    """Writes the whole course to an .apkg and says where it is."""

    BINDINGS = [Binding("escape,enter", "close", "Close", id="export.close")]

    def __init__(self, out: Path = Path("quizzer-pytorch.apkg")) -> None:
        super().__init__()
        self.out = out
        self.result: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(f"Exporting the course to {self.out} …", id="export-label")
            yield ProgressBar(id="export-bar", show_eta=False)

    def on_mount(self) -> None:
        self.run_export()

    @work(thread=True, exclusive=True)
    def run_export(self) -> None:
        catalog = self.app.ctx.catalog
        bar = self.query_one(ProgressBar)
        ids = list(catalog.questions)
        self.app.call_from_thread(bar.update, total=len(ids))
        result = export_package(catalog, ids, self.out, lambda n, _t: self.app.call_from_thread(bar.update, progress=n))
        self.result = result.path
        self.app.call_from_thread(self.query_one("#export-label", Label).update,
                                  f"✓ Wrote {result.path.resolve()}: {result.notes} notes in {len(result.decks)} decks.\n"
                                  "Import it in Anki with File → Import. Enter closes.")

    def action_close(self) -> None:
        self.dismiss(self.result)
