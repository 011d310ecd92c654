"""`python -m bench.eval` (`make eval`): how well allybot reads a folder of real documents.

A measurement, not a test: it loads the set's documents into a scratch database through the
`allybot` CLI (the stable interface: the same commands and JSON whatever the modules are
called), then scores what came out against the set's gold file with the rules the gold file's
header states, and nothing more lenient:

- a gold fact is *matched* by a fact citing its document, of an allowed kind, whose date
  range overlaps the gold date (same day, or inside the month/year for a coarser one) and
  whose text (title + summary + quote + participants + location) contains one of `any`
  (case-insensitive);
- *date accuracy*: of the gold facts found at all (kind and keyword, any date), the share
  whose best fact has the date right at the gold precision (the same first day for a day,
  inside the month or year for a month or year); a coarser or a different date is wrong;
- *precision*: extracted facts that match a required fact of a document they cite, over
  those plus the false positives; facts carrying an `acceptable` keyword are neither; a
  fact carrying a `forbidden` string of a document it cites is always a false positive;
- *same event merged*: a `same_event` group counts when one fact cites all its documents,
  overlaps its date and carries one of its words;
- commands (`queries.yaml`): `top1` = the first item overlaps the date and contains one of
  `any`; `top3` = one of the first three; lookup: a passage among the first three holds, for
  every group of `any_all`, one of its strings. The queries file states no case rule and
  lists case variants ("COPE North", "Cope North"), so its strings match case-sensitively.

    python -m bench.eval                          # ../shared/eval/real-dev
    python -m bench.eval --set DIR                # another set in the same layout
    python -m bench.eval --seeds                  # seeds/ against seed_facts.yaml
    python -m bench.eval --json                   # the figures and every miss as JSON
    python -m bench.eval --docs-dates             # also each document's date against gold
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT.parent / "shared/eval/real-dev"


# --------------------------------------------------------------------------- the CLI


class Cli:
    """Runs `allybot` subcommands and returns their JSON.

    In process through the installed console entry point when there is one (86 queries
    would otherwise pay 86 interpreter start-ups), else the `allybot` executable.
    """

    def __init__(self, db: Path):
        self.db = db
        self._main = None
        try:
            from importlib.metadata import entry_points

            (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "allybot"]
            self._main = ep.load()
        except Exception:  # noqa: BLE001 - not installed in this interpreter: use the executable
            self._main = None

    def run(self, *args: str):
        argv = [*args, "--db", str(self.db), "--json"]
        if self._main is not None:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = self._main(argv)
                except SystemExit as exc:
                    code = exc.code
            text = out.getvalue()
        else:
            exe = shutil.which("allybot") or str(Path(sys.executable).with_name("allybot"))
            proc = subprocess.run([exe, *argv], capture_output=True, text=True, check=False)
            code, text, err = proc.returncode, proc.stdout, io.StringIO(proc.stderr)
        try:
            return json.loads(text) if text.strip() else None
        except json.JSONDecodeError:
            raise SystemExit(
                f"allybot {' '.join(args)} exited {code} without JSON: {text[:300]}"
                f"{err.getvalue()[:300] if hasattr(err, 'getvalue') else ''}"
            ) from None


# --------------------------------------------------------------------------- dates


def gold_range(value, end=None) -> tuple[date, date, str]:
    """A gold date (2024-05-29, "2024-06" or 2024) as an inclusive range and its precision."""
    if isinstance(value, date):
        start = stop = value
        precision = "day"
    else:
        text = str(value)
        if re.fullmatch(r"\d{4}", text):
            start, stop, precision = date(int(text), 1, 1), date(int(text), 12, 31), "year"
        elif m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            y, mo = int(m[1]), int(m[2])
            start, stop = date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
            precision = "month"
        else:
            start = stop = date.fromisoformat(text)
            precision = "day"
    if end is not None:
        stop = gold_range(end)[1]
    return start, stop, precision


def fact_range(f: dict) -> tuple[date, date] | None:
    if not f.get("date_start"):
        return None
    start = date.fromisoformat(f["date_start"])
    return start, date.fromisoformat(f.get("date_end") or f["date_start"])


def overlaps(f: dict, start: date, stop: date) -> bool:
    r = fact_range(f)
    return r is not None and r[0] <= stop and start <= r[1]


def date_right(f: dict, start: date, stop: date, precision: str) -> bool:
    """Is the fact's date right at the gold precision: it starts inside the gold day, month
    or year (a stated end extends it), and its own precision is not coarser?"""
    r = fact_range(f)
    if r is None:
        return False
    order = {"day": 0, "week": 1, "month": 2, "year": 3}
    got = order.get(f.get("date_precision") or "day", 3)
    if precision == "day":
        return r[0] == start and got == 0
    return start <= r[0] <= stop and got <= order[precision]


def show_date(f: dict) -> str:
    if not f.get("date_start"):
        return "undated"
    s, e, p = f["date_start"], f.get("date_end") or f["date_start"], f.get("date_precision") or "?"
    if p == "month":
        return s[:7] if s[:7] == e[:7] else f"{s[:7]}..{e[:7]}"
    if p == "year":
        return s[:4]
    return s if s == e else f"{s}..{e}"


# --------------------------------------------------------------------------- scoring


def fact_text(f: dict) -> str:
    return " ".join(
        [f.get("title") or "", f.get("summary") or "", f.get("quote") or "",
         *(f.get("participants") or []), f.get("location") or ""]
    ).lower()


def docs_of(f: dict) -> set[str]:
    return {f["doc_id"]} | {s["doc_id"] for s in f.get("sources") or []}


def has_any(f: dict, words) -> bool:
    text = fact_text(f)
    return any(str(w).lower() in text for w in words)


def kinds_of(req: dict) -> str:
    return "/".join(req["kinds"])


@dataclass
class Report:
    figures: dict = field(default_factory=dict)
    by_type: dict = field(default_factory=dict)
    by_kind: dict = field(default_factory=dict)
    misses: list = field(default_factory=list)
    wrong_dates: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)
    split_events: list = field(default_factory=list)
    command_misses: list = field(default_factory=list)
    lookup_misses: list = field(default_factory=list)
    doc_dates: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # documents the loader could not read


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _brief(f: dict) -> str:
    return f"[{f['kind']} {show_date(f)}] {f['title'][:90]}"


def score_facts(gold: dict, facts: list[dict], types: dict[str, str], rep: Report) -> None:
    per_doc: dict[str, list[dict]] = defaultdict(list)
    for f in facts:
        for d in docs_of(f):
            per_doc[d].append(f)

    tally = defaultdict(lambda: defaultdict(int))  # group -> counter

    def count(groups, key, n=1):
        for g in groups:
            tally[g][key] += n

    for name, spec in gold["docs"].items():
        dtype = types.get(name, "?")
        got = per_doc.get(name, [])
        for req in spec.get("required") or []:
            start, stop, precision = gold_range(req["date"], req.get("end"))
            kinds = set(req["kinds"])
            groups = [("all",), ("type", dtype), ("kind", kinds_of(req))]
            count(groups, "required")
            keyed = [f for f in got if f["kind"] in kinds and has_any(f, req["any"])]
            matched = [f for f in keyed if overlaps(f, start, stop)]
            label = {"doc": name, "kinds": req["kinds"], "date": str(req["date"]), "any": req["any"]}
            if matched:
                count(groups, "matched")
            if not keyed:
                others = [_brief(f) for f in got][:6]
                rep.misses.append({**label, "reason": "no fact of that kind with those words",
                                   "extracted": others})
                continue
            count(groups, "found")
            right = [f for f in keyed if date_right(f, start, stop, precision)]
            if right:
                count(groups, "date_right")
                continue
            best = matched[0] if matched else keyed[0]
            why = ("coarser than the gold date" if matched
                   else "undated" if not best.get("date_start") else "different date")
            if not matched:
                rep.misses.append({**label, "reason": "found with a wrong date",
                                   "extracted": [_brief(best)]})
            rep.wrong_dates.append({**label, "reason": why, "extracted": _brief(best)})

    for f in facts:
        cited = [d for d in docs_of(f) if d in gold["docs"]]
        if not cited:
            continue
        kind_group = ("fkind", f["kind"])
        verdict = "fp"
        forbidden = None
        for d in cited:
            spec = gold["docs"][d]
            for word in spec.get("forbidden") or []:
                if str(word).lower() in fact_text(f) or word == "":
                    forbidden = (d, word)
        if forbidden is None:
            for d in cited:
                spec = gold["docs"][d]
                reqs = spec.get("required") or []
                if any(f["kind"] in r["kinds"] and has_any(f, r["any"])
                       and overlaps(f, *gold_range(r["date"], r.get("end"))[:2]) for r in reqs):
                    verdict = "tp"
                    break
                if any(str(w).lower() in fact_text(f) for w in spec.get("acceptable") or []):
                    verdict = "ok"
        groups = [("all",), kind_group, *{("type", types.get(d, "?")) for d in cited}]
        count(groups, verdict)
        if verdict == "fp":
            why = (f"forbidden {forbidden[1]!r}" if forbidden and forbidden[1]
                   else "distractor: no fact expected" if forbidden else
                   "matches no required fact or acceptable word")
            rep.false_positives.append({"docs": sorted(cited), "reason": why, "fact": _brief(f),
                                        "quote": (f.get("quote") or "")[:160]})

    def figures(t) -> dict:
        return {
            "required": t["required"], "matched": t["matched"],
            "recall": _ratio(t["matched"], t["required"]),
            "found_any_date": t["found"], "date_right": t["date_right"],
            "date_accuracy": _ratio(t["date_right"], t["found"]),
            "facts_tp": t["tp"], "facts_acceptable": t["ok"], "facts_fp": t["fp"],
            "precision": _ratio(t["tp"], t["tp"] + t["fp"]),
        }

    rep.figures.update(figures(tally[("all",)]))
    rep.figures["facts"] = len(facts)
    for key, t in sorted(tally.items()):
        if key[0] == "type":
            rep.by_type[key[1]] = figures(t)
        elif key[0] in ("kind", "fkind"):
            cur = rep.by_kind.setdefault(key[1], {})
            for k, v in figures(t).items():
                if (key[0] == "kind") == (k in ("required", "matched", "recall", "found_any_date",
                                                "date_right", "date_accuracy")):
                    cur[k] = v

    groups = gold.get("same_event") or []
    merged = 0
    for g in groups:
        start, stop, _ = gold_range(g["date"], g.get("end"))
        want = set(g["docs"])
        cand = [f for f in facts if overlaps(f, start, stop) and has_any(f, g["any"])]
        if any(want <= docs_of(f) for f in cand):
            merged += 1
            continue
        pieces = {d: [f"{f['id']} {_brief(f)} cites {sorted(docs_of(f) & want)}"
                      for f in cand if d in docs_of(f)] for d in sorted(want)}
        rep.split_events.append({"date": str(g["date"]), "any": g["any"], "docs": pieces})
    rep.figures["same_event_groups"] = len(groups)
    rep.figures["same_event_merged"] = merged
    rep.figures["same_event_rate"] = _ratio(merged, len(groups))


def _qhit(item: dict, spec: dict, case_sensitive: bool = True) -> bool:
    start, stop, _ = gold_range(spec["date"])
    text = " ".join([item.get("title") or "", item.get("summary") or "", item.get("quote") or "",
                     *(item.get("participants") or []), item.get("location") or ""])
    return overlaps(item, start, stop) and any(str(w) in text for w in spec["any"])


def score_queries(queries: dict, cli: Cli, rep: Report) -> None:
    hit = defaultdict(int)
    total = defaultdict(int)
    for q in queries.get("commands") or []:
        line = f"{q['cmd']} {q['q']}"
        out = cli.run("ask", line) or {}
        items = out.get("items") or []
        for need, depth in (("top1", 1), ("top3", 3)):
            if need not in q:
                continue
            total[need] += 1
            if any(_qhit(i, q[need]) for i in items[:depth]):
                hit[need] += 1
            else:
                rep.command_misses.append({
                    "query": line, "want": f"{need} {q[need]['date']} {q[need]['any']}",
                    "got": [_brief(i) for i in items[:3]] or [out.get("message") or "nothing"],
                })
    for q in queries.get("lookup") or []:
        out = cli.run("lookup", q["q"]) or {}
        passages = out.get("passages") or []
        total["lookup"] += 1
        groups = q["top3"]["any_all"]
        if any(all(any(s in p["text"] for s in grp) for grp in groups) for p in passages[:3]):
            hit["lookup"] += 1
        else:
            rep.lookup_misses.append({
                "query": q["q"], "want": groups,
                "got": [f"{p['doc_id']}: {p['text'][:100]}" for p in passages[:3]] or ["nothing"],
            })
    rep.figures["commands_top1"] = f"{hit['top1']}/{total['top1']}"
    rep.figures["commands_hit@1"] = _ratio(hit["top1"], total["top1"])
    rep.figures["commands_top3"] = f"{hit['top3']}/{total['top3']}"
    rep.figures["commands_hit@3"] = _ratio(hit["top3"], total["top3"])
    rep.figures["lookup"] = f"{hit['lookup']}/{total['lookup']}"
    rep.figures["lookup_hit@3"] = _ratio(hit["lookup"], total["lookup"])


def score_doc_dates(gold: dict, docs: list[dict], types: dict[str, str], rep: Report) -> None:
    by_id = {d["id"]: d for d in docs}
    right = total = year_right = year_wrong = 0
    per_type = defaultdict(lambda: [0, 0])
    for name, spec in gold["docs"].items():
        if "doc_date" not in spec:
            continue
        total += 1
        start, stop, precision = gold_range(spec["doc_date"])
        d = by_id.get(name) or {}
        got = d.get("date")
        ok = False
        if got:
            g = date.fromisoformat(got[:10])
            got_precision = d.get("date_precision") or "day"
            finer = {"day": 0, "month": 1, "year": 2}
            ok = start <= g <= stop and finer.get(got_precision, 0) <= finer[precision]
            year_right += g.year == start.year
            year_wrong += g.year != start.year
        right += ok
        t = per_type[types.get(name, "?")]
        t[0] += ok
        t[1] += 1
        rep.doc_dates.append({
            "doc": name, "gold": str(spec["doc_date"]), "got": got,
            "precision": d.get("date_precision"), "ok": ok,
            "note": d.get("date_note") or ("inferred" if d.get("date_inferred") else None),
        })
    rep.figures["doc_dates_right"] = f"{right}/{total}"
    rep.figures["doc_date_accuracy"] = _ratio(right, total)
    # Informative, not the score: a dated year is most of what a fact's date needs, and a
    # wrong year misplaces every fact of the document.
    rep.figures["doc_year_right"] = year_right
    rep.figures["doc_year_wrong"] = year_wrong
    rep.figures["doc_undated"] = total - year_right - year_wrong
    for t, (ok, n) in per_type.items():
        rep.by_type.setdefault(t, {})["doc_date_accuracy"] = _ratio(ok, n)


# --------------------------------------------------------------------------- output


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def print_report(rep: Report, set_dir: Path, docs_dates: bool) -> None:
    f = rep.figures
    print(f"allybot eval: {set_dir}")
    print(f"  recall            {_fmt(f['recall'])}  ({f['matched']}/{f['required']} required facts;"
          f" {f['found_any_date']} found by kind+words at any date)")
    print(f"  precision         {_fmt(f['precision'])}  ({f['facts_tp']} matching, {f['facts_fp']} false"
          f" positives, {f['facts_acceptable']} acceptable extras; {f['facts']} facts)")
    print(f"  date accuracy     {_fmt(f['date_accuracy'])}  ({f['date_right']}/{f['found_any_date']}"
          " found by kind+words, date right at the gold precision;"
          f" {f['date_right']}/{f['required']} of all required facts)")
    print(f"  same event merged {_fmt(f['same_event_rate'])}  ({f['same_event_merged']}/"
          f"{f['same_event_groups']} groups)")
    print(f"  doc dates         {_fmt(f.get('doc_date_accuracy'))}  ({f.get('doc_dates_right')} right at the"
          f" gold precision; year right {f.get('doc_year_right')}, year WRONG {f.get('doc_year_wrong')},"
          f" undated {f.get('doc_undated')})")
    if "commands_hit@1" in f:
        print(f"  commands hit@1    {_fmt(f['commands_hit@1'])}  ({f['commands_top1']} top1 queries)")
        print(f"  commands hit@3    {_fmt(f['commands_hit@3'])}  ({f['commands_top3']} top3 queries)")
        print(f"  lookup hit@3      {_fmt(f['lookup_hit@3'])}  ({f['lookup']})")

    cols = ("required", "recall", "date_accuracy", "precision", "doc_date_accuracy")
    print("\nby document type")
    print(f"  {'type':<12}" + "".join(f"{c:>18}" for c in cols))
    for t, v in sorted(rep.by_type.items()):
        print(f"  {t:<12}" + "".join(f"{_fmt(v.get(c)):>18}" for c in cols))
    cols = ("required", "recall", "date_accuracy", "facts_tp", "facts_fp", "precision")
    print("\nby fact kind (recall/date: gold kinds; precision: extracted kind)")
    print(f"  {'kind':<16}" + "".join(f"{c:>15}" for c in cols))
    for k, v in sorted(rep.by_kind.items()):
        print(f"  {k:<16}" + "".join(f"{_fmt(v.get(c)):>15}" for c in cols))

    def section(title, rows, fmt):
        print(f"\n{title} ({len(rows)})")
        for r in rows:
            print(fmt(r))

    section("documents skipped by the loader", rep.skipped, lambda r: f"  {r['file']}: {r['reason']}")
    section("misses", rep.misses, lambda r: (
        f"  {r['doc']}: {r['kinds']} {r['date']} {r['any']} -- {r['reason']}"
        + "".join(f"\n      got {x}" for x in r["extracted"])))
    section("wrong dates", rep.wrong_dates, lambda r: (
        f"  {r['doc']}: {r['kinds']} {r['date']} {r['any']} -- {r['reason']}\n      got {r['extracted']}"))
    section("false positives", rep.false_positives, lambda r: (
        f"  {', '.join(r['docs'])}: {r['fact']} -- {r['reason']}\n      quote: {r['quote']!r}"))
    section("split events", rep.split_events, lambda r: (
        f"  {r['date']} {r['any']}" + "".join(
            f"\n      {d}: " + ("; ".join(v) if v else "no matching fact") for d, v in r["docs"].items())))
    section("command misses", rep.command_misses, lambda r: (
        f"  {r['query']}  want {r['want']}" + "".join(f"\n      got {x}" for x in r["got"])))
    section("lookup misses", rep.lookup_misses, lambda r: (
        f"  {r['query']}  want {r['want']}" + "".join(f"\n      got {x}" for x in r["got"])))
    if docs_dates:
        wrong = [r for r in rep.doc_dates if not r["ok"]]
        print(f"\ndocument dates ({len(rep.doc_dates) - len(wrong)}/{len(rep.doc_dates)} right)")
        for r in rep.doc_dates:
            mark = "ok   " if r["ok"] else "WRONG"
            print(f"  {mark} {r['doc']:<58} gold {r['gold']:<10} got {r['got'] or '-':<10}"
                  f" {r['precision'] or '':<5} {r['note'] or ''}")


# --------------------------------------------------------------------------- main


def _find_gold(set_dir: Path) -> Path:
    for name in ("gold.yaml", "seed_facts.yaml"):
        if (set_dir / name).exists():
            return set_dir / name
    raise SystemExit(f"no gold.yaml in {set_dir}: pass --gold FILE")


def evaluate(set_dir: Path, gold_path: Path, docs_dir: Path, workdir: Path) -> Report:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    sources = set_dir / "sources.yaml"
    types = {}
    if sources.exists():
        types = {k: v.get("type", "?") for k, v in
                 (yaml.safe_load(sources.read_text(encoding="utf-8")).get("files") or {}).items()}
    else:
        types = {name: "seed" for name in gold["docs"]}
    cli = Cli(workdir / "eval.db")
    summary = cli.run("load", "--seeds", str(docs_dir), "--quiet")
    if summary is None:
        raise SystemExit(f"allybot load of {docs_dir} printed nothing")
    facts = cli.run("facts") or []
    docs = cli.run("docs") or []
    rep = Report()
    rep.skipped = summary.get("skipped") or []
    score_facts(gold, facts, types, rep)
    score_doc_dates(gold, docs, types, rep)
    queries = set_dir / "queries.yaml"
    if queries.exists():
        score_queries(yaml.safe_load(queries.read_text(encoding="utf-8")), cli, rep)
    return rep


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path,
                        help="folder with docs/ (or the documents), gold.yaml, queries.yaml, sources.yaml"
                             f" (default: {DEFAULT_SET})")
    parser.add_argument("--gold", type=Path, help="gold file (default: the set's gold.yaml); the"
                        " set's queries.yaml and sources.yaml are read from beside it")
    parser.add_argument("--seeds", action="store_true",
                        help="the seeds against their reference facts (seed_facts.yaml, seeds/)")
    parser.add_argument("--docs", type=Path, help="documents folder (default: the set's docs/, else the set)")
    parser.add_argument("--json", action="store_true", help="print the figures and every miss as JSON")
    parser.add_argument("--docs-dates", action="store_true", help="list every document's date against gold")
    args = parser.parse_args(argv)
    if args.seeds:
        shared = DEFAULT_SET.parent / "seed_facts.yaml"
        args.gold = args.gold or (shared if shared.exists() else ROOT / "tests/data/seed_facts.yaml")
        args.docs = args.docs or ROOT / "seeds"
    if args.set is None:
        args.set = args.gold.parent if args.gold else DEFAULT_SET
    set_dir = args.set.resolve()
    gold_path = args.gold or _find_gold(set_dir)
    set_dir = gold_path.resolve().parent
    docs_dir = args.docs or (set_dir / "docs" if (set_dir / "docs").is_dir() else set_dir)
    with tempfile.TemporaryDirectory(prefix="allybot-eval-") as tmp:
        rep = evaluate(set_dir, gold_path, docs_dir, Path(tmp))
    if args.json:
        json.dump(rep.__dict__, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        print_report(rep, set_dir, args.docs_dates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
