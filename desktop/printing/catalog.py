"""The documents the desk prints, by the short name the CLI and the print page use: each with
its Chinese title and the builder that turns printable students into one PDF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.printing import certificate, student_card, student_form
from desktop.services.print_data import PrintableStudent

Builder = Callable[[Sequence[PrintableStudent]], bytes]


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    build: Builder


DOCUMENTS: dict[str, Document] = {doc.kind: doc for doc in (
    Document("form", "学生基本信息表", student_form.build),
    Document("card", "学籍卡", student_card.build),
    Document("certificate", "学籍证明", certificate.build),
)}
