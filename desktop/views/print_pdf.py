"""Printing and saving PDFs made in memory: nothing is written to disk unless the user picks
a file. Printing renders each page with QtPdf and paints it onto the system printer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from desktop.views.widgets.dialogs import save_path
from desktop.views.wording import tr


def save_pdf(parent: QWidget, data: bytes, suggested: str) -> Path | None:
    """Ask where to save and write `data` there; None if the user cancelled."""
    path = save_path(parent, tr("保存为 PDF"), suggested, "PDF (*.pdf)")
    if path is None:
        return None
    path.write_bytes(data)
    return path


def load_document(data: bytes, parent: QWidget) -> QPdfDocument:
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def choose_printer(parent: QWidget) -> QPrinter | None:
    """The system print dialog: the chosen printer, or None if the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def print_pdf(parent: QWidget, data: bytes) -> bool:
    """Show the system print dialog and print every page; False if cancelled."""
    printer = choose_printer(parent)
    if printer is None:
        return False
    paint_document(load_document(data, parent), printer)
    return True


def paint_document(document: QPdfDocument, printer: QPrinter,
                   on_page: Callable[[int, int], None] | None = None) -> None:
    """Paint every page onto the printer; `on_page(done, total)` runs before each page and
    may raise to stop, which aborts the print job so no half-sent pages come out."""
    painter = QPainter(printer)
    count = document.pageCount()
    try:
        rect = painter.viewport()
        for page in range(count):
            if on_page:
                on_page(page, count)
            if page:
                printer.newPage()
            image = document.render(page, QSize(rect.width(), rect.height()))
            painter.drawImage(rect, image)
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
