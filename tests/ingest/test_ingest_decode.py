"""Whatever sits in an editorial folder: every file problem becomes a notice, never an exception."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import time
from pathlib import Path

import pytest

from factlint.ingest import decode, iter_documents, load_document
from factlint.models import Document, IngestNotice

NEWSWIRE = ("Société Générale said its 1986 net profit rose 12.5 pct to 2.35 billion francs.\n"
            "    The bank's chairman said the rise reflected growth in commissions.\n")


def test_utf8_with_bom_is_decoded_without_the_bom(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Shenzhen had 51,000 5G base stations.\n".encode())
    doc = load_document(path)
    assert isinstance(doc, Document)
    assert doc.raw.startswith("Shenzhen")
    assert doc.position(doc.raw.index("51,000")) == (1, 14)
    assert doc.notices == []


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                        ("utf-32-le", codecs.BOM_UTF32_LE)])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str, bom: bytes):
    text = "China’s data output reached 6.6ZB in 2021.\r\n"
    path = tmp_path / "export.txt"
    path.write_bytes(bom + text.encode(codec))
    doc = load_document(path)
    assert isinstance(doc, Document)
    assert doc.raw == text
    assert doc.notices == []


def test_utf16_without_bom_is_recognised(tmp_path: Path):
    path = tmp_path / "nobom.txt"
    path.write_bytes("Shenzhen had 51,000 5G base stations.\n".encode("utf-16-le"))
    doc = load_document(path)
    assert isinstance(doc, Document)
    assert doc.raw.startswith("Shenzhen had 51,000")
    assert any("UTF-16" in n for n in doc.notices)


def test_latin1_newswire_falls_back_with_a_notice(tmp_path: Path):
    path = tmp_path / "wire.txt"
    path.write_bytes(("Bank results\n\n" + NEWSWIRE).encode("latin-1"))
    doc = load_document(path)
    assert isinstance(doc, Document)
    assert "Société Générale" in doc.raw
    assert len(doc.notices) == 1
    assert "not valid UTF-8" in doc.notices[0] and "line 3" in doc.notices[0]


def test_mixed_file_keeps_its_valid_utf8(tmp_path: Path):
    # curly quotes in UTF-8, one stray Windows-1252 byte (0x96, an en dash)
    data = "“Our share is 14.1%,” he said ".encode() + b"\x96 and rising.\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.raw == "“Our share is 14.1%,” he said – and rising.\n"
    assert doc.notices and "0x96" in doc.notices[0]


def test_binary_files_are_skipped(tmp_path: Path):
    png = tmp_path / "chart.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    item = load_document(png)
    assert isinstance(item, IngestNotice)
    assert "binary" in item.message and item.path.endswith("chart.txt")
    controls = tmp_path / "noise.md"
    controls.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 200)
    assert isinstance(load_document(controls), IngestNotice)


def test_empty_file_is_a_document_without_claims(tmp_path: Path):
    from factlint.extract import extract_claims

    for name in ("empty.txt", "empty.md", "empty.html"):
        path = tmp_path / name
        path.write_bytes(b"")
        doc = load_document(path)
        assert isinstance(doc, Document)
        assert doc.raw == "" and doc.text == ""
        assert extract_claims(doc) == []


def test_fifty_megabyte_file_reads_in_reasonable_time(tmp_path: Path):
    paragraph = ("Shenzhen had 51,000 5G base stations at the end of 2021, or 28.5 per 10,000 people, "
                 "the bureau said.\n\n")
    path = tmp_path / "huge.txt"
    count = 50 * 1024 * 1024 // len(paragraph) + 1
    with path.open("w", encoding="utf-8") as out:
        out.write("A very long file\nUpdated: 2022-12-09\n\n")
        out.write(paragraph * count)
    started = time.perf_counter()
    doc = load_document(path)
    elapsed = time.perf_counter() - started
    assert isinstance(doc, Document)
    assert len(doc.raw) >= 50 * 1024 * 1024 and len(doc.text) == len(doc.raw)
    assert doc.date == dt.date(2022, 12, 9)
    last = doc.raw.rindex("28.5")
    assert doc.text[last:last + 4] == "28.5"
    assert doc.position(last)[0] == doc.raw.count("\n", 0, last) + 1
    assert elapsed < 30, f"50 MB took {elapsed:.1f} s"


def test_file_that_vanishes_after_discovery(tmp_path: Path):
    (tmp_path / "a-first.md").write_text("Here to stay: 51,000 stations.\n", encoding="utf-8")
    gone = tmp_path / "b-gone.md"
    gone.write_text("Briefly here.\n", encoding="utf-8")
    (tmp_path / "c-last.md").write_text("Also here.\n", encoding="utf-8")
    documents = iter_documents([tmp_path])
    first = next(documents)  # the folder has been listed by now
    gone.unlink()
    rest = list(documents)
    assert isinstance(first, Document) and first.path.endswith("a-first.md")
    assert isinstance(rest[0], IngestNotice) and rest[0].path.endswith("b-gone.md")
    assert "not found" in rest[0].message
    assert isinstance(rest[1], Document) and rest[1].path.endswith("c-last.md")


def test_unreadable_file_becomes_a_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "locked.txt"
    path.write_text("Locked away 51,000.\n", encoding="utf-8")
    if os.geteuid() != 0:
        path.chmod(0)
        try:
            item = load_document(path)
        finally:
            path.chmod(0o644)
        assert isinstance(item, IngestNotice) and "permission denied" in item.message
    # root reads anything: make the system call itself refuse, as it would for a user
    real_open = os.open

    def refusing_open(target, flags, *args, **kwargs):
        if os.fspath(target) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(target))
        return real_open(target, flags, *args, **kwargs)

    monkeypatch.setattr(decode.os, "open", refusing_open)
    item = load_document(path)
    assert isinstance(item, IngestNotice) and "permission denied" in item.message


def test_read_permission_lost_mid_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "flaky.txt"
    path.write_text("x" * 100, encoding="utf-8")

    def failing_read(fd, size):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(decode.os, "read", failing_read)
    item = load_document(path)
    assert isinstance(item, IngestNotice) and "permission denied" in item.message


def test_fifo_named_explicitly_does_not_block(tmp_path: Path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    item = load_document(fifo)
    assert isinstance(item, IngestNotice) and "not a regular file" in item.message


def test_directory_and_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    item = load_document(tmp_path)
    assert isinstance(item, IngestNotice) and "directory" in item.message
    big = tmp_path / "big.txt"
    big.write_text("y" * 5000, encoding="utf-8")
    monkeypatch.setattr(decode, "MAX_FILE_BYTES", 1000)
    item = load_document(big)
    assert isinstance(item, IngestNotice) and "limit" in item.message


def test_notice_paths_are_display_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk").mkdir()
    path = tmp_path / "desk" / "bin.txt"
    path.write_bytes(b"\x00\x01\x02")
    item = load_document(path)
    assert isinstance(item, IngestNotice) and item.path == "desk/bin.txt"
    assert load_document(path, display_path="custom/name.txt").path == "custom/name.txt"


def test_classic_mac_line_endings_are_line_breaks(tmp_path: Path):
    from factlint.extract import extract_claims

    path = tmp_path / "old-mac.txt"
    path.write_bytes(b"Stations\rUpdated: 2022-03-01\r\rShenzhen had 54,000 5G base stations at the end of 2021, "
                     b"the bureau said.\r")
    doc = load_document(path)
    assert isinstance(doc, Document)
    assert doc.date == dt.date(2022, 3, 1) and doc.title == "Stations"
    assert doc.notices == ["lines end in CR alone (classic Mac OS); read as line breaks"]
    claim = extract_claims(doc)[0]
    assert (claim.line, claim.column, claim.text) == (4, 14, "54,000 5G base stations")
    assert len(doc.raw) == len(path.read_bytes())  # one character for one: offsets are the file's
    # Windows line endings are left alone
    path.write_bytes(b"Stations\r\nUpdated: 2022-03-01\r\n")
    assert load_document(path).raw == "Stations\r\nUpdated: 2022-03-01\r\n"
