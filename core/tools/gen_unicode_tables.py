#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates core/src/tables/unicode_tables.inc from the Unicode data files.

Usage: gen_unicode_tables.py [--data-dir DIR] [--output PATH]

Reads UnicodeData.txt, DerivedNormalizationProps.txt, PropList.txt,
CaseFolding.txt and NormalizationTest.txt(.bz2) from DIR (default
/usr/share/unicode), verifies its own NFC/NFKC implementation against every
line of NormalizationTest, and writes the tables declared in
core/src/unicode_data.h to PATH. Prints table statistics and the maximum
per-code-point UTF-8 expansion ratios to stderr. Exits non-zero with a
message on any inconsistency. Uses only the standard library (not the
`unicodedata` module, whose Unicode version differs). The output is
deterministic.
"""

import argparse
import bz2
import os
import re
import sys

MAX_CP = 0x110000
BLOCK_SHIFT = 6
BLOCK_SIZE = 1 << BLOCK_SHIFT

# Hangul constants, Unicode 15.0 section 3.12.
S_BASE, L_BASE, V_BASE, T_BASE = 0xAC00, 0x1100, 0x1161, 0x11A7
L_COUNT, V_COUNT, T_COUNT = 19, 21, 28
N_COUNT = V_COUNT * T_COUNT
S_COUNT = L_COUNT * N_COUNT

# Property bits, as in core/src/unicode_data.h.
PROP_NFC_QC_YES = 1 << 8
PROP_NFKC_QC_YES = 1 << 9
PROP_WHITE_SPACE = 1 << 10
PROP_PUNCT_OR_SYMBOL = 1 << 11
PROP_CANONICAL_DECOMP = 1 << 12
PROP_COMPAT_DECOMP = 1 << 13
PROP_CASE_FOLDS = 1 << 14
PROP_COMPOSES_FORWARD = 1 << 15

PRESENTATION_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


class DataError(Exception):
    """Inconsistent or unexpected Unicode data, or a failed self-check."""


def is_hangul_syllable(cp):
    """True for U+AC00..U+D7A3."""
    return S_BASE <= cp < S_BASE + S_COUNT


def utf8_len(cp):
    """Number of UTF-8 bytes of a (non-surrogate) scalar value."""
    if cp < 0x80:
        return 1
    if cp < 0x800:
        return 2
    if cp < 0x10000:
        return 3
    return 4


def fmt_cps(cps):
    """Formats a code point sequence as 'U+XXXX U+YYYY'."""
    return " ".join("U+%04X" % cp for cp in cps)


class UnicodeData:
    """The parsed Unicode Character Database files needed for the tables."""

    def __init__(self, data_dir):
        """Parses the data files in data_dir; raises DataError on problems."""
        self.data_dir = data_dir
        self.versions = {}
        self.gc = {}  # cp -> general category; absent = Cn
        self.ccc = {}  # cp -> nonzero canonical combining class
        self.canon_map = {}  # cp -> tuple, canonical decomposition mapping
        self.compat_map = {}  # cp -> tuple, compatibility mapping (tagged)
        self.nfc_qc = {}  # cp -> 'N' or 'M'; absent = Y
        self.nfkc_qc = {}
        self.full_comp_excl = set()
        self.white_space = set()
        self.case_fold = {}  # cp -> tuple, statuses C and F
        self._parse_unicode_data()
        self._parse_normalization_props()
        self._parse_prop_list()
        self._parse_case_folding()
        distinct = set(self.versions.values())
        if len(distinct) != 1:
            raise DataError("data files disagree on the Unicode version: %r" %
                            self.versions)
        self.version = distinct.pop()

    def _open_lines(self, name):
        """Returns the lines of a data file and records its header version."""
        path = os.path.join(self.data_dir, name)
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except OSError as e:
            raise DataError("cannot read %s: %s" % (path, e)) from e
        stem = name[:-len(".txt")]
        match = re.match(r"#\s*%s-(\d+\.\d+\.\d+)\.txt" % re.escape(stem),
                         lines[0] if lines else "")
        if not match:
            raise DataError("%s: first line does not name the version" % path)
        self.versions[name] = match.group(1)
        return lines

    @staticmethod
    def _data_fields(line):
        """Splits a '#'-commented, ';'-separated line; [] for blank lines."""
        line = line.split("#", 1)[0].strip()
        if not line:
            return []
        return [field.strip() for field in line.split(";")]

    @staticmethod
    def _cp_range(text):
        """Parses 'XXXX' or 'XXXX..YYYY' into a range of code points."""
        if ".." in text:
            first, last = text.split("..")
            return range(int(first, 16), int(last, 16) + 1)
        cp = int(text, 16)
        return range(cp, cp + 1)

    def _parse_unicode_data(self):
        """UnicodeData.txt: gc, ccc, decomposition mappings, First/Last."""
        path = os.path.join(self.data_dir, "UnicodeData.txt")
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except OSError as e:
            raise DataError("cannot read %s: %s" % (path, e)) from e
        range_first = None
        for line in lines:
            if not line:
                continue
            fields = line.split(";")
            if len(fields) != 15:
                raise DataError("UnicodeData.txt: bad line %r" % line)
            cp = int(fields[0], 16)
            name, gc, decomp = fields[1], fields[2], fields[5]
            ccc = int(fields[3])
            if name.endswith(", First>"):
                range_first = cp
                continue
            if name.endswith(", Last>"):
                if range_first is None:
                    raise DataError("UnicodeData.txt: Last without First")
                cps = range(range_first, cp + 1)
                range_first = None
            else:
                cps = range(cp, cp + 1)
            for c in cps:
                self.gc[c] = gc
                if ccc:
                    self.ccc[c] = ccc
            if decomp:
                parts = decomp.split()
                if parts[0].startswith("<"):
                    self.compat_map[cp] = tuple(int(p, 16) for p in parts[1:])
                else:
                    self.canon_map[cp] = tuple(int(p, 16) for p in parts)
        # UnicodeData.txt has no version header; the version comes from the
        # other files, which must all agree.

    def _parse_normalization_props(self):
        """DerivedNormalizationProps.txt: NFC_QC, NFKC_QC, FCE."""
        for line in self._open_lines("DerivedNormalizationProps.txt"):
            fields = self._data_fields(line)
            if not fields:
                continue
            prop = fields[1]
            if prop in ("NFC_QC", "NFKC_QC"):
                target = self.nfc_qc if prop == "NFC_QC" else self.nfkc_qc
                if fields[2] not in ("N", "M"):
                    raise DataError("unexpected %s value %r" %
                                    (prop, fields[2]))
                for cp in self._cp_range(fields[0]):
                    target[cp] = fields[2]
            elif prop == "Full_Composition_Exclusion":
                self.full_comp_excl.update(self._cp_range(fields[0]))

    def _parse_prop_list(self):
        """PropList.txt: White_Space."""
        for line in self._open_lines("PropList.txt"):
            fields = self._data_fields(line)
            if fields and fields[1] == "White_Space":
                self.white_space.update(self._cp_range(fields[0]))

    def _parse_case_folding(self):
        """CaseFolding.txt: statuses C and F (full case folding)."""
        for line in self._open_lines("CaseFolding.txt"):
            fields = self._data_fields(line)
            if not fields or fields[1] not in ("C", "F"):
                continue
            cp = int(fields[0], 16)
            if cp in self.case_fold:
                raise DataError("CaseFolding.txt: two C/F entries for U+%04X" %
                                cp)
            self.case_fold[cp] = tuple(int(p, 16) for p in fields[2].split())


class Normalizer:
    """A straightforward UAX #15 implementation over UnicodeData."""

    def __init__(self, ucd):
        """Precomputes full decompositions and the primary composites."""
        self.ucd = ucd
        self.ccc = ucd.ccc
        self.full_canon = {}
        for cp in ucd.canon_map:
            self.full_canon[cp] = self._full_decomposition(cp, compat=False)
        self.full_compat = {}
        for cp in list(ucd.canon_map) + list(ucd.compat_map):
            self.full_compat[cp] = self._full_decomposition(cp, compat=True)
        self.compositions = {}
        for cp, mapping in sorted(ucd.canon_map.items()):
            if cp in ucd.full_comp_excl:
                continue
            if len(mapping) != 2:
                raise DataError("U+%04X: non-excluded decomposition of "
                                "length %d" % (cp, len(mapping)))
            self.compositions[mapping] = cp

    def _full_decomposition(self, cp, compat):
        """Recursively applied decomposition mapping of a non-Hangul cp."""
        mapping = self.ucd.canon_map.get(cp)
        if mapping is None and compat:
            mapping = self.ucd.compat_map.get(cp)
        if mapping is None:
            return (cp,)
        out = []
        for c in mapping:
            out.extend(self._full_decomposition(c, compat))
        return tuple(out)

    @staticmethod
    def _hangul_decomposition(cp):
        """Full decomposition of a Hangul syllable into L V [T] jamo."""
        s_index = cp - S_BASE
        out = [L_BASE + s_index // N_COUNT,
               V_BASE + (s_index % N_COUNT) // T_COUNT]
        if s_index % T_COUNT:
            out.append(T_BASE + s_index % T_COUNT)
        return out

    def decompose(self, cps, compat):
        """NFD (compat=False) or NFKD (compat=True) of a cp sequence."""
        table = self.full_compat if compat else self.full_canon
        out = []
        for cp in cps:
            if is_hangul_syllable(cp):
                out.extend(self._hangul_decomposition(cp))
            else:
                out.extend(table.get(cp, (cp,)))
        # Canonical ordering: stable sort of each run of non-starters.
        i = 0
        while i < len(out):
            if self.ccc.get(out[i], 0) == 0:
                i += 1
                continue
            j = i
            while j < len(out) and self.ccc.get(out[j], 0) != 0:
                j += 1
            out[i:j] = sorted(out[i:j], key=lambda c: self.ccc[c])
            i = j
        return out

    def compose_pair(self, first, second):
        """Primary composite of (first, second) incl. Hangul, or None."""
        l_index = first - L_BASE
        v_index = second - V_BASE
        if 0 <= l_index < L_COUNT and 0 <= v_index < V_COUNT:
            return S_BASE + (l_index * V_COUNT + v_index) * T_COUNT
        s_index = first - S_BASE
        t_index = second - T_BASE
        if (0 <= s_index < S_COUNT and s_index % T_COUNT == 0 and
                0 < t_index < T_COUNT):
            return first + t_index
        return self.compositions.get((first, second))

    def compose(self, cps):
        """Canonical composition of a canonically ordered sequence."""
        out = []
        starter = None  # index in out of the last starter
        last_ccc = 0  # ccc of out[-1]
        for cp in cps:
            cc = self.ccc.get(cp, 0)
            if starter is not None:
                adjacent = starter == len(out) - 1
                if adjacent or (last_ccc != 0 and last_ccc < cc):
                    composite = self.compose_pair(out[starter], cp)
                    if composite is not None:
                        out[starter] = composite
                        continue
            if cc == 0:
                starter = len(out)
            last_ccc = cc
            out.append(cp)
        return out

    def nfc(self, cps):
        """NFC of a code point sequence, as a list."""
        return self.compose(self.decompose(cps, compat=False))

    def nfkc(self, cps):
        """NFKC of a code point sequence, as a list."""
        return self.compose(self.decompose(cps, compat=True))


def find_normalization_test(data_dir):
    """Returns the lines of NormalizationTest.txt(.bz2) in data_dir."""
    path = os.path.join(data_dir, "NormalizationTest.txt.bz2")
    if os.path.exists(path):
        with bz2.open(path, "rt", encoding="utf-8") as f:
            return path, f.read().splitlines()
    path = os.path.join(data_dir, "NormalizationTest.txt")
    try:
        with open(path, encoding="utf-8") as f:
            return path, f.read().splitlines()
    except OSError as e:
        raise DataError("cannot read NormalizationTest.txt(.bz2) in %s: %s" %
                        (data_dir, e)) from e


def self_check(norm, ucd):
    """Verifies the normalizer against NormalizationTest and the QC data.

    Returns the number of NormalizationTest lines checked; raises DataError
    listing the first disagreements otherwise.
    """
    path, lines = find_normalization_test(ucd.data_dir)
    match = re.match(r"#\s*NormalizationTest-(\d+\.\d+\.\d+)\.txt", lines[0])
    if not match or match.group(1) != ucd.version:
        raise DataError("%s is not for Unicode %s" % (path, ucd.version))
    failures = []
    checked = 0
    part1 = set()
    part = None
    for line in lines:
        if line.startswith("@Part"):
            part = line.split()[0]
            continue
        fields = UnicodeData._data_fields(line)
        if not fields:
            continue
        cols = [[int(x, 16) for x in f.split()] for f in fields[:5]]
        c1, c2, c3, c4, c5 = cols
        if part == "@Part1":
            part1.add(c1[0])
        checked += 1
        results = (("NFC", norm.nfc(c1), c2),
                   ("NFD", norm.decompose(c1, compat=False), c3),
                   ("NFKC", norm.nfkc(c1), c4),
                   ("NFKD", norm.decompose(c1, compat=True), c5))
        for form, got, want in results:
            if got != want:
                failures.append("%s(%s) = %s, expected %s" % (
                    form, fmt_cps(c1), fmt_cps(got), fmt_cps(want)))
    # Code points absent from Part 1 are invariant under all forms.
    for cp in sorted(set(norm.full_compat) - part1):
        failures.append("U+%04X decomposes but is not in Part 1" % cp)
    if not part1.issuperset(range(S_BASE, S_BASE + S_COUNT)):
        failures.append("Hangul syllables missing from Part 1")
    # NFC_QC / NFKC_QC = No exactly when the single code point changes.
    for cp in range(MAX_CP):
        if cp not in norm.full_compat and not is_hangul_syllable(cp):
            if ucd.nfc_qc.get(cp) == "N" or ucd.nfkc_qc.get(cp) == "N":
                failures.append("U+%04X: QC No but no decomposition" % cp)
            continue
        for qc, form in ((ucd.nfc_qc, norm.nfc), (ucd.nfkc_qc, norm.nfkc)):
            changes = form([cp]) != [cp]
            if changes != (qc.get(cp) == "N"):
                failures.append("U+%04X: QC %s but normalization %s" %
                                (cp, qc.get(cp, "Y"),
                                 "changes it" if changes else "keeps it"))
    if failures:
        raise DataError("self-check failed (%d problems):\n  %s" %
                        (len(failures), "\n  ".join(failures[:20])))
    return checked


class Tables:
    """The contents of unicode_tables.inc, computed from the data."""

    def __init__(self, ucd, norm):
        """Derives every table; raises DataError on internal inconsistency."""
        self.canonical = {}
        self.compat = {}
        for cp in sorted(norm.full_compat):
            nfd = norm.full_canon.get(cp, (cp,))
            if cp in norm.full_canon:
                self.canonical[cp] = nfd
            if norm.full_compat[cp] != nfd:
                self.compat[cp] = norm.full_compat[cp]
        self.case_fold = {}
        self.case_fold_exceptions = []
        # Omitted: code points whose folding is canonically equivalent to
        # themselves (equal NFD), e.g. U+0390 -> U+03B9 U+0308 U+0301. For
        # code points in NFC this is the same as NFC(folding) == cp; the
        # three others (U+1FBE, U+1FD3, U+1FE3) never reach case folding,
        # which runs on normalized text, but are treated alike.
        for cp, folding in sorted(ucd.case_fold.items()):
            nfd = norm.decompose([cp], compat=False)
            if norm.decompose(folding, compat=False) == nfd:
                self.case_fold_exceptions.append(cp)
            else:
                self.case_fold[cp] = folding
        self.presentation = {}
        for first, last in PRESENTATION_RANGES:
            for cp in range(first, last + 1):
                result = norm.nfkc([cp])
                if result != [cp]:
                    self.presentation[cp] = tuple(result)
        self.compositions = sorted(
            ((first << 21) | second, composite)
            for (first, second), composite in norm.compositions.items())
        forward = {first for first, _ in norm.compositions}
        forward.update(range(L_BASE, L_BASE + L_COUNT))
        forward.update(range(S_BASE, S_BASE + S_COUNT, T_COUNT))
        self.properties = []
        for cp in range(MAX_CP):
            word = ucd.ccc.get(cp, 0)
            if ucd.nfc_qc.get(cp, "Y") == "Y":
                word |= PROP_NFC_QC_YES
            if ucd.nfkc_qc.get(cp, "Y") == "Y":
                word |= PROP_NFKC_QC_YES
            if cp in ucd.white_space:
                word |= PROP_WHITE_SPACE
            if ucd.gc.get(cp, "Cn")[0] in "PS":
                word |= PROP_PUNCT_OR_SYMBOL
            if cp in self.canonical:
                word |= PROP_CANONICAL_DECOMP
            if cp in self.compat:
                word |= PROP_COMPAT_DECOMP
            if cp in self.case_fold:
                word |= PROP_CASE_FOLDS
            if cp in forward:
                word |= PROP_COMPOSES_FORWARD
            self.properties.append(word)
        self._build_stages()
        self._build_pool()

    def _build_stages(self):
        """Splits the property words into deduplicated 64-entry blocks."""
        block_index = {}
        self.stage1 = []
        self.stage2 = []
        for start in range(0, MAX_CP, BLOCK_SIZE):
            block = tuple(self.properties[start:start + BLOCK_SIZE])
            if block not in block_index:
                block_index[block] = len(block_index)
                self.stage2.extend(block)
            self.stage1.append(block_index[block])
        if len(block_index) > 0xFFFF:
            raise DataError("too many distinct property blocks")

    def _build_pool(self):
        """Lays out all mapping strings in one pool, sharing equal strings."""
        self.pool = []
        offsets = {}
        self.entries = {}
        for name, table in (("kCanonicalDecomp", self.canonical),
                            ("kCompatDecomp", self.compat),
                            ("kCaseFold", self.case_fold),
                            ("kPresentationNfkc", self.presentation)):
            rows = []
            for cp in sorted(table):
                mapping = table[cp]
                if not mapping:
                    raise DataError("U+%04X: empty mapping in %s" % (cp, name))
                if mapping not in offsets:
                    offsets[mapping] = len(self.pool)
                    self.pool.extend(mapping)
                rows.append((cp, offsets[mapping], len(mapping)))
            self.entries[name] = rows


def expansion_ratios(ucd, norm, tables):
    """Maximum UTF-8 growth per code point for NFC, NFKD, NFKC (+ fold).

    Returns a list of (description, ratio, worst code point), the ratio being
    UTF-8 bytes out / UTF-8 bytes in, maximized over all code points (only
    code points with a decomposition or a case folding can exceed 1, so only
    those are evaluated). The case-fold step applies kCaseFold per code
    point; the fixed-point variant repeats NFKC and case folding until
    nothing changes.
    """

    def fold(cps):
        out = []
        for cp in cps:
            out.extend(tables.case_fold.get(cp, (cp,)))
        return out

    def nbytes(cps):
        return sum(utf8_len(cp) for cp in cps)

    candidates = sorted(set(norm.full_compat) | set(ucd.case_fold) |
                        set(range(S_BASE, S_BASE + S_COUNT)))
    best = {"NFC": (1.0, 0), "NFKD": (1.0, 0), "NFKC": (1.0, 0),
            "NFKC then case fold": (1.0, 0),
            "(NFKC, case fold) to a fixed point": (1.0, 0)}
    for cp in candidates:
        nfc = norm.nfc([cp])
        nfkc = norm.nfkc([cp])
        folded = fold(nfkc)
        text = folded
        for _ in range(10):
            again = fold(norm.nfkc(text))
            if again == text:
                break
            text = again
        else:
            raise DataError("U+%04X: NFKC + case fold does not converge" % cp)
        for key, result in (("NFC", nfc),
                            ("NFKD", norm.decompose([cp], compat=True)),
                            ("NFKC", nfkc),
                            ("NFKC then case fold", folded),
                            ("(NFKC, case fold) to a fixed point", text)):
            ratio = nbytes(result) / utf8_len(cp)
            if ratio > best[key][0]:
                best[key] = (ratio, cp)
    return [(key, ratio, cp) for key, (ratio, cp) in best.items()]


def format_array(values, per_line, width):
    """C initializer lines for integers, 4-space indented, fixed-width hex."""
    lines = []
    for i in range(0, len(values), per_line):
        chunk = values[i:i + per_line]
        lines.append("    " + " ".join("0x%0*X," % (width, v) for v in chunk))
    return "\n".join(lines)


def render(ucd, tables):
    """The complete text of unicode_tables.inc."""
    out = []
    emit = out.append
    emit("// GENERATED by core/tools/gen_unicode_tables.py from Unicode %s "
         "data — do not edit" % ucd.version)
    emit("// SPDX-License-Identifier: Apache-2.0")
    emit("// Definitions of the tables declared in core/src/unicode_data.h; "
         "included by")
    emit("// core/src/unicode_data.cc. Regenerate (in place, by default) with:")
    emit("//   python3 core/tools/gen_unicode_tables.py")
    emit("// clang-format off")
    emit("")
    emit('#include "unicode_data.h"')
    emit("")
    emit("namespace safi {")
    emit("namespace detail {")
    emit("")
    emit('const char kUnicodeVersion[] = "%s";' % ucd.version)
    emit("")
    emit("const uint16_t kPropStage1[0x110000 >> kPropBlockShift] = {")
    emit(format_array(tables.stage1, 9, 4))
    emit("};")
    emit("")
    emit("const uint32_t kPropStage2[%d] = {" % len(tables.stage2))
    emit(format_array(tables.stage2, 8, 4))
    emit("};")
    emit("")
    emit("const char32_t kMappingPool[%d] = {" % len(tables.pool))
    emit(format_array(tables.pool, 8, 5))
    emit("};")
    for name, count_name in (("kCanonicalDecomp", "kCanonicalDecompCount"),
                             ("kCompatDecomp", "kCompatDecompCount"),
                             ("kCaseFold", "kCaseFoldCount"),
                             ("kPresentationNfkc", "kPresentationNfkcCount")):
        rows = tables.entries[name]
        emit("")
        emit("const MappingEntry %s[%d] = {" % (name, len(rows)))
        for cp, offset, length in rows:
            emit("    {0x%05X, %d, %d}," % (cp, offset, length))
        emit("};")
        emit("const size_t %s = %d;" % (count_name, len(rows)))
    emit("")
    emit("const CompositionEntry kCompositions[%d] = {" %
         len(tables.compositions))
    for key, composite in tables.compositions:
        emit("    {0x%011XULL, 0x%05X}," % (key, composite))
    emit("};")
    emit("const size_t kCompositionCount = %d;" % len(tables.compositions))
    emit("")
    emit("}  // namespace detail")
    emit("}  // namespace safi")
    return "\n".join(out) + "\n"


def table_sizes(tables):
    """(name, bytes) of every array in the generated file, x86-64 layout."""
    mapping_entry, composition_entry = 12, 16
    sizes = [("kPropStage1", 2 * len(tables.stage1)),
             ("kPropStage2", 4 * len(tables.stage2)),
             ("kMappingPool", 4 * len(tables.pool))]
    for name, rows in tables.entries.items():
        sizes.append((name, mapping_entry * len(rows)))
    sizes.append(("kCompositions",
                  composition_entry * len(tables.compositions)))
    return sizes


def log(message):
    """Prints one progress or statistics line to stderr."""
    print("gen_unicode_tables: " + message, file=sys.stderr)


def main(argv):
    """Entry point; returns the process exit status."""
    default_output = os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "src", "tables",
        "unicode_tables.inc")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/usr/share/unicode",
                        help="directory with the Unicode data files")
    parser.add_argument("--output", default=os.path.normpath(default_output),
                        help="path of the generated .inc file")
    args = parser.parse_args(argv)
    try:
        ucd = UnicodeData(args.data_dir)
        norm = Normalizer(ucd)
        checked = self_check(norm, ucd)
        tables = Tables(ucd, norm)
        ratios = expansion_ratios(ucd, norm, tables)
    except DataError as e:
        log("error: %s" % e)
        return 1
    text = render(ucd, tables)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    log("Unicode %s; NormalizationTest: %d lines agree (NFC, NFD, NFKC, NFKD)"
        % (ucd.version, checked))
    log("blocks: %d distinct of %d; compositions: %d; case-fold exceptions "
        "(folding canonically equivalent to the code point): %s" %
        (len(tables.stage2) // BLOCK_SIZE, len(tables.stage1),
         len(tables.compositions), fmt_cps(tables.case_fold_exceptions)))
    total = 0
    for name, size in table_sizes(tables):
        log("  %-18s %7d bytes" % (name, size))
        total += size
    log("  %-18s %7d bytes" % ("total", total))
    for what, ratio, cp in ratios:
        log("max UTF-8 expansion, %s: %.3gx (U+%04X)" % (what, ratio, cp))
    # With this, per-code-point NFKD growth bounds NFKC growth of any text.
    shrinks = all(
        utf8_len(c) <= utf8_len(a) + utf8_len(b)
        for (a, b), c in norm.compositions.items())
    log("primary composites never longer in UTF-8 than their two parts: %s"
        % ("yes" if shrinks else "NO"))
    log("wrote %s" % args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
