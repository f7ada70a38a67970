"""Merge several Pagefind 1.5.2 bundles (disjoint parts of one site) into one bundle. Pagefind holds every
page it indexes in memory (about 0.6 MB a page here), so a large archive is indexed in parts and merged here.

The merged bundle numbers the pages part after part (a single Pagefind run numbers them in the order it walks
the site), so a part's postings of a word need only their first page number changed: each part is prepared
once, when Pagefind makes it (`prepare_part`: its postings kept as CBOR bytes), and a merge joins bytes. A
rebuild re-indexes only the parts whose pages changed, and the merge no longer decodes the whole index.
What a search finds is what a single run finds: tests/test_search_parts.py compares them word by word.

This depends on Pagefind's file formats, which are not a public interface: the version is pinned in
requirements.txt.

Format (Pagefind 1.5.2, all files = gzip(b"pagefind_dcd" + payload), payload CBOR except
fragments which are JSON):
  pf_meta  = [version, [[frag_hash, word_count]...], [[from, to, chunk_hash]...],
              [[filter_name, filter_hash]...] (sorted by name),
              [[sort_key, [page...]]...], [meta_field_names sorted]]
  pf_index = [[ [word, postings, variants] ... ]]   words sorted (code-point order)
      postings = [[page_delta, locs, meta_locs], ...]   page numbers ascending,
                 first absolute, then deltas from previous page
      locs     = per-page opaque list (weight markers <0, positions) - copied verbatim
      meta_locs= [-(meta_field_idx+1), pos..., -(idx+1), pos...] - field index remapped
      variants = [[variant_form, postings], ...]   (e.g. 'o' -> 'ō'), same postings encoding
  pf_filter= [name, [[value, [page...absolute ascending]]...]] values sorted
  sorts    = absolute page numbers in sort order (stable sort over page order)

Sort values are NOT stored in the bundle: the render stage gives each page's (`search.index.IndexedPage`,
the same values it writes in the page's `data-pagefind-sort` elements) when a part is prepared.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import heapq
import io
import json
import pickle
import re
import shutil
import struct
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cbor2

from ..incremental.cache import PlainData, link_or_copy

MAGIC = b"pagefind_dcd"
CHUNK_SIZE = 20000


# ----------------------------------------------------------------------------- io
def read_pf(path: Path):
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(MAGIC), path
    return cbor2.loads(raw[len(MAGIC):])


COMPRESS_LEVEL = 6  # gzip's usual level: 4.5 times as fast as 9 on the index chunks, for 2 % more bytes (about
# 5 KB of a first search); at 9, compressing was a fifth of the merge, the merge a tenth of a rebuild


def write_pf(body: bytes, path: Path):
    path.write_bytes(gzip.compress(MAGIC + body, compresslevel=COMPRESS_LEVEL, mtime=0))


def full_hash(body: bytes) -> str:
    # Pagefind formats each sha1 byte with {:x} (no zero padding): 0x02 -> "2"
    return "".join(format(b, "x") for b in hashlib.sha1(body).digest())


class HashNamer:
    """<lang>_<7 hex of sha1(cbor body)>, extended on collision like Pagefind."""

    def __init__(self, lang):
        self.lang, self.used = lang, {}

    def name(self, body: bytes) -> str:
        return self.name_for(full_hash(body))

    def name_for(self, full: str, n=7) -> str:
        while True:
            short = full[:n]
            if self.used.get(short, full) == full:
                self.used[short] = full
                return f"{self.lang}_{short}"
            n += 1


# ------------------------------------------------------------------ sort values
def _f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)")


def _num(v):
    if _INT.fullmatch(v) and -2**31 <= int(v) < 2**31:
        return _f32(float(int(v)))
    if _FLOAT.fullmatch(v):
        return _f32(float(v))
    return None


def build_sort(pages_with_value):
    """pages_with_value: list of (global_page, value) in page order -> sorted pages."""
    nums = [_num(v) for _, v in pages_with_value]
    if all(n is not None for n in nums):
        keyed = [(n, p) for n, (p, _) in zip(nums, pages_with_value)]
        keyed.sort(key=lambda t: t[0])  # stable, like Rust sort_by(total_cmp)
        return [p for _, p in keyed]
    return [p for p, _ in sorted(pages_with_value, key=lambda t: t[1])]


# ------------------------------------------------------------------ CBOR, written by hand
def _head(major: int, value: int) -> bytes:
    """The head of a CBOR item, in the shortest form (as cbor2 and Pagefind write it)."""
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise ValueError(f"{value} is too large for CBOR")


def _int(value: int) -> bytes:
    return _head(0, value) if value >= 0 else _head(1, -1 - value)


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    return _head(3, len(data)) + data


def _array(count: int) -> bytes:
    return _head(4, count)


# ------------------------------------------------------------------ parts, prepared once
PREPARED = "merge.pickle"


def prepared_by() -> str:
    """What a prepared part (or the prefix) says it was prepared by: this module's code (`merge_code`). A part
    kept from a build by other code is prepared again from its bundle (Pagefind's work, kept by its version),
    so a change to how parts are prepared never meets a file in the old shape; a version to be raised by hand
    was once all that said so."""
    return merge_code()


def _segment(postings) -> tuple:
    """One part's postings of a word, ready to be joined to other parts' without decoding them again:
    (count, first page, last page, the first posting after its page number, the other postings, size)."""
    first = cbor2.dumps(postings[0])
    # Most words are on one page of a part: their other postings are none, and need no encoding (encoding the
    # whole list and cutting the first posting off encoded it twice: a fifth of preparing a part).
    rest = cbor2.dumps(postings[1:])[len(_array(len(postings) - 1)):] if len(postings) > 1 else b""
    last = 0
    for delta, _locs, _meta in postings:
        last += delta
    size = sum(len(locs) + len(meta) + 1 for _, locs, meta in postings)
    return (len(postings), postings[0][0], last, first[1 + len(_int(postings[0][0])):], rest, size)


def prepare_part(bundle: Path, pages: dict) -> None:
    """Once, when Pagefind has made a part: what the merge needs from it, in `bundle/merge.pickle`: its
    pages (address, fragment, words, sort values), filters and meta fields, then its words a chunk at a time,
    each with its postings as bytes (`_segment`). Merging then copies bytes instead of decoding and encoding
    the whole index on every build. `pages`: each page's `search.index.IndexedPage` (its sort values), by its
    file in the site."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    with open(bundle / f"{PREPARED}.partial", "wb") as out:
        pickle.dump((prepared_by(), entry), out, protocol=pickle.HIGHEST_PROTOCOL)
        for language, info in sorted(entry["languages"].items()):
            meta = read_pf(bundle / f"pagefind.{info['hash']}.pf_meta")
            prepared = []
            for name, words in meta[1]:
                data = gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())[len(MAGIC):]
                url = json.loads(data)["url"]
                page = url.lstrip("/") + ("index.html" if url.endswith("/") else "")
                if meta[4] and page not in pages:
                    raise ValueError(f"no sort values for {url}: not a page this build made")
                values = pages[page].sort if meta[4] else {}
                prepared.append((url, name, full_hash(data), words, values))
            filters = [read_pf(bundle / "filter" / f"{h}.pf_filter") for _, h in meta[3]]
            pickle.dump((language, meta[0], prepared, filters, meta[4], meta[5], len(meta[2])), out,
                        protocol=pickle.HIGHEST_PROTOCOL)
            for _from, _to, h in meta[2]:
                words = [(word, _segment(postings), [(form, _segment(more)) for form, more in variants])
                         for word, postings, variants in read_pf(bundle / "index" / f"{h}.pf_index")[0]]
                pickle.dump(words, out, protocol=pickle.HIGHEST_PROTOCOL)
    (bundle / f"{PREPARED}.partial").replace(bundle / PREPARED)


def is_prepared(bundle: Path) -> bool:
    try:
        with open(bundle / PREPARED, "rb") as prepared:
            return PlainData(prepared).load()[0] == prepared_by()
    except Exception:
        return False


# ------------------------------------------------------------------ index helpers
def get_prefixes(a, b):
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a[: n + 1], b[: n + 1]


def _joined(segments, offsets, fmaps, head: int = 0) -> tuple[bytes, tuple | None]:
    """The postings of a word found in several parts (`segments`: (part, segment) in part order), numbered
    part after part: only the first page number of each part's postings changes. With `head`, also those of
    the parts before part `head` as one segment (`_segment`: what `_Section` keeps), or None if none has it."""
    if any(fmaps[part] is not None for part, _ in segments):  # parts number their meta fields differently
        heads = [(part, segment) for part, segment in segments if part < head]
        return _renumbered(segments, offsets, fmaps), _joined_segment(heads, offsets) if heads else None
    count = sum(segment[0] for _, segment in segments)
    out, previous = [_array(count)], None
    in_head = head_count = head_size = head_last = 0
    for part, (n, first, last, first_rest, rest, size) in segments:
        page = first + offsets[part]
        out += [b"\x83", _int(page if previous is None else page - previous), first_rest, rest]
        previous = last + offsets[part]
        if part < head:
            in_head, head_count, head_size, head_last = in_head + 1, head_count + n, head_size + size, previous
    if not in_head:
        return b"".join(out), None
    # The head's postings are the first of these pieces: its first posting without its page number, then the rest
    first_part, (_, first, _, first_rest, _, _) = segments[0]
    return b"".join(out), (head_count, first + offsets[first_part], head_last, first_rest,
                           b"".join(out[4:1 + 4 * in_head]), head_size)


def _renumbered(segments, offsets, fmaps) -> bytes:
    postings, previous = [], None
    for part, (n, first, _last, first_rest, rest, _size) in segments:
        fmap = fmaps[part]
        decoded = cbor2.loads(b"\x83\x00" + first_rest), *cbor2.loads(_array(n - 1) + rest)
        page = first + offsets[part]
        for index, (delta, locs, meta) in enumerate(decoded):
            page = page if index == 0 else page + delta
            if fmap is not None and meta:
                meta = [-(fmap[-x - 1]) - 1 if x < 0 else x for x in meta]
            postings.append([page if previous is None else page - previous, locs, meta])
            previous = page
    return cbor2.dumps(postings)


def _joined_segment(segments, offsets) -> tuple:
    """The postings of a word found in several parts (`segments`: (part, segment) in part order) as one
    segment (`_segment`) of a part made of them: what `_joined` makes of it is what it makes of them."""
    (part, (_, first, last, first_rest, rest, size)), *others = segments
    count, out, previous = segments[0][1][0], [rest], last + offsets[part]
    for part, (n, first_other, last, first_rest_other, rest_other, size_other) in others:
        page = first_other + offsets[part]
        out += [b"\x83", _int(page - previous), first_rest_other, rest_other]
        count, previous, size = count + n, last + offsets[part], size + size_other
    return (count, first + offsets[segments[0][0]], previous, first_rest, b"".join(out), size)


PREFIX = "prefix"  # the folder, among the kept parts, of the first parts merged into one part (`merge_bundles`)
PREFIX_WORDS = 4096  # words a pickle in the prefix's prepared file


class _Section:
    """One language of the prefix: the first parts of a merge made into one prepared part, as the merge goes,
    in the form `prepare_part` writes (its header, then its words a pickle at a time)."""

    def __init__(self, language: str, version, fields):
        self.language, self.version, self.fields = language, version, fields
        self.pages: list = []  # (address, fragment's name in the merged bundle, full hash, words, sort values)
        self.filters: list = []
        self.sorts: list = []
        self.words = io.BytesIO()
        self.batch: list = []
        self.batches = 0

    def add_filters_and_sorts(self, headers, offsets) -> None:
        filters: dict = {}
        sorts: dict = {}
        for offset, header in zip(offsets, headers):
            for name, values in header[3]:
                for value, pages in values:
                    filters.setdefault(name, {}).setdefault(value, []).extend(p + offset for p in pages)
            for key, pages in header[4]:
                sorts.setdefault(key, []).extend(p + offset for p in pages)
        self.filters = [[name, [[value, sorted(filters[name][value])] for value in sorted(filters[name])]]
                        for name in sorted(filters)]
        self.sorts = [[key, sorted(sorts[key])] for key in sorted(sorts)]

    def add(self, word: str, segment: tuple, variants: list) -> None:
        """A word of the first parts: its postings there as one segment, and each variant's (`_joined`)."""
        self.batch.append((word, segment, variants))
        if len(self.batch) == PREFIX_WORDS:
            self._dump()

    def _dump(self) -> None:
        pickle.dump(self.batch, self.words, protocol=pickle.HIGHEST_PROTOCOL)
        self.batch, self.batches = [], self.batches + 1

    def write(self, out) -> None:
        if self.batch:
            self._dump()
        pickle.dump((self.language, self.version, self.pages, self.filters, self.sorts, self.fields, self.batches),
                    out, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(self.words.getbuffer())


# ---------------------------------------------------------------------- merging
def _merge_language(language, parts, readers, headers, out, head: int = 0):
    """Merge one language of the prepared parts, numbering the pages part after part. With `head`, the first
    `head` parts are also merged into one part for the next merge (`_Section`), returned with the language's
    entry (None: not made, those parts numbering their meta fields differently)."""
    version = headers[0][1]
    offsets, meta_pages, seen = [], [], {}
    section = _Section(language, version, headers[0][5]) if head and all(
        header[5] == headers[0][5] for header in headers[:head]) else None
    namer = HashNamer(language)
    (out / "fragment").mkdir(parents=True, exist_ok=True)
    linked = set()  # the fragments (named by their bytes) in the merged bundle: a page's is linked once
    for number, (part, header) in enumerate(zip(parts, headers)):
        offsets.append(len(meta_pages))
        fragments = f"{part}/fragment/"  # as strings: making Paths was a third of linking them in
        for url, name, full, words, values in header[2]:
            if url in seen:
                raise ValueError(f"page {url} in more than one part ({seen[url]}, {part})")
            seen[url] = part
            merged_name = namer.name_for(full)
            if merged_name not in linked:
                link_or_copy(f"{fragments}{name}.pf_fragment", f"{out}/fragment/{merged_name}.pf_fragment")
                linked.add(merged_name)
            meta_pages.append([merged_name, words])
            if section and number < head:
                section.pages.append((url, merged_name, full, words, values))
    if section:
        section.add_filters_and_sorts(headers[:head], offsets)

    fields = sorted(set(f for header in headers for f in header[5]))
    position = {f: i for i, f in enumerate(fields)}
    fmaps = []
    for header in headers:
        fmap = [position[f] for f in header[5]]
        fmaps.append(None if fmap == list(range(len(fmap))) else fmap)

    (out / "filter").mkdir(exist_ok=True)
    filters: dict = {}
    for offset, header in zip(offsets, headers):
        for name, values in header[3]:
            for value, pages in values:
                filters.setdefault(name, {}).setdefault(value, []).extend(p + offset for p in pages)
    filter_namer, meta_filters = HashNamer(language), []
    for name in sorted(filters):
        body = cbor2.dumps([name, [[v, sorted(filters[name][v])] for v in sorted(filters[name])]])
        hashed = filter_namer.name(body)
        write_pf(body, out / "filter" / f"{hashed}.pf_filter")
        meta_filters.append([name, hashed])

    meta_sorts = []
    for key in sorted(set(k for header in headers for k, _ in header[4])):
        with_value = []
        for offset, header in zip(offsets, headers):
            for k, pages in header[4]:
                if k == key:
                    for page in sorted(pages):
                        values = header[2][page][4]
                        if key not in values:
                            raise ValueError(f"no sort value '{key}' for {header[2][page][0]}")
                        with_value.append((page + offset, values[key]))
        meta_sorts.append([key, build_sort(with_value)])

    (out / "index").mkdir(exist_ok=True)
    chunk_namer, chunk_meta, chunk, size = HashNamer(language), [], [], 0

    def words_of(part: int):
        for _ in range(headers[part][6]):
            for word, segment, variants in PlainData(readers[part]).load():
                yield word, part, segment, variants

    # The chunks are compressed and written by other threads while the next is joined (zlib lets go of
    # Python's lock as it compresses: a fifth of a merge, on a second processor).
    writing = ThreadPoolExecutor(max_workers=2)
    written = []

    def flush():
        body = _array(1) + _array(len(chunk)) + b"".join(entry for _, entry in chunk)
        hashed = chunk_namer.name(body)
        written.append(writing.submit(write_pf, body, out / "index" / f"{hashed}.pf_index"))
        chunk_meta.append([chunk[0][0], chunk[-1][0], hashed])

    def emit(word, group):
        nonlocal chunk, size
        variants: dict = {}
        for part, _segment, more in group:
            for form, segment in more:
                variants.setdefault(form, []).append((part, segment))
        postings, word_head = _joined([(part, segment) for part, segment, _ in group], offsets, fmaps, in_head)
        entry = [b"\x83", _text(word), postings, _array(len(variants))]
        variant_heads = []
        for form in sorted(variants):
            postings, form_head = _joined(variants[form], offsets, fmaps, in_head)
            entry += [b"\x82", _text(form), postings]
            if form_head:
                variant_heads.append((form, form_head))
        chunk.append((word, b"".join(entry)))
        size += sum(segment[5] for _, segment, _ in group)
        if word_head:
            section.add(word, word_head, variant_heads)
        if size >= CHUNK_SIZE:
            flush()
            chunk, size = [], 0

    in_head = head if section else 0
    current, group = None, []
    try:
        for word, part, segment, variants in heapq.merge(*(words_of(i) for i in range(len(parts))),
                                                          key=lambda t: (t[0], t[1])):
            if word != current:
                if group:
                    emit(current, group)
                current, group = word, []
            group.append((part, segment, variants))
        if group:
            emit(current, group)
        if chunk:
            flush()
    finally:
        writing.shutdown()
    for write in written:
        write.result()  # a chunk that could not be written fails the merge
    for i in range(len(chunk_meta) - 1):
        a, b = get_prefixes(chunk_meta[i][1], chunk_meta[i + 1][0])
        if a < chunk_meta[i][0]:  # 1.5: keep the full last word if the prefix < from
            a = chunk_meta[i][1]
        chunk_meta[i][1], chunk_meta[i + 1][0] = a, b

    body = cbor2.dumps([version, meta_pages, chunk_meta, meta_filters, meta_sorts, fields])
    hashed = f"{language}_{full_hash(body)[:len(language) + 8]}"
    write_pf(body, out / f"pagefind.{hashed}.pf_meta")
    return {"hash": hashed, "wasm": None, "page_count": len(meta_pages)}, section


def merge_bundles(parts: list[Path], out: Path, kept: Path | None = None, keep: int = 0) -> Path:
    """Merge the prepared parts (`prepare_part`), in this order, into one bundle at `out`. With `kept` (the folder
    of the kept parts), the first parts as merged last time (`kept/PREFIX`, a prepared part like any other)
    stand in for those parts while they are the same (each part named by what it was made from), and the first
    `keep` parts are kept there for the next merge: a rebuild that changes only the last parts (the newest
    year's) joins the prefix's postings of each word and theirs, not every part's. What is merged is the same
    either way. The prefix is this merge's own: if a merge that used it fails (a prefix cut short), the parts
    themselves are merged."""
    parts = [Path(p) for p in parts]
    covered = _covered(parts, kept) if kept else 0
    if covered > keep:  # it stands for more parts than are to be kept: made again
        covered = 0
    if not covered:
        return _merge(parts, out, kept, keep, 0)
    try:
        return _merge(parts, out, kept, keep, covered)
    except Exception:  # noqa: BLE001 — whatever failed in it, the parts themselves can still be merged
        shutil.rmtree(kept / PREFIX, ignore_errors=True)
        return _merge(parts, out, kept, keep, 0)


def _merge(parts: list[Path], out: Path, kept: Path | None, keep: int, covered: int) -> Path:
    """`merge_bundles`, the prefix standing in for the first `covered` parts (none if 0)."""
    use = ([kept / PREFIX] if covered else []) + parts[covered:]
    head = (keep - covered + (1 if covered else 0)) if kept and keep > covered else 0  # of `use`: the new prefix
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _copy_interface(use, out, shutil.copyfile)
    readers = [open(part / PREPARED, "rb") for part in use]
    sections = []
    try:
        entries = []
        for reader in readers:
            version, entry = PlainData(reader).load()
            if version != prepared_by():
                raise ValueError("a part was prepared by other code")
            entries.append(entry)
        languages = {}
        # Each part's languages follow in sorted order: a part without a language has no section for it.
        for language in sorted(set(l for e in entries for l in e["languages"])):
            having = [i for i, e in enumerate(entries) if language in e["languages"]]
            headers = [PlainData(readers[i]).load() for i in having]
            info, section = _merge_language(language, [use[i] for i in having], [readers[i] for i in having], headers,
                                            out, sum(1 for i in having if i < head))
            info["wasm"] = _first_wasm(entries, language, having)
            languages[language] = info
            if any(i < head for i in having):
                sections.append((section, _first_wasm(entries, language, [i for i in having if i < head])))
    finally:
        for reader in readers:
            reader.close()
    entry = dict(entries[0])
    entry["languages"] = languages
    (out / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if kept and head and all(section for section, _ in sections):
        try:
            _keep_prefix(kept, out, use[:head], entries[0], sections, [part_name(p) for p in parts[:keep]])
        except Exception:  # noqa: BLE001 — only the next merge's head start is lost: the bundle is whole
            shutil.rmtree(kept / f"{PREFIX}.partial", ignore_errors=True)
            shutil.rmtree(kept / PREFIX, ignore_errors=True)
    elif kept and not covered:  # not used, and not made again: of no use to a later merge
        shutil.rmtree(kept / PREFIX, ignore_errors=True)
    return out


def _copy_interface(parts: list[Path], target: Path, copy) -> None:
    """Pagefind's search interface (script, styles, WebAssembly) into `target`: each file from the first of the
    `parts` that has it (a part lacks the WebAssembly of a language it has no page in)."""
    for part in parts:
        for f in sorted(part.iterdir()):
            if f.is_file() and not f.name.endswith((".pf_meta", ".partial")) and \
                    f.name not in ("pagefind-entry.json", "made-from", PREPARED) and not (target / f.name).exists():
                copy(f, target / f.name)


def _first_wasm(entries: list[dict], language: str, having: list[int]):
    """The WebAssembly of `language` named by the first of these parts' entries that names one."""
    return next((entries[i]["languages"][language].get("wasm") for i in having
                 if entries[i]["languages"][language].get("wasm")), None)


def part_name(part: Path) -> str:
    """A kept part named by its folder and what it was made from (`made-from`)."""
    return f"{part.name}|{(part / 'made-from').read_text(encoding='utf-8')}"


@functools.lru_cache(maxsize=1)
def merge_code() -> str:
    """The version of this module and of `index` (which puts a merged bundle in order), in what a merged bundle
    or the prefix is said to be made from: what they hold is their work (the parts hold Pagefind's, by its
    version; each is prepared again when this code changes, `prepared_by`)."""
    digest = hashlib.sha256()
    for module in ("merge.py", "index.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    return digest.hexdigest()[:16]


def _covered(parts: list[Path], kept: Path) -> int:
    """How many of the first `parts` the prefix kept in `kept` stands for (0 if none, or it cannot be used)."""
    prefix = kept / PREFIX
    try:
        code, *covers = json.loads((prefix / "made-from").read_text(encoding="utf-8"))
        same = code == merge_code() and 0 < len(covers) <= len(parts) and \
            covers == [part_name(part) for part in parts[:len(covers)]]
    except (OSError, ValueError, TypeError):
        return 0
    return len(covers) if same and is_prepared(prefix) else 0


def _keep_prefix(kept: Path, out: Path, group: list[Path], entry: dict, sections: list, covers: list[str]) -> None:
    """Keep the first parts of this merge, merged (`sections`, one a language), as one prepared part: its
    fragments and script files linked from the merged bundle and the parts, in place of the prefix kept before
    once it is whole."""
    made = kept / f"{PREFIX}.partial"
    shutil.rmtree(made, ignore_errors=True)
    (made / "fragment").mkdir(parents=True)
    _copy_interface(group, made, link_or_copy)
    languages = {}
    for section, wasm in sections:
        languages[section.language] = {"wasm": wasm, "page_count": len(section.pages)}
        for _url, name, *_ in section.pages:
            if not (made / "fragment" / f"{name}.pf_fragment").exists():
                link_or_copy(out / "fragment" / f"{name}.pf_fragment", made / "fragment" / f"{name}.pf_fragment")
    with open(made / PREPARED, "wb") as prepared:
        pickle.dump((prepared_by(), {**entry, "languages": languages}), prepared, protocol=pickle.HIGHEST_PROTOCOL)
        for section, _ in sections:
            section.write(prepared)
    (made / "made-from").write_text(json.dumps([merge_code(), *covers]), encoding="utf-8")
    # The old prefix moved aside first: a build killed here leaves none (the next merges every part), never
    # one half deleted
    old = kept / f"{PREFIX}.old"
    shutil.rmtree(old, ignore_errors=True)
    if (kept / PREFIX).exists():
        (kept / PREFIX).rename(old)
    made.rename(kept / PREFIX)
    shutil.rmtree(old, ignore_errors=True)
