"""The course's data: the UN E-Government Survey table in ``course/data/``.

:func:`load_survey` reads one CSV file of Survey figures and checks every row;
:func:`check_data_dir` does so for every CSV file of the data folder and is
called once per build, so a bad row stops the build with the file, the line
and what to fix (never a traceback). Plain Python: no MkDocs, no pandas.

What a row must hold (the rules follow the Survey's published data, including
its gaps):

- every column of :data:`COLUMNS`, no other;
- ``year`` one of :data:`EDITIONS`; ``iso3`` three capital letters; one row per
  ``iso3`` and ``year``; every country in every edition;
- ``region``, ``subregion`` and ``income_group`` the same in all of a country's
  rows (the table gives one income group for all editions);
- each index a finite number from 0 to 1, or empty where the Survey published
  none (2010 has rows without an HCI or TII; South Sudan has no 2010 figures);
- ``egdi_rank`` a whole number from 1, empty only when the EGDI is empty; in
  each edition a better rank never has a lower EGDI;
- the EGDI the mean of the OSI, TII and HCI within :data:`EGDI_TOLERANCE`
  (0.005 in 2010, 0.0006 from 2012: the UN's own 2010 figures differ from the
  mean of their parts by up to 0.0039). An EGDI of exactly 0 marks a row
  without a real score (nine rows of 2010 with a missing part, three of 2012)
  and is not checked against the parts, but its rank must still fit the order;
  with a part missing the EGDI must be 0 or empty.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from .errors import Collector, CourseError

EDITIONS: tuple[int, ...] = (2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
COLUMNS: tuple[str, ...] = ("iso3", "country", "region", "subregion", "income_group", "year",
                            "egdi_rank", "egdi", "osi", "tii", "hci", "epart")
INDICES: tuple[str, ...] = ("egdi", "osi", "tii", "hci", "epart")
PARTS: tuple[str, str, str] = ("osi", "tii", "hci")
REGIONS = frozenset({"Africa", "Americas", "Asia", "Europe", "Oceania"})
INCOME_GROUPS = frozenset({"High", "Upper-Middle", "Lower-Middle", "Low"})
EGDI_TOLERANCE: dict[int, float] = {2010: 0.005}
DEFAULT_TOLERANCE = 0.0006
"""How far a published EGDI may be from the mean of its three parts (see the module notes)."""


@dataclass(frozen=True)
class SurveyRow:
    """One country in one edition; ``None`` where the Survey published no figure."""

    line: int
    iso3: str
    country: str
    region: str
    subregion: str
    income_group: str
    year: int
    egdi_rank: int | None
    egdi: float | None
    osi: float | None
    tii: float | None
    hci: float | None
    epart: float | None


@dataclass(frozen=True)
class SurveyTable:
    file: str
    rows: tuple[SurveyRow, ...]

    @property
    def editions(self) -> tuple[int, ...]:
        return tuple(sorted({r.year for r in self.rows}))

    def edition(self, year: int) -> tuple[SurveyRow, ...]:
        return tuple(r for r in self.rows if r.year == year)


def tolerance(year: int) -> float:
    return EGDI_TOLERANCE.get(year, DEFAULT_TOLERANCE)


def _number(text: str) -> float | None:
    """A finite float, ``None`` for an empty cell; raises ``ValueError`` otherwise."""
    text = text.strip()
    if text == "":
        return None
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _read_rows(path: Path, col: Collector) -> list[SurveyRow]:
    rows: list[SurveyRow] = []
    try:
        handle = path.open(encoding="utf-8-sig", newline="")  # a spreadsheet may add a BOM
    except OSError as exc:
        col.error(path, f"cannot read the data file ({exc.strerror})", fix="check the file exists and is readable")
        return rows
    with handle:
        try:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if header is None:
                col.error(path, "the data file is empty", line=1,
                          fix=f"start it with the header line {','.join(COLUMNS)}")
                return rows
            header = [h.strip() for h in header]
            missing = [c for c in COLUMNS if c not in header]
            extra = [h for h in header if h not in COLUMNS]
            if missing or extra or len(set(header)) != len(header):
                what = []
                if missing:
                    what.append("missing column(s) " + ", ".join(missing))
                if extra:
                    what.append("unknown column(s) " + ", ".join(repr(h) for h in extra))
                if not what:
                    what.append("a column appears twice")
                col.error(path, "; ".join(what), line=1, fix=f"the header must name exactly: {','.join(COLUMNS)}")
                return rows
            for cells in reader:
                line = reader.line_num
                if not cells or cells == [""]:
                    continue  # a blank line
                if len(cells) != len(header):
                    col.error(path, f"{len(cells)} values where the header has {len(header)} columns", line=line,
                              fix="give one value per column (an empty value is ',,'); quote a name holding a comma")
                    continue
                row = _row(dict(zip(header, (c.strip() for c in cells))), line, path, col)
                if row is not None:
                    rows.append(row)
        except UnicodeDecodeError:
            col.error(path, "the data file is not UTF-8 text", fix="save it as UTF-8 (CSV UTF-8 in a spreadsheet)")
        except csv.Error as exc:
            col.error(path, f"the CSV is malformed ({exc})", line=reader.line_num,
                      fix="check the quotes on that line")
    return rows


def _row(cell: dict[str, str], line: int, path: Path, col: Collector) -> SurveyRow | None:
    ok = True

    def bad(column: str, message: str, fix: str) -> None:
        nonlocal ok
        ok = False
        col.error(path, message, line=line, key=column, fix=fix)

    iso3 = cell["iso3"]
    if not (len(iso3) == 3 and iso3.isascii() and iso3.isalpha() and iso3.isupper()):
        bad("iso3", f"iso3 '{iso3}' is not three capital letters", "use the country's ISO 3166-1 alpha-3 code")
    for name in ("country", "subregion"):
        if not cell[name]:
            bad(name, f"{name} is empty", f"give the {name} as the Survey names it")
    if cell["region"] not in REGIONS:
        bad("region", f"region '{cell['region']}' is not a UN region", "use one of " + ", ".join(sorted(REGIONS)))
    if cell["income_group"] not in INCOME_GROUPS:
        bad("income_group", f"income group '{cell['income_group']}' is unknown",
            "use one of " + ", ".join(sorted(INCOME_GROUPS)))
    year = None
    try:
        year = int(cell["year"])
    except ValueError:
        pass
    if year not in EDITIONS:
        bad("year", f"year '{cell['year']}' is not an edition of the Survey",
            "use one of " + ", ".join(map(str, EDITIONS)))
    values: dict[str, float | None] = {}
    for name in INDICES:
        try:
            value = _number(cell[name])
        except ValueError:
            bad(name, f"{name} '{cell[name]}' is not a number", "write a decimal number from 0 to 1 with a point "
                "(0.4862), or leave it empty where the Survey published none")
            continue
        if value is not None and not 0 <= value <= 1:
            bad(name, f"{name} {cell[name]} is outside 0 to 1", "the Survey's indices run from 0 to 1: check the value")
            continue
        values[name] = value
    rank = None
    text = cell["egdi_rank"]
    if text:
        try:
            rank = int(text)
        except ValueError:
            rank = None
        if rank is None or rank < 1:
            bad("egdi_rank", f"egdi_rank '{text}' is not a whole number from 1", "write the rank as published (1 is the highest)")
    if not ok or year is None:
        return None
    egdi = values["egdi"]
    if egdi is None and (rank is not None or any(values[n] is not None for n in INDICES)):
        bad("egdi", "egdi is empty but the row has other figures",
            "give the published EGDI (0 for a row without a real score), or empty the whole row")
    elif egdi is not None and rank is None:
        bad("egdi_rank", "egdi_rank is empty although the row has an EGDI", "write the rank as published")
    parts = [values[n] for n in PARTS]
    if egdi is not None and egdi > 0:
        if any(p is None for p in parts):
            bad("egdi", f"EGDI {cell['egdi']} but {', '.join(n for n, p in zip(PARTS, parts) if p is None)} is empty",
                "an EGDI needs all three parts: give them, or an EGDI of 0 for a row without a real score")
        else:
            mean = sum(parts) / 3  # type: ignore[arg-type]
            if abs(egdi - mean) > tolerance(year):
                bad("egdi", f"EGDI {cell['egdi']} is not the mean of OSI, TII and HCI ({mean:.4f}; "
                    f"allowed difference in {year}: {tolerance(year)})",
                    "check the four values against the Survey's published figures")
    if not ok:
        return None
    return SurveyRow(line, iso3, cell["country"], cell["region"], cell["subregion"], cell["income_group"], year,
                     rank, egdi, values["osi"], values["tii"], values["hci"], values["epart"])


def _check_table(rows: list[SurveyRow], path: Path, col: Collector) -> None:
    seen: dict[tuple[str, int], SurveyRow] = {}
    first: dict[str, SurveyRow] = {}
    for r in rows:
        key = (r.iso3, r.year)
        if key in seen:
            col.error(path, f"a second row for {r.iso3} in {r.year} (the first is on line {seen[key].line})",
                      line=r.line, key="iso3", fix="keep one row per country and edition")
            continue
        seen[key] = r
        f = first.setdefault(r.iso3, r)
        for name in ("region", "subregion", "income_group"):
            if getattr(r, name) != getattr(f, name):
                col.error(path, f"{name} '{getattr(r, name)}' differs from '{getattr(f, name)}' on line {f.line} "
                          f"for {r.iso3}", line=r.line, key=name,
                          fix=f"give {r.iso3} the same {name} in every edition")
    years = sorted({r.year for r in seen.values()})
    for iso3 in sorted(first):
        lacking = [y for y in years if (iso3, y) not in seen]
        if lacking:
            col.error(path, f"{iso3} ({first[iso3].country}) has no row for {', '.join(map(str, lacking))}",
                      fix="add the row (with empty figures where the Survey published none)")
    for year in years:
        ranked = sorted((r for r in seen.values() if r.year == year and r.egdi_rank is not None),
                        key=lambda r: (r.egdi_rank, r.line))
        for better, worse in zip(ranked, ranked[1:]):
            if worse.egdi > better.egdi:  # type: ignore[operator]
                col.error(path, f"rank {worse.egdi_rank} with EGDI {worse.egdi} is above the EGDI {better.egdi} "
                          f"of rank {better.egdi_rank} (line {better.line}) in {year}", line=worse.line,
                          key="egdi_rank", fix="check the rank and the EGDI of both rows against the Survey")


def load_survey(path: Path | str, root: Path | str | None = None) -> SurveyTable:
    """Read and check one Survey CSV file; raise :class:`CourseError` listing every problem.

    File names in messages are relative to ``root`` (the project folder) when given.
    """
    path = Path(path)
    col = Collector(Path(root) if root is not None else path.parent)
    rows = _read_rows(path, col)
    if not col.errors:
        _check_table(rows, path, col)
    if not col.errors and not rows:
        col.error(path, "the data file has no rows", line=2, fix="add the Survey's figures under the header")
    col.raise_if_errors()
    return SurveyTable(col.rel(path), tuple(rows))


def check_data_dir(data_dir: Path | str, root: Path | str | None = None) -> list[SurveyTable]:
    """Check every ``.csv`` file of ``data_dir`` (none when the folder is absent)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    tables, problems = [], []
    for path in sorted(data_dir.glob("*.csv")):
        try:
            tables.append(load_survey(path, root))
        except CourseError as exc:
            problems += exc.problems
    if problems:
        raise CourseError(problems)
    return tables
