"""One Pagefind bundle from several: the search index of the whole register, merged from indexes of parts of it.

Pagefind holds every page it indexes in memory until it writes the bundle (about 270 kB per trip page,
2.7 GB at 10,000), so the site is indexed in shards of at most a few hundred pages each, and the shards
are merged here into the single bundle the search page loads. Merging keeps what a single Pagefind run
would write: the same words with the same positions and weights per page, the same filters, sort orders
and page lengths (so the same scores), the same fragments (excerpts), chunked by Pagefind's own rule, so
the browser loads as little as before. Only the numbering of the pages differs (shard after shard).

Merging is streamed: the word index is read chunk by chunk from every shard at once (its words are
sorted), so the memory it takes grows with the number of shards, not with the number of pages.

The bundle's files (Pagefind 1.5) are gzip streams of a signature and CBOR:
- pagefind.<hash>.pf_meta: [version, pages [[fragment hash, word count]], index chunks [[from, to, hash]],
  filters [[name, hash]], sorts [[name, [page numbers in ascending order of the value]]], meta fields];
- index/<hash>.pf_index: [[[word, pages, variants]]], a page being [page number as the difference to the
  previous page of the word, word positions, positions in meta fields], a variant [word with diacritics, pages];
- filter/<hash>.pf_filter: [name, [[value, [page numbers]]]];
- fragment/<hash>.pf_fragment: the page's URL, text, filters and meta as JSON, copied as they are.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import itertools
import json
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# Pagefind closes a chunk of the word index once the positions of its words (plus one per page) reach this
# (chunk_index in Pagefind's src/index/mod.rs; chunk_meta there names the chunks): the size of what the browser loads for a word.
CHUNK_POSITIONS = 20_000


class BundleError(RuntimeError):
    """The shards cannot be merged into one bundle."""


@dataclass
class Shard:
    """One Pagefind bundle of part of the pages, read from its folder."""

    folder: Path
    entry: dict
    meta: list
    offset: int = 0  # number of its first page in the merged bundle

    @classmethod
    def read(cls, folder: Path) -> Shard:
        entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
        if len(entry["languages"]) != 1:
            raise BundleError(f"{folder}: one language per bundle expected, found {sorted(entry['languages'])}")
        (language,) = entry["languages"].values()
        return cls(folder, entry, read_file(folder / f"pagefind.{language['hash']}.pf_meta"))

    @property
    def language(self) -> str:
        return next(iter(self.entry["languages"]))

    @property
    def pages(self) -> list[list]:
        return self.meta[1]

    @property
    def meta_fields(self) -> list[str]:
        return self.meta[5]

    def words(self) -> Iterator[list]:
        """The entries of the word index in word order, one chunk in memory at a time."""
        for chunk in self.meta[2]:
            yield from read_file(self.folder / "index" / f"{chunk[2]}.pf_index")[0]


def merge(shards: list[Path], output: Path, sort_values: dict[str, dict[str, str]]) -> int:
    """Merge the bundles in `shards` (disjoint sets of pages) into one bundle in `output`; the number of pages.

    sort_values: per page URL, its value per sort key (data-pagefind-sort), to order the pages across shards
    as Pagefind orders them within one.
    """
    parts = [Shard.read(folder) for folder in shards]
    languages = {part.language for part in parts}
    versions = {part.meta[0] for part in parts}
    if len(languages) != 1 or len(versions) != 1:
        raise BundleError(f"shards of different languages or Pagefind versions: {sorted(languages | versions)}")
    offset = 0
    for part in parts:
        part.offset, offset = offset, offset + len(part.pages)
    language = languages.pop()
    shutil.rmtree(output, ignore_errors=True)
    _copy_runtime(parts[0].folder, output)
    fields = sorted({field for part in parts for field in part.meta_fields})
    pages, urls = _merge_fragments(parts, output, language)
    chunks = _merge_words(parts, output, language, fields)
    filters = _merge_filters(parts, output, language)
    sorts = _merge_sorts(parts, urls, sort_values)
    meta = [parts[0].meta[0], pages, chunks, filters, sorts, fields]
    meta_hash = _write(output, "pagefind.{}.pf_meta", language, meta, length=10)
    entry = parts[0].entry
    entry["languages"][language].update(hash=meta_hash, page_count=len(pages))
    (output / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(pages)


def read_file(path: Path) -> object:
    """The data of one of Pagefind's .pf_* files."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleError(f"{path}: not a Pagefind file")
    return cbor2.loads(data[len(SIGNATURE) :])


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


# The script, worker and WebAssembly files are the same in every shard of one Pagefind version.
def _copy_runtime(folder: Path, output: Path) -> None:
    output.mkdir(parents=True)
    for path in folder.iterdir():
        if path.is_file() and path.suffix != ".pf_meta" and path.name != ENTRY:
            shutil.copy2(path, output / path.name)
    for name in ("index", "filter", "fragment"):
        (output / name).mkdir()


# Fragments are copied as they are; a name already taken by another shard's page gets a longer hash.
def _merge_fragments(parts: list[Shard], output: Path, language: str) -> tuple[list[list], list[str]]:
    pages, urls = [], []
    for part in parts:
        for name, word_count in part.pages:
            data = (part.folder / "fragment" / f"{name}.pf_fragment").read_bytes()
            target = output / "fragment" / f"{name}.pf_fragment"
            if target.exists():
                name = _unused_name(output / "fragment", "{}.pf_fragment", language, data)
                target = output / "fragment" / f"{name}.pf_fragment"
            target.write_bytes(data)
            pages.append([name, word_count])
            urls.append(json.loads(gzip.decompress(data)[len(SIGNATURE) :])["url"])
    return pages, urls


def _merge_words(parts: list[Shard], output: Path, language: str, fields: list[str]) -> list[list]:
    """Write the merged word index in chunks; their [from, to, hash] for the meta file."""
    streams = [_numbered(part, fields) for part in parts]
    merged = heapq.merge(*streams, key=lambda item: item[0])
    chunks, chunk, size = [], [], 0
    for word, group in itertools.groupby(merged, key=lambda item: item[0]):
        entry = _merge_entries(word, [pages for _, pages in group])
        chunk.append(entry)
        size += sum(len(page[1]) + len(page[2]) + 1 for page in entry[1])
        if size >= CHUNK_POSITIONS:
            chunks.append(_write_chunk(output, language, chunk))
            chunk, size = [], 0
    if chunk:
        chunks.append(_write_chunk(output, language, chunk))
    for first, second in itertools.pairwise(chunks):  # the shortest prefixes that still tell them apart
        last, second[0] = _prefixes(first[1], second[0])
        if last >= first[0]:  # as Pagefind: never a range that ends before it starts
            first[1] = last
    return chunks


# A shard's word entries with its offset and the merged bundle's meta fields: (word, (offset, pages, variants)).
def _numbered(part: Shard, fields: list[str]) -> Iterator[tuple[str, tuple[int, list, list]]]:
    remap = None if part.meta_fields == fields else [fields.index(field) for field in part.meta_fields]
    for word, pages, variants in part.words():
        if remap is not None:
            pages = _remapped(pages, remap)
            variants = [[form, _remapped(form_pages, remap)] for form, form_pages in variants]
        yield word, (part.offset, pages, variants)


# Positions in meta fields are marked with -(field number + 1); a shard without some field numbers them
# differently.
def _remapped(pages: list[list], remap: list[int]) -> list[list]:
    return [
        [delta, positions, [-remap[-value - 1] - 1 if value < 0 else value for value in meta_positions]]
        for delta, positions, meta_positions in pages
    ]


# One word from several shards (in shard order, so page numbers rise): pages and variants joined.
def _merge_entries(word: str, parts: list[tuple[int, list, list]]) -> list:
    variants: dict[str, list[tuple[int, list]]] = {}
    for offset, _, part_variants in parts:
        for form, form_pages in part_variants:
            variants.setdefault(form, []).append((offset, form_pages))
    pages = _joined([(offset, own) for offset, own, _ in parts])
    return [word, pages, [[form, _joined(lists)] for form, lists in variants.items()]]


# Page numbers are differences to the previous page of the word: within a shard's list they stay, only the
# first page of each list is counted from the last page of the list before it.
def _joined(lists: list[tuple[int, list[list]]]) -> list[list]:
    joined: list[list] = []
    previous = 0
    for offset, pages in lists:
        if not pages:
            continue
        first = pages[0][0] + offset
        joined.append([first - previous, *pages[0][1:]])
        joined.extend(pages[1:])
        previous = first + sum(page[0] for page in pages[1:])
    return joined


def _write_chunk(output: Path, language: str, chunk: list) -> list:
    name = _write(output, "index/{}.pf_index", language, [chunk])
    return [chunk[0][0], chunk[-1][0], name]


# As get_prefixes in Pagefind's src/index/mod.rs: the common prefix of the two words plus one character of each.
def _prefixes(last: str, first: str) -> tuple[str, str]:
    common = sum(1 for _ in itertools.takewhile(lambda pair: pair[0] == pair[1], zip(first, last, strict=False)))
    return last[: common + 1], first[: common + 1]


def _merge_filters(parts: list[Shard], output: Path, language: str) -> list[list]:
    values: dict[str, dict[str, list[int]]] = {}
    for part in parts:
        for _, file_hash in part.meta[3]:
            filter_name, filter_values = read_file(part.folder / "filter" / f"{file_hash}.pf_filter")
            merged = values.setdefault(filter_name, {})
            for value, pages in filter_values:
                merged.setdefault(value, []).extend(page + part.offset for page in pages)
    filters = []
    for name, merged in sorted(values.items()):  # sorted: Pagefind's own order changes from run to run
        data = [name, [[value, merged[value]] for value in sorted(merged)]]
        filters.append([name, _write(output, "filter/{}.pf_filter", language, data)])
    return filters


def _merge_sorts(parts: list[Shard], urls: list[str], sort_values: dict[str, dict[str, str]]) -> list[list]:
    """Per sort key, the page numbers in Pagefind's order: by number if every value is one, else by text."""
    keyed: dict[str, list[int]] = {}
    for part in parts:
        for key, pages in part.meta[4]:
            keyed.setdefault(key, []).extend(page + part.offset for page in pages)
    sorts = []
    for key, pages in sorted(keyed.items()):  # sorted: Pagefind's own order changes from run to run
        try:
            values = {page: sort_values[urls[page]][key] for page in pages}
        except KeyError as error:
            raise BundleError(f"no sort value {key!r} for {error}") from None
        numbers = {page: _number(value) for page, value in values.items()}
        order = numbers if all(number is not None for number in numbers.values()) else values
        sorts.append([key, sorted(pages, key=lambda page, order=order: (order[page], page))])
    return sorts


# Pagefind compares numeric sort values as 32-bit floats (an integer first read as a 32-bit integer).
def _number(value: str) -> float | None:
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return struct.unpack("f", struct.pack("f", number))[0] if abs(number) < 3.4e38 else None


def _write(output: Path, pattern: str, language: str, data: object, length: int = 7) -> str:
    """Write one .pf_* file named by its content; its hash, as the meta file refers to it."""
    body = gzip.compress(SIGNATURE + cbor2.dumps(data), compresslevel=6, mtime=0)
    folder = (output / pattern).parent
    name = _unused_name(folder, Path(pattern).name, language, body, length)
    (folder / Path(pattern).name.format(name)).write_bytes(body)
    return name


def _unused_name(folder: Path, pattern: str, language: str, data: bytes, length: int = 7) -> str:
    digest = hashlib.sha256(data).hexdigest()
    for end in range(length, len(digest) + 1):
        name = f"{language}_{digest[:end]}"
        if not (folder / pattern.format(name)).exists():
            return name
    raise BundleError(f"no free name in {folder} for a file")
