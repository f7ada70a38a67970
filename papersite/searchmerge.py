"""Merge several Pagefind 1.5.2 bundles (disjoint parts of one site) into one bundle, the one a single
Pagefind run over the whole site would have made. Pagefind holds every page it indexes in memory (about
0.6 MB a page here), so a large archive is indexed in parts and merged here, a word at a time.

This depends on Pagefind's file formats, which are not a public interface: the version is pinned in
requirements.txt, and tests/test_search_parts.py checks that a merged bundle is byte-identical to a single run.

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
Page numbers = position in Pagefind's file-walk order (depth-first, readdir order).

Sort values are NOT stored in the bundle, so merging `sorts` needs the site the parts were built
from: values are read from its HTML `data-pagefind-sort` elements, and the page order is taken from
the same file walk Pagefind does.
"""
from __future__ import annotations

import gc
import gzip
import hashlib
import heapq
import html
import json
import os
import re
import shutil
import struct
from html.parser import HTMLParser
from pathlib import Path

import cbor2

MAGIC = b"pagefind_dcd"
CHUNK_SIZE = 20000


# ----------------------------------------------------------------------------- io
def read_pf(path: Path):
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(MAGIC), path
    return cbor2.loads(raw[len(MAGIC):])


def read_fragment(path: Path):
    raw = gzip.decompress(path.read_bytes())
    return json.loads(raw[len(MAGIC):])


def write_pf(body: bytes, path: Path):
    path.write_bytes(gzip.compress(MAGIC + body, compresslevel=9, mtime=0))


def full_hash(body: bytes) -> str:
    # Pagefind formats each sha1 byte with {:x} (no zero padding): 0x02 -> "2"
    return "".join(format(b, "x") for b in hashlib.sha1(body).digest())


class HashNamer:
    """<lang>_<7 hex of sha1(cbor body)>, extended on collision like Pagefind."""

    def __init__(self, lang):
        self.lang, self.used = lang, {}

    def name(self, body: bytes, n=7):
        full = full_hash(body)
        while True:
            short = full[:n]
            if self.used.get(short, full) == full:
                self.used[short] = full
                return f"{self.lang}_{short}"
            n += 1


# ------------------------------------------------------------------ site helpers
def walk_site(site: Path):
    """Yield .html files in Pagefind's walk order (depth first, readdir order)."""
    def rec(d):
        with os.scandir(d) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    yield from rec(e.path)
                elif e.name.endswith(".html"):
                    yield e.path
    yield from rec(site)


def url_for(site: Path, path: str):
    rel = "/" + os.path.relpath(path, site).replace(os.sep, "/")
    if rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return rel


class _SortParser(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values, self.stack = {}, []  # stack: [tag, depth, key, [text]]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for s in self.stack:
            if s[0] == tag:
                s[1] += 1
        spec = a.get("data-pagefind-sort")
        if spec is None:
            return
        for part in [p.strip() for p in spec.split(",")] if "[" in spec else [spec.strip()]:
            m = re.fullmatch(r"([^\[:]+)\[([^\]]+)\]", part)
            if m:
                v = a.get(m.group(2))
                if v is not None:
                    self.values.setdefault(m.group(1).strip(), v)
            elif ":" in part:
                k, v = part.split(":", 1)
                self.values.setdefault(k.strip(), v)
            elif tag not in self.VOID:
                self.stack.append([tag, 0, part, []])

    def handle_endtag(self, tag):
        for s in list(self.stack):
            if s[0] == tag:
                if s[1] == 0:
                    self.stack.remove(s)
                    self.values.setdefault(s[2], " ".join("".join(s[3]).split()))
                else:
                    s[1] -= 1

    def handle_data(self, data):
        for s in self.stack:
            s[3].append(data)


# The common form, <span data-pagefind-sort="date">2016-01-18</span>, found without parsing the page.
_SIMPLE_SORT_RE = re.compile(r'<(\w+)\s[^>]*?data-pagefind-sort="([^":\[\],]+)"[^>]*>([^<]*)</\1>')


def sort_values_from_html(path) -> dict:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    simple = _SIMPLE_SORT_RE.findall(text)
    if len(simple) == text.count("data-pagefind-sort"):
        values: dict = {}
        for _tag, key, value in simple:
            values.setdefault(key.strip(), " ".join(html.unescape(value).split()))
        return values
    p = _SortParser()
    p.feed(text)
    p.close()
    return p.values


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


# ------------------------------------------------------------------ index helpers
def get_prefixes(a, b):
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a[: n + 1], b[: n + 1]


def iter_words(bundle: Path, meta):
    """Stream [word, postings, variants] of one part, chunk by chunk (sorted order)."""
    for _from, _to, h in meta[2]:
        for w in read_pf(bundle / "index" / f"{h}.pf_index")[0]:
            yield w


def remap_postings(postings, pmap, fmap):
    out, page = [], 0
    for i, (d, locs, mlocs) in enumerate(postings):
        page = d if i == 0 else page + d
        if fmap is not None and mlocs:
            mlocs = [fmap[-x - 1] * -1 - 1 if x < 0 else x for x in mlocs]
        out.append((pmap[page], locs, mlocs))
    return out


def encode_postings(entries):
    entries.sort(key=lambda e: e[0])
    res, prev = [], None
    for g, locs, mlocs in entries:
        res.append([g if prev is None else g - prev, locs, mlocs])
        prev = g
    return res


def word_size(word):
    # Pagefind 1.5 closes a chunk when sum(len(locs)+len(meta_locs)+1) over the word's
    # postings reaches CHUNK_SIZE; variant postings are NOT counted (verified on 639
    # chunk boundaries of two reference builds).
    return sum(len(p[1]) + len(p[2]) + 1 for p in word[1])


# ---------------------------------------------------------------------- merging
def _merge_language(lang, parts, metas, out, site_order, paths, wasm_name):
    nparts = len(parts)
    version = metas[0][0]
    # ---- pages and global order
    pages = []  # (order_key, part, local, hash, wc, url)
    seen = {}
    for pi, (b, m) in enumerate(zip(parts, metas)):
        for li, (h, wc) in enumerate(m[1]):
            url = read_fragment(b / "fragment" / f"{h}.pf_fragment")["url"]
            if url in seen:
                raise ValueError(f"page {url} in more than one part ({seen[url]}, {b})")
            seen[url] = b
            if url not in site_order:
                raise ValueError(f"{url} not found in page order")
            pages.append(((site_order[url],), pi, li, h, wc, url))
    pages.sort(key=lambda t: t[0])
    pmaps = [dict() for _ in range(nparts)]
    for g, (_k, pi, li, *_r) in enumerate(pages):
        pmaps[pi][li] = g
    for pi in range(nparts):  # each part must be a subsequence of the global order
        seq = [pmaps[pi][i] for i in range(len(metas[pi][1]))]
        if seq != sorted(seq):
            raise ValueError(f"part {parts[pi]} page order is not consistent with site order")
    # Fragments: names are <lang>_<sha1(json) prefix>, 7 hex, extended by one char on a
    # collision with an earlier page (page order) -- parts may collide with each other.
    (out / "fragment").mkdir(parents=True, exist_ok=True)
    fnamer_frag = HashNamer(lang)
    meta_pages = []
    for (_k, pi, _li, h, wc, _u) in pages:
        src = parts[pi] / "fragment" / f"{h}.pf_fragment"
        data = src.read_bytes()
        name = fnamer_frag.name(gzip.decompress(data)[len(MAGIC):])
        dst = out / "fragment" / f"{name}.pf_fragment"
        if not dst.exists():
            dst.write_bytes(data)
        meta_pages.append([name, wc])

    # ---- meta fields (sorted union) and per-part index remap
    fields = sorted(set(f for m in metas for f in m[5]))
    fpos = {f: i for i, f in enumerate(fields)}
    fmaps = []
    for m in metas:
        fm = [fpos[f] for f in m[5]]
        fmaps.append(None if fm == list(range(len(fm))) else fm)

    # ---- filters
    (out / "filter").mkdir(exist_ok=True)
    filters = {}
    for pi, (b, m) in enumerate(zip(parts, metas)):
        for name, h in m[3]:
            fname, values = read_pf(b / "filter" / f"{h}.pf_filter")
            fv = filters.setdefault(fname, {})
            for value, plist in values:
                fv.setdefault(value, []).extend(pmaps[pi][p] for p in plist)
    fnamer = HashNamer(lang)
    meta_filters = []
    for fname in sorted(filters):
        vals = [[v, sorted(filters[fname][v])] for v in sorted(filters[fname])]
        body = cbor2.dumps([fname, vals])
        hname = fnamer.name(body)
        write_pf(body, out / "filter" / f"{hname}.pf_filter")
        meta_filters.append([fname, hname])

    # ---- sorts
    sort_keys = sorted(set(s[0] for m in metas for s in m[4]))
    on_pages = {url: sort_values_from_html(paths[url]) for *_, url in pages} if sort_keys else {}
    meta_sorts = []
    for key in sort_keys:
        members = set()
        for pi, m in enumerate(metas):
            for k, plist in m[4]:
                if k == key:
                    members.update(pmaps[pi][p] for p in plist)
        vals = {url: values[key] for url, values in on_pages.items() if key in values}
        pv = []
        for g in sorted(members):
            url = pages[g][5]
            if url not in vals:
                raise ValueError(f"no sort value '{key}' for {url}")
            pv.append((g, vals[url]))
        meta_sorts.append([key, build_sort(pv)])

    # ---- index: streaming k-way merge by word
    (out / "index").mkdir(exist_ok=True)
    def tagged(pi, b, m):
        for w in iter_words(b, m):
            yield (w[0], pi, w)

    streams = [tagged(pi, b, m) for pi, (b, m) in enumerate(zip(parts, metas))]
    inamer = HashNamer(lang)
    chunk_meta, chunk, size = [], [], 0

    def flush():
        body = cbor2.dumps([chunk])
        hname = inamer.name(body)
        write_pf(body, out / "index" / f"{hname}.pf_index")
        chunk_meta.append([chunk[0][0], chunk[-1][0], hname])

    cur, group = None, []

    def emit(word, group):
        nonlocal chunk, size
        posts, variants = [], {}
        for pi, w in group:
            posts.extend(remap_postings(w[1], pmaps[pi], fmaps[pi]))
            for form, vp in w[2]:
                variants.setdefault(form, []).extend(remap_postings(vp, pmaps[pi], fmaps[pi]))
        entry = [word, encode_postings(posts),
                 [[f, encode_postings(variants[f])] for f in sorted(variants)]]
        chunk.append(entry)
        size += word_size(entry)
        if size >= CHUNK_SIZE:
            flush()
            chunk, size = [], 0

    for word, pi, w in heapq.merge(*streams, key=lambda t: (t[0], t[1])):
        if word != cur:
            if group:
                emit(cur, group)
            cur, group = word, []
        group.append((pi, w))
    if group:
        emit(cur, group)
    if chunk:
        flush()
    for i in range(len(chunk_meta) - 1):
        a, b = get_prefixes(chunk_meta[i][1], chunk_meta[i + 1][0])
        if a < chunk_meta[i][0]:  # 1.5: keep the full last word if the prefix < from
            a = chunk_meta[i][1]
        chunk_meta[i][1], chunk_meta[i + 1][0] = a, b

    meta = [version, meta_pages, chunk_meta, meta_filters, meta_sorts, fields]
    body = cbor2.dumps(meta)
    mhash = f"{lang}_{full_hash(body)[:len(lang) + 8]}"
    write_pf(body, out / f"pagefind.{mhash}.pf_meta")
    return {"hash": mhash, "wasm": wasm_name, "page_count": len(meta_pages)}


def merge_bundles(parts: list[Path], out: Path, site: Path):
    # Decoding the parts makes millions of small lists, none of them in a cycle: with the garbage collector
    # scanning them again and again (and the archive the build holds), the merge took three times as long.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _merge_bundles(parts, out, site)
    finally:
        if collecting:
            gc.enable()


def _merge_bundles(parts: list[Path], out: Path, site: Path):
    parts = [Path(p) for p in parts]
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    entries = [json.loads((p / "pagefind-entry.json").read_text()) for p in parts]

    # static assets (js/css/wasm) from the first part (+ wasm files missing there)
    for p in parts:
        for f in sorted(p.iterdir()):
            if f.is_file() and not f.name.endswith(".pf_meta") and f.name not in ("pagefind-entry.json", "made-from"):
                if not (out / f.name).exists():
                    shutil.copyfile(f, out / f.name)

    site = Path(site)
    site_order, paths = {}, {}
    for i, f in enumerate(walk_site(site)):
        u = url_for(site, f)
        site_order.setdefault(u, i)
        paths.setdefault(u, f)

    langs = sorted(set(l for e in entries for l in e["languages"]))
    out_langs = {}
    for lang in langs:
        lparts, lmetas, wasm = [], [], None
        for p, e in zip(parts, entries):
            if lang in e["languages"]:
                info = e["languages"][lang]
                lparts.append(p)
                lmetas.append(read_pf(p / f"pagefind.{info['hash']}.pf_meta"))
                wasm = wasm or info.get("wasm")
        out_langs[lang] = _merge_language(lang, lparts, lmetas, out, site_order, paths, wasm)

    entry = dict(entries[0])
    entry["languages"] = out_langs
    (out / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return out
