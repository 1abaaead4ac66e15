"""Taking a scan dropped from the file manager: the first local file of the drop."""

from __future__ import annotations

from pathlib import Path


def local_files(event) -> list[str]:
    data = event.mimeData()
    return [u.toLocalFile() for u in data.urls() if u.isLocalFile()] if data.hasUrls() else []


class FileDropTarget:
    """Mixed into a widget (before its Qt class): `file_dropped(path)` is called with the first
    dropped file; it returns False to refuse the drop."""

    def file_dropped(self, path: str) -> bool | None:
        raise NotImplementedError

    def dragEnterEvent(self, event) -> None:
        if local_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [f for f in local_files(event) if Path(f).is_file()]
        if files and self.file_dropped(files[0]) is not False:
            event.acceptProposedAction()
