"""Reading one document: aliases, then names recognised by their shape (a title before a
capitalised name, a name before "exercise"), short forms trusted only with support."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from itertools import pairwise
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from bot.kb.entities.entity import _TYPE_RANK, FUZZY_CUTOFF, Entity, Mention
from bot.kb.entities.folding import _cjk, _fold, _slug, fold
from bot.kb.entities.roles import periods_of
from bot.kb.entities.shapes import (
    _ACRONYM_DEF,
    _AFTER_HEAD,
    _CASED_HEADS,
    _CLOSE_QUOTES,
    _CONNECT,
    _CUES,
    _EXERCISE_GENERIC,
    _EXERCISE_WORD,
    _HEADS,
    _INITIAL,
    _LEFT_TRIM,
    _LOWER_HEADS,
    _LOWER_OK,
    _MONTHS_DAYS,
    _NOT_NAMES,
    _NUMBERISH,
    _OPEN_QUOTES,
    _PARTICLES,
    _SUFFIXES,
    _TOKEN_RE,
    REGION_ALONE,
    _bare,
    _ends_sentence,
    _key,
    _name_words,
    _surname_hits,
    _Tok,
)

_HEADLINE_CHARS = 200
# A post between commas after a name: "Harris, commander-in-chief of the U.S. Armed Forces in
# the Pacific, said".
# A middle initial without its full stop; not "A" or "I", which are words.
_BARE_INITIAL = re.compile(r"[B-HJ-Z]")
_POST_AFTER = re.compile(
    r",\s+(?:the\s+)?((?:[\w.-]+\s+){0,3}?(?:commander(?:-in-chief)?|chief|secretary|minister|"
    r"ambassador|admiral|general|director|administrator|chairman|head|spokes(?:man|woman|person))"
    r"\b(?:[^,;.\n()]|\.(?=\S)|(?<=\b[A-Z])\.){0,70}),"
)

if TYPE_CHECKING:
    from bot.kb.entities.gazetteer import Gazetteer


# Tokens are made by the thousand: tuple.__new__ skips the named tuple's Python-level
# constructor (a quarter of the token windows' cost).
_new_tok = tuple.__new__


def _unprefixed(k: str) -> str:
    """The post in "then-President", "ex-Minister", "President-elect" (the dater reads the
    "then" and the "elect" from the title as written)."""
    if k.startswith(("then-", "ex-")):
        k = k.split("-", 1)[1]
    return k[: -len("-elect")] if k.endswith("-elect") else k


# "with his Japanese counterpart Shinzo Abe", "their U.S. counterpart,"
_COUNTERPART_BEFORE = re.compile(r"\b(?:his|her|their|its)\s+(?:[A-Z][\w.-]*\s+)?counterparts?,?\s+$")


class _Taken:
    """Non-overlapping spans already claimed by a mention."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def overlapping(self, s: int, e: int) -> list[tuple[int, int]]:
        i = bisect_right(self.spans, (s, float("inf")))
        out = []
        if i and self.spans[i - 1][1] > s:
            out.append(self.spans[i - 1])
        while i < len(self.spans) and self.spans[i][0] < e:
            out.append(self.spans[i])
            i += 1
        return out

    def free(self, s: int, e: int) -> bool:
        return not self.overlapping(s, e)

    def add(self, s: int, e: int) -> None:
        insort(self.spans, (s, e))

    def remove(self, span: tuple[int, int]) -> None:
        self.spans.remove(span)


class _Reader:
    """Recognition state for one document.

    Titles and names are read from small windows of tokens around the places that can
    hold them (a mention, a head word, the word "exercise"), so the cost follows the
    number of names in a document rather than its length.
    """

    WINDOW = 110  # characters before a name searched for its title; longer than any title

    def __init__(self, gaz: Gazetteer, text: str):
        self.g = gaz
        self.text = text
        self.mentions: dict[tuple[int, int], Mention] = {}
        self.taken = _Taken()
        self.named: dict[str, list[int]] = {}  # entity id -> starts of its strong mentions
        self._headline_cache: dict[int, bool] = {}
        # where a text's first line, its headline, ends (0 when it is all one line or long)
        first = text.find("\n")
        self._first_break = first if 0 < first <= _HEADLINE_CHARS else 0
        self._title_cache: dict[int, str | None] = {}
        self.heads: set[int] = set()  # where head words of titles stand, if a name may follow
        # surname -> (start, id, entity) of the mentions a later bare surname can refer back
        # to: full names, and surnames that came with a title ("Defense Minister Kihara").
        self.antecedents: dict[str, list[tuple[int, str, Entity]]] = {}

    # ---- bookkeeping
    def _add(self, s: int, e: int, ent: Entity, via: str, title: str | None = None) -> None:
        self.mentions[(s, e)] = Mention(s, e, self.text[s:e], ent, via, title)
        self.taken.add(s, e)
        if via in ("alias", "shape"):
            insort(self.named.setdefault(ent.id, []), s)
        if ent.type == "person" and (title or " " in self.text[s:e]):
            for name in self._surnames(ent):
                insort(self.antecedents.setdefault(name, []), (s, ent.id, ent))

    def _drop(self, span: tuple[int, int]) -> None:
        m = self.mentions.pop(span)
        self.taken.remove(span)
        starts = self.named.get(m.entity.id, [])
        if m.start in starts:
            starts.remove(m.start)
        for name in self._surnames(m.entity):
            lst = self.antecedents.get(name, [])
            if (m.start, m.entity.id, m.entity) in lst:
                lst.remove((m.start, m.entity.id, m.entity))

    def run(self) -> list[Mention]:
        weak_hits = self._aliases()
        self._exercise_shapes()
        self._person_shapes()
        self._weak(weak_hits)
        self._acronyms()
        self._surname_coref()
        out: list[Mention] = []
        for m in sorted(self.mentions.values(), key=lambda m: m.start):
            if m.entity.type == "person" and m.title is None and m.via != "shape":
                title = self._title_before(m.start) or self._counterpart_title(m, out)
                if title:
                    m = Mention(m.start, m.end, m.text, m.entity, m.via, title)
            out.append(m)
        return out

    def _counterpart_title(self, m: Mention, before: list[Mention]) -> str | None:
        """ "Prime Minister Narendra Modi ... with his Japanese counterpart Shinzo Abe": the
        counterpart holds the post of the titled person the sentence names before, when that
        is a post the counterpart's entry lists (not "President Biden ... his Japanese
        counterpart", a prime minister)."""
        if not _COUNTERPART_BEFORE.search(self.text, max(0, m.start - 40), m.start):
            return None
        head = max(self.text.rfind(". ", 0, m.start), self.text.rfind("\n", 0, m.start)) + 1
        titled = [b for b in before if b.entity.type == "person" and b.title and b.start >= head]
        if not titled:
            return None
        title = titled[-1].title
        # (the post without the country's word: "Indian Prime Minister" is "Prime Minister")
        at = re.search(r"\b(?:Prime|President|Foreign|Defen[cs]e|Secretary|Minister)\b", title)
        post = title[at.start() :] if at else title
        return post if any(str(r).startswith(post) for r in m.entity.roles or ()) else None

    # ---- token windows
    def _before(self, pos: int, width: int | None = None) -> list[_Tok]:
        """Tokens that end at or before pos, nearest last (a cut first token is dropped)."""
        lo = max(0, pos - (width or self.WINDOW))
        toks = [
            _new_tok(_Tok, (m.start(), m.end(), m.group(), m.lastgroup or "p"))
            for m in _TOKEN_RE.finditer(self.text, lo, pos)
        ]
        if toks and lo > 0 and toks[0].start == lo and self.text[lo - 1].isalnum():
            toks.pop(0)
        return toks

    def _after(self, pos: int, width: int | None = None) -> list[_Tok]:
        hi = min(len(self.text), pos + (width or self.WINDOW))
        toks = [
            _new_tok(_Tok, (m.start(), m.end(), m.group(), m.lastgroup or "p"))
            for m in _TOKEN_RE.finditer(self.text, pos, hi)
        ]
        if toks and hi < len(self.text) and toks[-1].end == hi and self.text[hi].isalnum():
            toks.pop()
        return toks

    @staticmethod
    def _is_head(tok: _Tok) -> bool:
        return _unprefixed(_key(tok.text)) in _HEADS or _bare(tok.text) in _CASED_HEADS

    def _titleish(self, tok: _Tok) -> bool:
        k = _unprefixed(_key(tok.text))
        return (
            k in _HEADS
            or _bare(tok.text) in _CASED_HEADS
            or k in _CUES
            or k in _CONNECT
            or k in self.g._title_words
        )

    # ---- step 1: the gazetteer's aliases
    def _aliases(self) -> list[tuple[int, int, list[Entity]]]:
        """Gazetteer aliases in the text; also notes where head words of titles stand."""
        f = _fold(self.text)
        low, norm, n = f.low, f.norm, len(f.low)
        strong: list[tuple[int, int, Entity]] = []
        weak: list[tuple[int, int, list[Entity]]] = []
        heads = self.heads
        for end, (length, recs, head) in self.g._automaton.iter(low):
            s, e = end - length + 1, end + 1
            if (
                s
                and low[s - 1].isalnum()
                and low[s].isalnum()
                and not (_cjk(low[s - 1]) or _cjk(low[s]))
            ):
                continue  # inside a word
            nxt = low[e] if e < n else " "
            if nxt.isalnum() and low[end].isalnum() and not (_cjk(nxt) or _cjk(low[end])):
                continue
            if head and nxt != "-" and _AFTER_HEAD.match(norm, e):
                heads.add(f.orig(s))
            if not recs:
                continue
            surface = norm[s:e]
            ok = [
                r
                for r in recs
                if (not r.cased or surface == r.norm) and (not r.capital or surface[:1].isupper())
            ]
            if not ok:
                continue
            os_, oe = f.orig_span(s, e)
            strong_ents = [r.entity for r in ok if not r.weak]
            if strong_ents:
                strong.append((os_, oe, min(strong_ents, key=lambda x: _TYPE_RANK[x.type])))
            else:
                weak.append((os_, oe, [r.entity for r in ok]))
        strong.sort(key=lambda h: (h[0] - h[1], h[0]))
        for s, e, ent in strong:
            if self.taken.free(s, e):
                self._add(s, e, ent, "alias")
        return weak

    # ---- titles and names
    def _title_before(self, pos: int) -> str | None:
        """The title or rank standing right before the name that starts at pos."""
        if pos not in self._title_cache:
            self._title_cache[pos] = self._read_title(pos)
        return self._title_cache[pos]

    def _read_title(self, pos: int) -> str | None:
        toks = self._before(pos, 40)
        if toks and toks[0].kind == "w" and pos > 40 and all(t.kind == "w" for t in toks):
            toks = self._before(pos)  # a long title: read further back
        parts: list[_Tok] = []
        for tok in reversed(toks):
            if tok.kind != "w" or _ends_sentence(tok.text) or not self._titleish(tok):
                break
            k = _unprefixed(_key(tok.text))
            is_head = k in _HEADS or self._is_head(tok)
            cased = re.sub(r"(?i)-elect$", "", tok.text).split("-")[-1][:1].isupper()
            if is_head and k not in _LOWER_HEADS and not cased:
                break  # "the general public", "a major step": ranks are written with a capital
            if k in ("and", "in", "at", "on") and parts and self._is_head(parts[-1]):
                break  # "... Joint Staff and General Kim": the title is "General"
            lower = not cased
            if lower and not (is_head or k in _CONNECT or k in _CUES or k in _LOWER_OK):
                # A lower-case word belongs to the title only inside a lower-case title
                # ("defense minister"); otherwise it is a sentence word.
                if not parts or parts[-1].text[:1].isupper():
                    break
            parts.append(tok)
        parts.reverse()
        cue = max((n for n, t in enumerate(parts) if _key(t.text) in _CUES), default=-1)
        parts = parts[cue + 1 :]
        while parts and (
            _key(parts[0].text) in _LEFT_TRIM or _key(parts[0].text) in self.g._country_words
        ):
            parts.pop(0)
        if not parts or _key(parts[-1].text) in _CONNECT:
            return None  # "the Minister of Kihara" is not a title
        heads = [n for n, t in enumerate(parts) if self._is_head(t)]
        if not heads:
            return None
        after = [_key(t.text) for t in parts[heads[-1] + 1 :]]
        if after and not any(w in ("of", "for", "to") for w in after):
            return None
        start = parts[0].start
        low = parts[0].text.lower()
        if low.startswith(("then-", "ex-")):
            start += low.index("-") + 1
        return self.text[start : parts[-1].end]

    def _name_word(self, word: str, first: bool) -> bool:
        bare = _bare(word)
        if len(bare) < 2 or not bare[0].isupper() or _NUMBERISH.fullmatch(bare):
            return False
        k = bare.lower()
        if (
            k in _NOT_NAMES
            or k in _MONTHS_DAYS
            or k in _HEADS
            or bare in _CASED_HEADS
            or k in self.g._country_words
        ):
            return False
        return not (k in self.g._title_words or (first and k in _EXERCISE_GENERIC))

    def _name_at(self, pos: int) -> tuple[int, int, list[str]] | None:
        """The capitalised name starting at pos: (start, end, words without nicknames)."""
        toks = self._after(pos, 80)
        words: list[str] = []
        end = pos
        j, n = 0, len(toks)
        while j < n:
            tok = toks[j]
            if tok.kind == "w":
                w = tok.text
                nxt = toks[j + 1] if j + 1 < n and toks[j + 1].kind == "w" else None
                if _INITIAL.fullmatch(w) and words:
                    words.append(w)
                    j += 1
                    continue
                if _BARE_INITIAL.fullmatch(w) and words and nxt and self._name_word(nxt.text, first=False):
                    # "Antony J Blinken": a middle initial written without its full stop
                    words.append(w + ".")
                    j += 1
                    continue
                if w.lower() in _PARTICLES and words and nxt and nxt.text[:1].isupper():
                    words.append(w)
                    j += 1
                    continue
                if w in _SUFFIXES and words:
                    words.append(w)
                    end = tok.end
                    j += 1
                    continue
                if not self._name_word(w, first=not words):
                    break
                bare = _bare(w)
                words.append(bare)
                end = tok.start + len(bare)
                j += 1
                if w != bare or sum(1 for x in words if not _INITIAL.fullmatch(x)) >= 5:
                    break  # a possessive or a full stop ends the name
                continue
            if tok.kind == "p" and tok.text in _OPEN_QUOTES and words and j + 2 < n:
                nick, close = toks[j + 1], toks[j + 2]
                if nick.kind == "w" and nick.text[:1].isupper() and close.text in _CLOSE_QUOTES:
                    j += 3  # a nickname in quotes: Gen. John W. "Jay" Raymond
                    continue
            break
        while words and (_INITIAL.fullmatch(words[-1]) or words[-1].lower() in _PARTICLES):
            words.pop()
        if not words:
            return None
        return pos, end, words

    def _headline(self, pos: int) -> bool:
        """Whether the line holding pos is in title case, where capitals say little."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        if line_start not in self._headline_cache:
            line_end = self.text.find("\n", pos)
            line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
            words = [w for w in re.findall(r"[^\W\d_][\w'-]*", line) if len(w) >= 4]
            caps = sum(1 for w in words if w[0].isupper())
            # A sentence ends in punctuation; a headline usually does not.
            ends = line.rstrip().rstrip("\"'\u201d\u2019)]*").endswith((".", "!", "?", ":", ";"))
            self._headline_cache[line_start] = (
                not ends and len(words) >= 3 and caps >= 0.8 * len(words)
            )
        return self._headline_cache[line_start]

    # ---- step 2: exercises from their shape
    def _exercise_shapes(self) -> None:
        for hit in _EXERCISE_WORD.finditer(self.text):
            found = self._exercise_before(hit.start())
            if not found and hit.group()[0] == "E" and self.text[hit.end() : hit.end() + 1] != ".":
                found = self._exercise_after(hit.end())
            if not found:
                continue
            s, e = found[0].start, found[-1].start + len(_bare(found[-1].text))
            if not self.taken.free(s, e) or self._headline(s):
                continue
            name = " ".join(_bare(t.text) for t in found)
            if name.lower() in REGION_ALONE:
                continue
            ent = self.g.resolve(name, "exercise")
            if (
                ent is None
                or max(fuzz.token_sort_ratio(fold(name), fold(a)) for a in (ent.name, *ent.aliases))
                < FUZZY_CUTOFF
            ):
                ent = Entity(f"exercise:{_slug(name)}", "exercise", name, source="shape")
            self._add(s, e, ent, "shape")

    def _exercise_words(self, toks: list[_Tok]) -> list[_Tok] | None:
        def generic(t: _Tok) -> bool:
            k = _key(t.text)
            return (
                k in _EXERCISE_GENERIC
                or k in _NOT_NAMES
                or k in _MONTHS_DAYS
                or k in self.g._country_words
                or all(p in self.g._country_words for p in k.split("-"))
            )

        while toks and generic(toks[0]):
            toks.pop(0)
        while toks and generic(toks[-1]):
            toks.pop()
        if not toks:
            return None
        for t in toks:
            w = _bare(t.text)
            if not w[:1].isupper() or w.lower() in _NOT_NAMES or w.lower() in _HEADS:
                return None
        return toks

    def _exercise_before(self, pos: int) -> list[_Tok] | None:
        toks = self._before(pos, 100)
        if toks and toks[-1].kind == "w" and _NUMBERISH.fullmatch(toks[-1].text):
            toks.pop()  # "Freedom Flag 24 exercise"
        found: list[_Tok] = []
        for tok in reversed(toks):
            if (
                tok.kind != "w"
                or not tok.text[:1].isupper()
                or _ends_sentence(tok.text)
                or len(found) >= 6
            ):
                break
            found.insert(0, tok)
        return self._exercise_words(found)

    def _exercise_after(self, pos: int) -> list[_Tok] | None:
        found: list[_Tok] = []
        for tok in self._after(pos, 100):
            if (
                tok.kind != "w"
                or not tok.text[:1].isupper()
                or _NUMBERISH.fullmatch(tok.text)
                or len(found) >= 5
            ):
                break
            found.append(tok)
            if _ends_sentence(tok.text):
                break
        return self._exercise_words(found)

    # ---- step 3: people from their shape
    def _person_shapes(self) -> None:
        starts: set[int] = set()
        for at in sorted(self.heads):
            for tok in self._after(at, 50)[1:]:
                if tok.kind != "w":
                    break
                if tok.text[:1].isupper() and self._name_word(tok.text, first=True):
                    starts.add(tok.start)
                    break
                if not self._titleish(tok) or _ends_sentence(tok.text):
                    break
        candidates: list[tuple[int, int, list[str], str]] = []
        for pos in starts:
            title = self._title_before(pos)
            if title:
                found = self._name_at(pos)
                if found:
                    candidates.append((*found, title))
        # Full names first, so that a lone surname can refer back to them.
        for s, e, words, title in sorted(candidates, key=lambda c: (len(c[2]) < 2, c[0])):
            self._person_shape(s, e, words, title)

    def _person_shape(self, s: int, e: int, words: list[str], title: str) -> None:
        clash = self.taken.overlapping(s, e)
        multi = len([w for w in words if not _INITIAL.fullmatch(w)]) >= 2
        for span in clash:
            m = self.mentions.get(span)
            if m is None or m.entity.type == "person" or not multi or span[0] <= s:
                return  # the gazetteer already names it (its title is added later)
        via, ent = "shape", None
        if multi:
            ent = self.g._resolve_person(words)
        else:
            ent = self._doc_person(words[0], s)
            if ent is not None:
                via = "coref"
            else:
                ent = self._weak_choice(self.g._weak.get(fold(words[0]), []), s, title)
                via = "weak" if ent else via
        if ent is None:
            if self._headline(s):
                return
            name = " ".join(words)
            ent = Entity(f"person:{_slug(name)}", "person", name, source="shape",
                         country=self._title_country(s, title))
        for span in clash:
            self._drop(span)
        self._add(s, e, ent, via, title)

    def _title_country(self, at: int, title: str) -> str | None:
        """The country a title names ("Brazilian President", "Indian Foreign Minister"): a
        person known only by shape is of it, so a meeting of two such foreigners in Tokyo is
        theirs, not the alliance's."""
        head = self.text.rfind(title.split()[0], max(0, at - len(title) - 8), at)
        if head < 0:
            return None
        # (the country inside the title, or right before it: "Suriname's President")
        found = {m.entity.name for (a, b), m in self.mentions.items()
                 if m.entity.type == "country" and ((head <= a and b <= at) or _TITLE_OF.fullmatch(self.text, b, head))}
        return found.pop() if len(found) == 1 else None

    def _doc_person(self, surname: str, before: int) -> Entity | None:
        """The person named in full earlier in this document whose surname this is."""
        earlier = [x for x in self.antecedents.get(surname, ()) if x[0] < before]
        return earlier[-1][2] if earlier else None

    def _surnames(self, ent: Entity) -> frozenset[str]:
        fam = self.g._family.get(ent.id)
        if fam is not None:
            return fam
        words = _name_words(ent.name)
        out = {words[-1]} if words else set()
        if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]):
            out.add(words[0])  # Korean order: Kim Seung-kyum
        return frozenset(out)

    def _weak_choice(self, cands: list[Entity], at: int, title: str | None) -> Entity | None:
        if not cands:
            return None
        supported = [c for c in cands if self.named.get(c.id)]
        if supported:

            def distance(c: Entity) -> tuple[int, int]:
                starts = self.named[c.id]
                before = [p for p in starts if p < at]
                return (0, at - before[-1]) if before else (1, starts[0] - at)

            return min(supported, key=distance)
        ids = {c.id for c in cands}
        earlier = [
            x
            for w in {w for c in cands for w in self._surnames(c)}
            for x in self.antecedents.get(w, ())
            if x[0] < at and x[1] in ids
        ]
        if earlier:
            return max(earlier, key=lambda x: x[0])[2]
        if at < self._first_break and (
            later := [
                x
                for w in {w for c in cands for w in self._surnames(c)}
                for x in self.antecedents.get(w, ())
                if x[1] in ids
            ]
        ):
            # "Rubio Meets Japan's Motegi" over "FOREIGN MINISTER MOTEGI: ...": a headline's
            # surname is the person the story names with a post below it
            return min(later, key=lambda x: x[0])[2]
        if not title:
            return None
        fits = sorted(((self.g._role_fit(c, title), c.id, c) for c in cands), reverse=True)
        if fits[0][0] > 0 and (len(fits) == 1 or fits[0][0] > fits[1][0]):
            return fits[0][2]
        return None

    # ---- step 4: weak aliases with support
    def _weak(self, hits: list[tuple[int, int, list[Entity]]]) -> None:
        titled = [
            (
                s,
                e,
                c,
                (self._title_before(s) or self._title_in_parens(s, e) or self._title_after(e))
                if any(x.type == "person" for x in c)
                else None,
            )
            for s, e, c in hits
        ]
        # Titled ones first: "PM Kishida" late in a text supports "Kishida" in its headline.
        for s, e, cands, title in sorted(titled, key=lambda h: (h[3] is None, h[0])):
            if not self.taken.free(s, e):
                continue
            ent = self._weak_choice(cands, s, title)
            if ent is None:
                continue
            earlier = any(p < s for p in self.named.get(ent.id, ())) or any(
                x[0] < s and x[1] == ent.id
                for w in self._surnames(ent)
                for x in self.antecedents.get(w, ())
            )
            self._add(s, e, ent, "coref" if earlier and not title else "weak", title)
        self._counterparts([(s, e, c) for s, e, c, _ in titled if self.taken.free(s, e)])

    def _counterparts(self, hits: list[tuple[int, int, list[Entity]]]) -> None:
        """ "Nakatani and Hegseth confirmed ...": two bare surnames joined in one phrase
        support each other when exactly one pair of their people, one Japanese and one
        American, held office at the same time (a story whose headline, with the titles, was
        not kept)."""
        for (s1, e1, c1), (s2, e2, c2) in pairwise(hits):
            if not PAIR_JOIN.fullmatch(self.text, e1, s2):
                continue
            pairs = [
                (a, b)
                for a in c1
                for b in c2
                if a.type == b.type == "person" and {a.country, b.country} == {"Japan", "United States"}
                and _overlap(periods_of(a.roles), periods_of(b.roles))
            ]
            if len(pairs) == 1 and self.taken.free(s1, e1) and self.taken.free(s2, e2):
                (a, b), = pairs
                for s, e, ent in ((s1, e1, a), (s2, e2, b)):
                    self._add(s, e, ent, "pair")
                    # ("In their meeting, Nakatani explained to Hegseth": bare surnames later on)
                    for name in self._surnames(ent):
                        insort(self.antecedents.setdefault(name, []), (s, ent.id, ent))

    def _title_in_parens(self, s: int, e: int) -> str | None:
        """ "Secretaries of State (Blinken) and Defense (Austin)": a newsletter's post with
        the surname in parentheses after it; the post words are the title."""
        if not (re.search(r"\(\s*$", self.text[max(0, s - 3) : s]) and self.text[e : e + 1] == ")"):
            return None
        head = re.search(r"([A-Za-z][\w.'’ -]{2,40}?)\s*\(\s*$", self.text[max(0, s - 45) : s])
        return head.group(1).strip() if head else None

    def _title_after(self, e: int) -> str | None:
        """ "Harris, commander-in-chief of the U.S. Armed Forces in the Pacific, said": a
        post set after the surname between commas (a wire story's first mention)."""
        got = _POST_AFTER.match(self.text, e)
        return got.group(1) if got else None

    # ---- step 5: acronyms a document defines for itself
    def _acronyms(self) -> None:
        defined: dict[str, tuple[int, Entity]] = {}
        for m in sorted(self.mentions.values(), key=lambda m: m.start):
            if m.entity.type in ("person", "country"):
                continue
            d = _ACRONYM_DEF.match(self.text, m.end)
            if not d:
                continue
            acr = d.group(1)
            if fold(acr) in self.g._strong or acr in defined:
                continue
            defined[acr] = (d.start(1), m.entity)
        if not defined:
            return
        pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, defined)) + r")(?!\w)")
        for hit in pattern.finditer(self.text):
            first, ent = defined[hit.group(1)]
            if hit.start() >= first and self.taken.free(hit.start(), hit.end()):
                self._add(hit.start(), hit.end(), ent, "coref")

    # ---- step 6: a surname alone, after the full name
    def _surname_coref(self) -> None:
        firsts = {k: v for k, v in self.antecedents.items() if v}
        if not firsts:
            return
        for s, e, name in _surname_hits(self.text, tuple(sorted(firsts, key=lambda n: (-len(n), n)))):
            # The antecedents are kept sorted: the nearest one before the hit by bisection,
            # not by a scan of all of them (a name repeated through 100 KB cost its square).
            lst = firsts[name]
            before = bisect_left(lst, (s,))
            if not before or not self.taken.free(s, e):
                continue
            nearest = lst[bisect_left(lst, (lst[before - 1][0],))][2]
            nxt = self._after(e, 40)
            if nxt and nxt[0].kind == "w" and self._name_word(nxt[0].text, first=False):
                continue  # part of a longer name: Kim Jong Un is not Kim Seung-kyum
            title = self._title_before(s)
            prev = self._before(s, 40)
            if (
                not title
                and prev
                and prev[-1].kind == "w"
                and prev[-1].text[:1].isupper()
                and not _ends_sentence(prev[-1].text)
            ):
                k = _key(prev[-1].text)
                if k not in _NOT_NAMES and k not in self.g._title_words:
                    continue  # another first name before it: Mark Campbell
            self._add(s, e, nearest, "coref", title)


_TITLE_OF = re.compile(r"(?:['’]s)?[ \t]+")  # "Suriname's President", "Brazilian President"
# Two names joined as one phrase ("Nakatani and Hegseth"); the dater reads full names so too
PAIR_JOIN = re.compile(r"\s+(?:and|&)\s+")


def _overlap(a: list[tuple], b: list[tuple]) -> bool:
    return any(s1 <= e2 and s2 <= e1 for s1, e1 in a for s2, e2 in b)
