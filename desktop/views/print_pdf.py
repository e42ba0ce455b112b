"""Printing and saving PDFs made in memory: nothing is written to disk unless the user picks
a file. Printing renders each page with QtPdf and paints it onto the system printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop import PRODUCT_NAME
from desktop.views.wording import tr


def save_pdf(parent: QWidget, data: bytes, suggested: str) -> Path | None:
    """Ask where to save and write `data` there; None if the user cancelled."""
    title = PRODUCT_NAME + " — " + tr("保存为 PDF")
    name, _filter = QFileDialog.getSaveFileName(parent, title, suggested, "PDF (*.pdf)")
    if not name:
        return None
    path = Path(name)
    path.write_bytes(data)
    return path


def load_document(data: bytes, parent: QWidget | None = None) -> QPdfDocument:
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def print_pdf(parent: QWidget, data: bytes) -> bool:
    """Show the system print dialog and print every page; False if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_document(load_document(data, parent), printer)
    return True


def paint_document(document: QPdfDocument, printer: QPrinter) -> None:
    painter = QPainter(printer)
    try:
        rect = painter.viewport()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            image = document.render(page, QSize(rect.width(), rect.height()))
            painter.drawImage(rect, image)
    finally:
        painter.end()
