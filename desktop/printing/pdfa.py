"""Archive copies: a printed PDF made PDF/A-2b (ISO 19005-2, level B) before it is saved.

reportlab writes every font embedded (desktop.printing.fonts) but no XMP metadata and no
output intent. `archive_copy` adds both with pikepdf: XMP naming the PDF/A part and level and
repeating the document information (title, producer, dates), an sRGB output intent with its
ICC profile (built by Pillow's LittleCMS), and a document ID. `archive_findings` lists what of
PDF/A-2b can be checked here; a full validation needs veraPDF, which is not available.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

import pikepdf
from PIL import ImageCms

PRODUCER = "学籍管理（离线版） / ReportLab"
SRGB = "sRGB IEC61966-2.1"
_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreatorTool>{producer}</xmp:CreatorTool>
   <xmp:CreateDate>{moment}</xmp:CreateDate>
   <xmp:ModifyDate>{moment}</xmp:ModifyDate>
   <xmp:MetadataDate>{moment}</xmp:MetadataDate>
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile of the output intent."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def archive_copy(data: bytes, now: dt.datetime | None = None) -> bytes:
    """`data` (a PDF this program printed) as a PDF/A-2b archive copy dated `now`."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        title = str(pdf.docinfo.get("/Title", ""))
        _docinfo(pdf, title, moment)
        xmp = _XMP.format(title=escape(title), producer=escape(PRODUCER),
                          moment=moment.isoformat().replace("+00:00", "Z"))
        pdf.Root.Metadata = pdf.make_indirect(pikepdf.Stream(
            pdf, xmp.encode("utf-8"), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML))
        pdf.Root.OutputIntents = pikepdf.Array([_intent(pdf)])
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, min_version="1.7",
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


def _docinfo(pdf: pikepdf.Pdf, title: str, moment: dt.datetime) -> None:
    """Only entries the XMP repeats (PDF/A wants the two to agree)."""
    stamp = f"D:{moment:%Y%m%d%H%M%S}Z"
    pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(title), Producer=pikepdf.String(PRODUCER),
        Creator=pikepdf.String(PRODUCER), CreationDate=stamp, ModDate=stamp))


def _intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    profile = pdf.make_indirect(pikepdf.Stream(pdf, srgb_profile(), N=3))
    return pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
                              OutputConditionIdentifier=pikepdf.String(SRGB),
                              Info=pikepdf.String(SRGB), DestOutputProfile=profile)


def archive_findings(data: bytes) -> list[str]:
    """What is wrong for PDF/A-2b among the things checkable without veraPDF: XMP with part
    2 and level B and the title of the document information, an output intent with an RGB
    ICC profile, every font embedded, a document ID, no encryption, no JavaScript."""
    findings: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.is_encrypted:
            findings.append("encrypted")
        if "/ID" not in pdf.trailer:
            findings.append("no document ID")
        findings += _metadata_findings(pdf)
        findings += _intent_findings(pdf)
        findings += _font_findings(pdf)
        if "/JavaScript" in pdf.Root.get("/Names", {}) or "/OpenAction" in pdf.Root:
            findings.append("actions or JavaScript")
    return findings


def _metadata_findings(pdf: pikepdf.Pdf) -> list[str]:
    if "/Metadata" not in pdf.Root:
        return ["no XMP metadata"]
    meta = pdf.open_metadata()
    found = []
    if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") != "B":
        found.append("XMP does not claim PDF/A-2b")
    if meta.get("dc:title") != str(pdf.docinfo.get("/Title", "")):
        found.append("XMP title differs from the document information")
    if meta.get("pdf:Producer") != str(pdf.docinfo.get("/Producer", "")):
        found.append("XMP producer differs from the document information")
    return found


def _intent_findings(pdf: pikepdf.Pdf) -> list[str]:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if len(intents) != 1:
        return ["no single PDF/A output intent"]
    profile = intents[0].get("/DestOutputProfile")
    if profile is None or int(profile.get("/N", 0)) != 3:
        return ["output intent without an RGB ICC profile"]
    header = profile.read_bytes()[:40]
    return [] if header[12:16] == b"mntr" and header[16:20] == b"RGB " else ["not a display RGB profile"]


def _font_findings(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        resources: Any = page.get("/Resources", {})  # a pikepdf Dictionary, or the {} given
        fonts = resources.get("/Font", {})
        for name, font in fonts.items():
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            if not embedded:
                found.append(f"page {number}: font {name} not embedded")
    return found
