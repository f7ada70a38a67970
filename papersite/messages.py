"""Warnings and errors for the person running the build.

Every message names the file (and line, where there is one) and says what to do,
so a clerk can act on it without reading code.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Message:
    level: str  # "warning" or "error"
    source: str  # path relative to the project root, or "" for the build as a whole
    line: int | None
    text: str
    hint: str = ""
    page: int | None = None  # for a PDF, the page of the PDF that holds `line` of its text

    def __str__(self) -> str:
        where = self.source or "build"
        if self.line:
            where = f"{where}:{self.line}"
        if self.page:
            where = f"{where} (page {self.page})"
        hint = f" {self.hint}" if self.hint else ""
        return f"{where}: {self.level}: {self.text}{hint}"


@dataclass
class Log:
    """Collects messages so the build can carry on past a bad file and report at the end."""

    messages: list[Message] = field(default_factory=list)

    def warn(self, source: str, line: int | None, text: str, hint: str = "") -> None:
        self.messages.append(Message("warning", source, line, text, hint))

    def error(self, source: str, line: int | None, text: str, hint: str = "") -> None:
        self.messages.append(Message("error", source, line, text, hint))

    def locate_pages(self, sources) -> None:
        """Name the PDF page of each message about a line of a PDF's text (`check FILE --text` numbers the
        lines; the page is what the clerk can open)."""
        pdfs = {s.path: s for s in sources if s.pdf}
        self.messages = [replace(m, page=pdfs[m.source].page_of_line(m.line))
                         if m.source in pdfs and m.line and not m.page else m for m in self.messages]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == "warning"]

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == "error"]

    def sorted(self) -> list[Message]:
        return sorted(self.messages, key=lambda m: (m.source, m.line or 0, m.level, m.text))
