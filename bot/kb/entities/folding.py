"""Text folded for matching, with a map back to exact offsets in the original."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\uff02", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
        **dict.fromkeys(
            "\t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
            "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000",
            " ",
        ),
    }
)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


# Runs of spaces, and a hyphen left hanging by a line break inside a word ("OSIRIS- REx").
_SQUEEZE = re.compile(r"(?<=[^\W\d_])- +(?=[^\W\d_])| {2,}")


@lru_cache(maxsize=8192)
def _cjk(c: str) -> bool:
    """Japanese and Chinese script: written without spaces, so a name may touch the next word."""
    return "\u3040" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uff66" <= c <= "\uff9f"


def _base_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[:1] or c
    return base if len(base.lower()) == 1 else c


def _lower_1to1(s: str) -> str:
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


@dataclass
class _Folded:
    norm: str  # case kept, quotes/dashes/diacritics/spaces normalized
    low: str  # norm lowercased, same length
    cut_at: list[int]  # positions in norm/low where the squeeze removed characters ...
    orig_at: list[int]  # ... and the matching positions in the original text

    def orig(self, i: int) -> int:
        k = bisect_right(self.cut_at, i) - 1
        return self.orig_at[k] + (i - self.cut_at[k])

    def orig_span(self, s: int, e: int) -> tuple[int, int]:
        return self.orig(s), self.orig(e - 1) + 1


def _fold(text: str) -> _Folded:
    if text.isascii():
        norm = text
        for ch in "\t\n\r\f\v":
            if ch in norm:
                norm = norm.replace(ch, " ")
    else:
        norm = _NON_ASCII.sub(lambda m: _base_char(m.group()), text.translate(_TRANSLATE))
    low = _lower_1to1(norm)
    cut_at, orig_at = [0], [0]
    if "  " not in low and "- " not in low:
        return _Folded(norm, low, cut_at, orig_at)
    parts_n, parts_l, last, out = [], [], 0, 0
    for m in _SQUEEZE.finditer(low):
        s, e = m.span()
        parts_n.append(norm[last : s + 1])
        parts_l.append(low[last : s + 1])
        out += s + 1 - last
        last = e
        cut_at.append(out)
        orig_at.append(e)
    parts_n.append(norm[last:])
    parts_l.append(low[last:])
    return _Folded("".join(parts_n), "".join(parts_l), cut_at, orig_at)


def fold(text: str) -> str:
    """The matching key for a name: what two spellings of it have in common."""
    return _fold(text.strip()).low


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "unnamed"
