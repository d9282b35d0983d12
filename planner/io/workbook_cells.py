"""The cells of ``scenario.xlsx``, read straight from the workbook's XML, cell by real cell.

openpyxl's reader is built for fidelity, not for hostile files: in read-only mode it still pads
rows to the widest column it has seen, parses a sheet without a ``<dimension>`` twice, builds
an element tree of every cell and spends ~100 µs on each inline or rich string. This module reads
only what the planner needs - sheet names, shared strings, which styles are dates, and each row's
cells - with expat callbacks: no tree, a constant amount of work per XML element, and memory
for one row at a time (bounded further by ``planner.io.limits``). It reads files written by
Excel, LibreOffice, WPS and openpyxl, in the transitional and the strict namespaces alike
(elements are matched by their local name).
"""
from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, fromstring
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from planner.io.limits import MAX_SCENARIO_CELLS, MAX_TABLE_CELLS

_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
         "http://purl.oclc.org/ooxml/spreadsheetml/main")
_DOC_RELS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
             "http://purl.oclc.org/ooxml/officeDocument/relationships")
_CHUNK = 1024 * 1024
_MAX_PART_BYTES = 16 * 1024 * 1024      # workbook.xml, its relationships, styles.xml
_MAX_CELL_CHARS = 32_767                 # Excel's limit of one cell
# XML elements read from the sheets and the shared strings together: a cell is 2-3 elements, so
# this is the cell limit's worth, however the file spends its elements.
_MAX_ELEMENTS = 3 * MAX_SCENARIO_CELLS
# Built-in number formats that are dates in some locale (14-22 everywhere, 27-36 and 50-58 in
# Chinese, Japanese and Korean Excel, 45-47 times).
_BUILTIN_DATES = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))


class WorkbookError(ValueError):
    """A workbook that cannot be read as one; the message says why."""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _column_number(ref: str) -> int:
    """``XFD1048576`` -> 16384."""
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            n = n * 26 + ord(ch) - 96
        else:
            break
    if not 1 <= n <= 16384:
        raise WorkbookError(f"cell reference {ref[:20]!r} is outside the sheet")
    return n


_CELL, _VALUE, _TEXT, _PHONETIC, _ROW, _STRING, _OTHER = range(7)
_CODES = {"c": _CELL, "v": _VALUE, "t": _TEXT, "rPh": _PHONETIC, "row": _ROW, "si": _STRING}


class _Cells:
    """expat handlers for a sheet or the shared strings: each completed row (or string) lands in
    ``done``; nothing else is kept, so memory holds one row at a time. The handlers run once
    per XML element, so they are written for speed: element names are looked up once, column
    letters once."""

    def __init__(self, book: WorkbookCells) -> None:
        self.book = book
        self.done: list = []
        self.codes: dict = {}       # element name as expat gives it -> one of the codes above
        self.columns: dict = {}     # column letters -> number
        self.row_number = 0
        self.cells: list = []
        self.column = 0
        self.kind = "n"
        self.style = None
        self.value: list = []       # text of <v>
        self.string: list = []      # text of <t> in <is> or <si>, phonetic runs left out
        self.capture = None
        self.phonetic = 0
        self.length = 0
        self.elements = 0           # elements started, counted against the workbook's budget

    def _code(self, name: str) -> int:
        code = self.codes[name] = _CODES.get(name[name.rfind("}") + 1:], _OTHER)
        return code

    def _column_of(self, ref: str) -> int:
        letters = ref.rstrip("0123456789")
        number = self.columns.get(letters)
        if number is None:
            number = self.columns[letters] = _column_number(letters)
        return number

    def start(self, name: str, attrs: dict) -> None:
        self.elements += 1
        code = self.codes.get(name)
        if code is None:
            code = self._code(name)
        if code == _CELL:
            ref = attrs.get("r")
            self.column = self._column_of(ref) if ref else self.column + 1
            self.kind, self.style = attrs.get("t", "n"), attrs.get("s")
            self.value, self.string, self.length = [], [], 0
        elif code == _VALUE:
            self.capture = self.value
        elif code == _TEXT:
            self.capture = None if self.phonetic else self.string
        elif code == _PHONETIC:
            self.phonetic += 1
        elif code == _ROW:
            ref = attrs.get("r")
            if ref is None:
                self.row_number += 1
            elif ref.isdigit() and len(ref) <= 7:
                self.row_number = int(ref)
            else:
                raise WorkbookError(f"row number {ref[:20]!r} is not a row of a sheet")
            self.cells, self.column = [], 0
        elif code == _STRING:
            self.string, self.length = [], 0

    def text(self, data: str) -> None:
        if self.capture is not None:
            self.length += len(data)
            if self.length > _MAX_CELL_CHARS:
                raise WorkbookError(f"a cell longer than {_MAX_CELL_CHARS:,} characters (Excel's own limit)")
            self.capture.append(data)

    def end(self, name: str) -> None:
        code = self.codes.get(name)
        if code == _VALUE or code == _TEXT:
            self.capture = None
        elif code == _CELL:
            if self.kind == "inlineStr":
                value = "".join(self.string)
            elif self.value:
                value = self.book.cell_value(self.kind, self.style, "".join(self.value))
            else:
                return
            if value is not None and value != "":
                self.cells.append((self.column, value))
                if len(self.cells) > MAX_TABLE_CELLS:
                    raise WorkbookError(f"a row of more than {MAX_TABLE_CELLS:,} cells")
        elif code == _ROW:
            self.done.append((self.row_number, self.cells))
        elif code == _PHONETIC:
            self.phonetic -= 1
        elif code == _STRING:
            self.done.append("".join(self.string))


def _parse(source, handlers: _Cells) -> Iterator:
    """Feed an XML stream to expat in chunks; yield what each chunk completed."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = handlers.start
    parser.EndElementHandler = handlers.end
    parser.CharacterDataHandler = handlers.text
    parser.buffer_text = True
    book = handlers.book
    try:
        while chunk := source.read(_CHUNK):
            parser.Parse(chunk, False)
            book.elements_left -= handlers.elements
            handlers.elements = 0
            if book.elements_left < 0:
                raise WorkbookError(f"more than {_MAX_ELEMENTS:,} XML elements in its sheets and strings")
            yield from handlers.done
            handlers.done.clear()
        parser.Parse(b"", True)
    except expat.ExpatError as err:
        raise WorkbookError(f"malformed XML ({str(err)[:60]})") from None
    yield from handlers.done
    handlers.done.clear()


class WorkbookCells:
    """The sheets of one workbook and the cells of each, read on demand.

    Parameters
    ----------
    path : Path
        The ``.xlsx`` file.

    Raises
    ------
    WorkbookError
        Not a workbook (not a zip, no workbook part, a part too large, malformed XML).
    """

    def __init__(self, path: Path) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as err:
            raise WorkbookError(f"not a workbook ({err})") from None
        try:
            self._read_parts()
        except WorkbookError:
            self._zip.close()
            raise
        except (KeyError, ValueError, SyntaxError, zipfile.BadZipFile, OSError, EOFError) as err:
            self._zip.close()
            raise WorkbookError(f"not a workbook ({type(err).__name__}: {str(err)[:80]})") from None

    # --- the workbook's parts ---------------------------------------------------------------
    def _part(self, name: str) -> Element:
        info = self._zip.getinfo(name)
        if info.file_size > _MAX_PART_BYTES:
            raise WorkbookError(f"{name} unpacks to {info.file_size:,} bytes")
        return fromstring(self._zip.read(name))

    def _relations(self, part: str) -> dict:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if rels_name not in self._zip.NameToInfo:
            return {}
        out = {}
        for rel in self._part(rels_name):
            target = rel.get("Target", "")
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id")] = (rel.get("Type", "").rpartition("/")[2], target)
        return out

    def _read_parts(self) -> None:
        self.elements_left = _MAX_ELEMENTS
        root_rels = self._relations("")
        book = next((t for kind, t in root_rels.values() if kind == "officeDocument"), "xl/workbook.xml")
        workbook = self._part(book)
        rels = self._relations(book)
        self.epoch = CALENDAR_WINDOWS_1900
        self.sheets: list[tuple[str, str]] = []     # (title, zip member)
        for element in workbook.iter():
            tag = _local(element.tag)
            if tag == "workbookPr" and element.get("date1904") in ("1", "true"):
                self.epoch = CALENDAR_MAC_1904
            elif tag == "sheet":
                rid = next((element.get(f"{{{ns}}}id") for ns in _DOC_RELS if element.get(f"{{{ns}}}id")), None)
                kind, target = rels.get(rid, ("", ""))
                if kind == "worksheet" and target in self._zip.NameToInfo:
                    self.sheets.append((element.get("name", ""), target))
        by_kind = {kind: target for kind, target in rels.values()}
        self.date_styles = self._date_styles(by_kind.get("styles"))
        self.shared = self._shared_strings(by_kind.get("sharedStrings"))

    def _date_styles(self, member: str | None) -> frozenset:
        """Indices of the cell formats (``cellXfs``) whose number format shows a date."""
        if member is None or member not in self._zip.NameToInfo:
            return frozenset()
        styles = self._part(member)
        custom = {}
        dates = set()
        for element in styles.iter():
            if _local(element.tag) == "numFmt":
                custom[element.get("numFmtId")] = element.get("formatCode", "")
        cell_formats = next((e for e in styles.iter() if _local(e.tag) == "cellXfs"), None)
        for index, xf in enumerate(cell_formats if cell_formats is not None else ()):
            number_format = xf.get("numFmtId", "0")
            code = custom.get(number_format)
            if code is None and number_format.isdigit():
                code = BUILTIN_FORMATS.get(int(number_format))
                if int(number_format) in _BUILTIN_DATES:
                    dates.add(index)
                    continue
            if code and is_date_format(code):
                dates.add(index)
        return frozenset(dates)

    def _shared_strings(self, member: str | None) -> list:
        if member is None or member not in self._zip.NameToInfo:
            return []
        strings: list = []
        with self._zip.open(member) as source:
            for text in _parse(source, _Cells(self)):
                strings.append(text)
                if len(strings) > MAX_SCENARIO_CELLS:
                    raise WorkbookError(f"more than {MAX_SCENARIO_CELLS:,} shared strings")
        return strings

    # --- cells ------------------------------------------------------------------------------
    def cell_value(self, kind: str, style: str | None, value: str):
        """A cell's value from its type (``t``), style (``s``) and ``<v>`` text.

        Returns
        -------
        str, int, float, bool, datetime or None
        """
        if value == "":
            return None
        try:
            if kind == "s":
                return self.shared[int(value)]
            if kind in ("str", "e"):
                return value
            if kind == "b":
                return value.strip() in ("1", "true")
            number = float(value) if len(value) > 20 or any(ch in value for ch in ".eEnN") else int(value)
            if style is not None and int(style) in self.date_styles:
                try:
                    return from_excel(number, self.epoch)
                except (ValueError, OverflowError):
                    return number
            return number
        except (ValueError, IndexError) as err:
            raise WorkbookError(f"a cell that cannot be read ({str(err)[:60]})") from None

    def rows(self, member: str) -> Iterator[tuple[int, list]]:
        """(row number, [(column number, value), ...]) of each row the sheet holds, in file order;
        values are str, int, float, bool or datetime, and empty cells are left out.

        Parameters
        ----------
        member : str
            The sheet's part in the zip (from ``sheets``).

        Raises
        ------
        WorkbookError
            Malformed XML, or a cell that cannot be read (a reference outside the sheet, a
            missing shared string, a cell over Excel's 32,767 characters).
        """
        with self._zip.open(member) as source:
            yield from _parse(source, _Cells(self))

    def close(self) -> None:
        """Close the file."""
        self._zip.close()

