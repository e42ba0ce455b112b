"""The footer's QR code scans: a printed page rendered to pixels (poppler's pdftoppm) and read by
a real decoder (zbar) gives back the record id, version and hash of the footer text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from desktop.printing import certificate
from desktop.printing.verify import marks_in_pdf, marks_in_text
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from tests.factories import valid_row


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: apt-get install poppler-utils zbar-tools (.ci/run does)"
    return found


def test_qr_code_decodes_to_the_footer(ws, tmp_path: Path) -> None:
    row = valid_row(name="王小明", seq=11)
    add_students(ws, [row])
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(certificate.build(printable_students(ws, row["身份证件号"])))
    subprocess.run([tool("pdftoppm"), "-r", "200", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    scanned = subprocess.run([tool("zbarimg"), "--quiet", "--raw", str(tmp_path / "page.png")],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert scanned.startswith("xueji:")
    assert marks_in_text(scanned) == marks_in_pdf(pdf.read_bytes())
