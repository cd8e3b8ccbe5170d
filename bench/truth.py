# ruff: noqa: E501  (long f-strings of the printed report read better on one line)
"""Replay narrdiff on the judged stories and say how much of what it states is true.

Judgements live in bench/judged/<story>.json (format: bench/judged/README.md) and are keyed by
CONTENT (article file stem + sentence text, finding kind + sentence texts + focus words), never by
indices or messages, so they survive changes to narrdiff's code. For every judged story this
script runs `python -m narrdiff compare FILES --format json` (the interpreter running it, so any
checkout works), matches every statement in the report to the judgements and prints:

  * precision of each finding kind and overall (correct / judged; also correct-or-trivial),
  * "only here" precision (an add is true when its sentence is judged is_fact and also_in == []),
  * precision of links labelled "same" and "related", read as "the two sentences report the same
    fact" (for "related" also "same or related" where a label says so),
  * "omits" precision (a group omitted by article X is wrong when a judged member says X has it),
  * link recall against the judged same-fact pairs ("obvious same-fact pairs left unlinked"),
  * how many statements of each category are UNJUDGED.

Only what narrdiff STATES counts: a finding with "shown": false, or an add that carries a non-empty
"possibly_also_in", is not a claim; those are counted separately as hidden.

  .venv/bin/python bench/truth.py                       # dev stories + samples
  .venv/bin/python bench/truth.py --stories heldout     # only after tuning is over
  .venv/bin/python bench/truth.py --dump-unjudged /tmp/todo.json   # fill verdicts in, then
  .venv/bin/python bench/truth.py --merge /tmp/todo.json
  .venv/bin/python bench/truth.py --view 05-ecb         # numbered reading view for judging
  .venv/bin/python bench/truth.py --list-wrong          # every statement judged false, with reason
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
JUDGED = REPO / "bench" / "judged"
DEFAULT_ARTICLES = REPO.parent / "shared" / "bench" / "articles"
SAMPLES = "samples"

FINDING_OK = {"correct"}
FINDING_VERDICTS = {"correct", "trivial", "wrong"}
LINK_LABELS = {"same", "related", "unrelated"}


# ----------------------------------------------------------------------------- normalising


def norm(text: str | None) -> str:
    """Sentence text as a key: Unicode NFC, whitespace collapsed, ends stripped."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def norm_words(words) -> str:
    """Focus words as a key: a string or a list, lower-cased, comma-separated, sorted."""
    if words is None:
        return ""
    if isinstance(words, str):
        parts = words.split(",")
    else:
        parts = list(words)
    return ", ".join(sorted(norm(str(p)).lower() for p in parts if norm(str(p))))


def skey(article: str, text: str) -> tuple[str, str]:
    return (article, norm(text))


def pkey(a: tuple[str, str], b: tuple[str, str]) -> tuple:
    return tuple(sorted([a, b]))


# ----------------------------------------------------------------------------- judgements


def judged_files() -> list[Path]:
    return sorted(p for p in JUDGED.glob("*.json") if p.name != "split.json")


def load_split() -> dict:
    return json.loads((JUDGED / "split.json").read_text(encoding="utf-8"))


class Truth:
    """All judgements of one story, indexed by content."""

    def __init__(self, data: dict):
        self.data = data
        self.story = data["story"]
        self.articles = list(data["articles"])
        self.sent: dict[tuple, dict] = {}
        for s in data.get("sentences", []):
            for f in ("also_in", "partly_in"):  # only OTHER articles count
                if s.get(f):
                    s[f] = [e for e in s[f] if e["article"] != s["article"]]
            self.sent[skey(s["article"], s["text"])] = s
        self.links: dict[tuple, dict] = {}
        for lk in data.get("links", []):
            a = skey(lk["a"]["article"], lk["a"]["text"])
            b = skey(lk["b"]["article"], lk["b"]["text"])
            self.links[pkey(a, b)] = lk
        self.findings: dict[tuple, dict] = {}
        self.findings_loose: dict[tuple, list[dict]] = defaultdict(list)
        for f in data.get("findings", []):
            k = self.finding_key(
                f["kind"], f["article"], f["sentence"], f.get("words"), f.get("evidence", [])
            )
            self.findings[k] = f
            self.findings_loose[k[:4]].append(f)

    @staticmethod
    def finding_key(kind, article, sentence, words, evidence) -> tuple:
        ev = frozenset(skey(e["article"], e["sentence"]) for e in evidence)
        return (kind, article, norm(sentence), norm_words(words), ev)

    # --- sentences

    def sentence(self, k: tuple) -> dict | None:
        s = self.sent.get(k)
        if s is None or s.get("is_fact") is None:
            return None
        if s.get("is_fact") and s.get("also_in") is None:
            return None
        return s

    @staticmethod
    def _entry(s: dict, field: str, article: str) -> dict | None:
        for e in s.get(field) or []:
            if e["article"] == article:
                return e
        return None

    def _lists(self, s: dict, field: str, other: tuple) -> bool | None:
        """True: s names `other` in `field`; False: s's article list says no; None: can't tell."""
        e = self._entry(s, field, other[0])
        if e is None:
            return False
        texts = [norm(t) for t in e.get("texts") or []]
        if not texts:
            return None  # reported there, but not in one sentence that was named
        return other[1] in texts

    def pair_label(self, a: tuple, b: tuple) -> tuple[str | None, str]:
        """Judged relation of two sentences: same / related / unrelated / not_same / None.

        An explicit link judgement wins; else the sentence judgements: either side naming the
        other in also_in gives "same", in partly_in "related"; a judged side whose lists leave the
        other out gives "not_same" (related or unrelated, unknown which)."""
        lk = self.links.get(pkey(a, b))
        if lk is not None and lk.get("label") in LINK_LABELS:
            return lk["label"], lk.get("reason", "")
        sa, sb = self.sentence(a), self.sentence(b)
        judged = [(s, o) for s, o in ((sa, b), (sb, a)) if s is not None]
        if not judged:
            return None, ""
        for s, _o in judged:
            if not s.get("is_fact", True):
                return "unrelated", "furniture: " + s.get("reason", "")
        for s, o in judged:
            if self._lists(s, "also_in", o):
                return "same", s.get("reason", "")
        for s, o in judged:
            if self._lists(s, "partly_in", o):
                return "related", s.get("reason", "")
        # Negative only when some judged side is definite about the other sentence.
        for s, o in judged:
            if self._lists(s, "also_in", o) is False and self._lists(s, "partly_in", o) is not None:
                return "not_same", s.get("reason", "")
        return None, ""

    def gold_same_pairs(self) -> set[tuple]:
        pairs = set()
        for k, s in self.sent.items():
            if not s.get("is_fact"):
                continue
            for e in s.get("also_in") or []:
                for t in e.get("texts") or []:
                    pairs.add(pkey(k, skey(e["article"], t)))
        for p, lk in self.links.items():
            if lk.get("label") == "same":
                pairs.add(p)
        return pairs

    # --- findings

    def finding(self, k: tuple) -> tuple[dict | None, bool]:
        f = self.findings.get(k)
        if f is not None and f.get("verdict") in FINDING_VERDICTS:
            return f, False
        loose = [
            f for f in self.findings_loose.get(k[:4], []) if f.get("verdict") in FINDING_VERDICTS
        ]
        if loose and len({f["verdict"] for f in loose}) == 1:
            return loose[0], True  # same kind, sentence and words; other evidence
        return None, False


# ----------------------------------------------------------------------------- running narrdiff


def story_folder(story: str, articles_dir: Path) -> Path:
    """Where a story's text files are: articles/<story>, or bench/.pairs/<story> for the
    two-article stories of the ECB+ pairs file (written on first use, see pair_stories.py)."""
    if not story.startswith("pair-"):
        return articles_dir / story
    import pair_stories  # bench/ is on sys.path when this script runs

    folder = pair_stories.OUT / story
    if not folder.exists():
        pair_stories.write_stories()
    return folder


def run_narrdiff(
    truth: Truth, articles_dir: Path, strictness: float | None, extra: list[str]
) -> dict:
    cmd = [sys.executable, "-m", "narrdiff", "compare"]
    if truth.story == SAMPLES:
        cmd.append("--samples")
    else:
        folder = story_folder(truth.story, articles_dir)
        for stem in truth.articles:
            cmd.append(str(folder / f"{stem}.txt"))
    cmd += ["--format", "json"]
    if strictness is not None:
        cmd += ["--strictness", str(strictness)]
    cmd += extra
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if out.returncode != 0:
        raise SystemExit(
            f"narrdiff failed on {truth.story} ({out.returncode}):\n{out.stderr[-2000:]}"
        )
    return json.loads(out.stdout)


# ----------------------------------------------------------------------------- reading a report


def _idx(x) -> int:
    return x if isinstance(x, int) else int(x.get("sentence", x.get("index")))


class Report:
    def __init__(self, rep: dict):
        self.rep = rep
        self.arts = rep["articles"]
        self.names = [a["name"] for a in self.arts]

    def key(self, ai: int, si: int) -> tuple[str, str]:
        return skey(self.names[ai], self.arts[ai]["sentences"][si]["text"])

    def ref(self, ai: int, si: int) -> dict:
        return {"article": self.names[ai], "text": norm(self.arts[ai]["sentences"][si]["text"])}

    def adds(self):
        """(article index, sentence index, stated?) for every add."""
        for ai, a in enumerate(self.arts):
            for x in a.get("adds", []):
                si = _idx(x)
                hidden = False
                if isinstance(x, dict):
                    hidden = bool(x.get("possibly_also_in")) or x.get("shown") is False
                s = a["sentences"][si]
                if s.get("possibly_also_in"):
                    hidden = True
                if "only_here" in a and si not in a["only_here"]:
                    hidden = (
                        True  # an add narrdiff does not call "only here" (articles[].only_here)
                    )
                yield ai, si, not hidden

    def links(self):
        for lk in self.rep.get("links", []):
            if lk.get("manual"):
                continue
            stated = lk.get("shown", True) is not False
            yield lk["a"][0], lk["a"][1], lk["b"][0], lk["b"][1], lk.get("strength"), stated

    def findings(self):
        for f in self.rep.get("findings", []):
            stated = f.get("shown", True) is not False and not f.get("hidden", False)
            yield f, stated

    def finding_key(self, f: dict) -> tuple:
        ev = [
            {"article": self.names[e[0]], "sentence": self.arts[e[0]]["sentences"][e[1]]["text"]}
            for e in f.get("evidence", [])
        ]
        ai, si = f["article"], f["sentence"]
        return Truth.finding_key(
            f["kind"], self.names[ai], self.arts[ai]["sentences"][si]["text"], f.get("text"), ev
        )

    def finding_record(self, f: dict) -> dict:
        ai, si = f["article"], f["sentence"]
        return {
            "kind": f["kind"],
            "article": self.names[ai],
            "sentence": norm(self.arts[ai]["sentences"][si]["text"]),
            "words": f.get("text"),
            "evidence": [
                {
                    "article": self.names[e[0]],
                    "sentence": norm(self.arts[e[0]]["sentences"][e[1]]["text"]),
                }
                for e in f.get("evidence", [])
            ],
            "message": f.get("message"),
            "verdict": None,
            "reason": "",
        }


# ----------------------------------------------------------------------------- scoring


class Tally:
    def __init__(self):
        self.c: dict[str, Counter] = defaultdict(Counter)
        self.wrong: list[str] = []
        self.changed: list[str] = []  # stated findings whose message differs from the judged one
        self.unjudged: dict[str, dict] = {}

    def add(self, cat: str, field: str, n: int = 1):
        self.c[cat][field] += n


def score_story(truth: Truth, rep: Report, t: Tally, dump: dict | None):
    story = truth.story
    todo = (
        dump.setdefault(
            story,
            {"story": story, "articles": rep.names, "sentences": [], "links": [], "findings": []},
        )
        if dump is not None
        else None
    )
    seen_sent: set = set()

    def want_sentence(ai, si, why):
        k = rep.key(ai, si)
        if todo is None or k in seen_sent or truth.sentence(k) is not None:
            return
        seen_sent.add(k)
        todo["sentences"].append(
            {
                **rep.ref(ai, si),
                "role": rep.arts[ai]["sentences"][si].get("role"),
                "is_fact": None,
                "also_in": None,
                "partly_in": [],
                "reason": "",
                "why_asked": why,
            }
        )

    # --- only here
    for ai, si, stated in rep.adds():
        k = rep.key(ai, si)
        cat = "only_here" if stated else "only_here_hidden"
        s = truth.sentence(k)
        t.add(cat, "stated")
        if s is None:
            t.add(cat, "unjudged")
            want_sentence(ai, si, "add")
            continue
        ok = bool(s.get("is_fact")) and not s.get("also_in")
        t.add(cat, "judged")
        t.add(cat, "true" if ok else "false")
        if not s.get("is_fact"):
            t.add(cat, "false_not_a_fact")
        if not ok and stated:
            where = ", ".join(e["article"] for e in s.get("also_in") or []) or "not a fact"
            t.wrong.append(
                f"[only here] {story} {k[0]}: {k[1][:110]!r} -> also in {where}: {s.get('reason', '')}"
            )

    # --- links
    linked: dict[tuple, str] = {}
    for a0, a1, b0, b1, strength, stated in rep.links():
        ka, kb = rep.key(a0, a1), rep.key(b0, b1)
        linked[pkey(ka, kb)] = strength if stated else "hidden"
        cat = f"link_{strength}" if stated else f"link_{strength}_hidden"
        t.add(cat, "stated")
        label, reason = truth.pair_label(ka, kb)
        if label is None:
            t.add(cat, "unjudged")
            if todo is not None:
                todo["links"].append(
                    {
                        "a": rep.ref(a0, a1),
                        "b": rep.ref(b0, b1),
                        "strength": strength,
                        "label": None,
                        "reason": "",
                    }
                )
            continue
        t.add(cat, "judged")
        t.add(cat, "same" if label == "same" else "not_same")
        if label in ("related", "unrelated"):
            t.add(cat, "label_" + label)
        if label != "same" and stated and strength == "same":
            t.wrong.append(
                f"[link same] {story} {ka[0]}: {ka[1][:70]!r} ~ {kb[0]}: {kb[1][:70]!r} judged {label}: {reason}"
            )

    # --- link recall against the judged same-fact pairs
    present = {
        rep.key(ai, si)
        for ai in range(len(rep.arts))
        for si in range(len(rep.arts[ai]["sentences"]))
    }
    for p in truth.gold_same_pairs():
        if p[0] not in present or p[1] not in present:
            t.add("recall", "gold_not_in_output")
            continue
        t.add("recall", "gold")
        st = linked.get(p)
        if st in ("same", "related"):
            t.add("recall", "linked")
            t.add("recall", f"linked_{st}")
        else:
            t.add("recall", "missed")
            t.wrong.append(
                f"[unlinked] {story} {p[0][0]}: {p[0][1][:70]!r} ~ {p[1][0]}: {p[1][1][:70]!r}"
            )

    # --- omits: a group omitted by article X is wrong when a judged member says X reports it
    groups = rep.rep.get("groups", [])
    for ai, a in enumerate(rep.arts):
        for gi in a.get("omits", []):
            gi = _idx(gi)
            members = [rep.key(m[0], m[1]) for m in groups[gi]["members"]]
            t.add("omits", "stated")
            verdicts = []
            for m in members:
                s = truth.sentence(m)
                if s is None:
                    continue
                if not s.get("is_fact"):
                    verdicts.append("furniture")
                    continue
                e = Truth._entry(s, "also_in", rep.names[ai])
                verdicts.append("has" if e is not None else "lacks")
            if not verdicts:
                t.add("omits", "unjudged")
                for m in groups[gi]["members"]:
                    want_sentence(m[0], m[1], f"omitted by {rep.names[ai]}")
                continue
            t.add("omits", "judged")
            if "has" in verdicts:
                t.add("omits", "false")
                t.wrong.append(
                    f"[omits] {story} {rep.names[ai]} said to omit {members[0][0]}: {members[0][1][:90]!r}, judged to report it"
                )
            elif "lacks" in verdicts:
                t.add("omits", "true")
            else:
                t.add("omits", "false")
                t.add("omits", "false_not_a_fact")

    # --- findings
    for f, stated in rep.findings():
        k = rep.finding_key(f)
        kind = f["kind"]
        cat = f"finding:{kind}" if stated else f"finding_hidden:{kind}"
        t.add(cat, "stated")
        j, loose = truth.finding(k)
        if j is None:
            t.add(cat, "unjudged")
            if todo is not None:
                todo["findings"].append(rep.finding_record(f))
            continue
        t.add(cat, "judged")
        t.add(cat, j["verdict"])
        if loose:
            t.add(cat, "loose_match")
        if stated and j.get("message") and norm(j["message"]) != norm(f.get("message", "")):
            # the verdict may rest on words the message no longer says (a speaker, a counterpart)
            t.add(cat, "message_changed")
            t.changed.append(
                f"[{kind} {j['verdict']}] {story} now: {f.get('message', '')}\n"
                f"      judged: {j['message'][:200]} :: {j.get('reason', '')}"
            )
        if j["verdict"] != "correct" and stated:
            t.wrong.append(
                f"[{kind} {j['verdict']}] {story} {f.get('message', '')[:150]} :: {j.get('reason', '')}"
            )


def pct(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "    – "


def report(t: Tally, title: str):
    print(f"\n== {title}")
    c = t.c
    kinds = sorted(k for k in c if k.startswith("finding:"))
    tot = Counter()
    for k in kinds:
        tot.update(c[k])
    print(
        f"{'findings (stated)':34} {'stated':>6} {'judged':>6} {'correct':>7} {'trivial':>7} {'wrong':>6} {'P':>7} {'P(c+t)':>7} {'unjudged':>8}"
    )
    for name, x in [(k.split(":", 1)[1], c[k]) for k in kinds] + [("ALL", tot)]:
        print(
            f"  {name:32} {x['stated']:6} {x['judged']:6} {x['correct']:7} {x['trivial']:7} {x['wrong']:6} "
            f"{pct(x['correct'], x['judged']):>7} {pct(x['correct'] + x['trivial'], x['judged']):>7} {x['unjudged']:8}"
        )
    hidden = [k for k in c if k.startswith("finding_hidden:")]
    if hidden:
        h = Counter()
        for k in hidden:
            h.update(c[k])
        print(
            f"  hidden findings (not stated): {h['stated']}, judged {h['judged']}, correct {h['correct']}, "
            f"trivial {h['trivial']}, wrong {h['wrong']}"
        )
        # what framing/policy.py's JUDGED table holds: every finding of a kind, stated or not
        every = sorted({k.split(":", 1)[1] for k in kinds + hidden})
        rows = [
            f"{k} {c['finding:' + k]['correct'] + c['finding_hidden:' + k]['correct']}"
            f"/{c['finding:' + k]['judged'] + c['finding_hidden:' + k]['judged']}"
            for k in every
        ]
        print("  per kind, stated or not (correct/judged): " + ", ".join(rows))
    print()
    for cat, label in [
        ("only_here", '"only here" (stated adds)'),
        ("only_here_hidden", '"only here" hidden (possibly also in)'),
    ]:
        x = c.get(cat)
        if not x:
            continue
        print(
            f"  {label:40} stated {x['stated']:4}  judged {x['judged']:4}  true {x['true']:4}  "
            f"P {pct(x['true'], x['judged'])}  (false because not a fact: {x['false_not_a_fact']})  unjudged {x['unjudged']}"
        )
    x = c.get("omits")
    if x:
        print(
            f"  {'omits (group omitted by an article)':40} stated {x['stated']:4}  judged {x['judged']:4}  true {x['true']:4}  "
            f"P {pct(x['true'], x['judged'])}  unjudged {x['unjudged']}"
        )
    print()
    for cat in ("link_same", "link_related", "link_same_hidden", "link_related_hidden"):
        x = c.get(cat)
        if not x:
            continue
        extra = ""
        if x["label_related"] or x["label_unrelated"]:
            extra = f"  (explicitly related {x['label_related']}, unrelated {x['label_unrelated']})"
        print(
            f"  {cat:22} stated {x['stated']:4}  judged {x['judged']:4}  same fact {x['same']:4}  "
            f"P(same fact) {pct(x['same'], x['judged'])}  unjudged {x['unjudged']}{extra}"
        )
    x = c.get("recall")
    if x:
        print(
            f"\n  link recall vs judged same-fact pairs: {x['linked']}/{x['gold']} = {pct(x['linked'], x['gold'])} "
            f"(as same {x['linked_same']}, as related {x['linked_related']}; left unlinked {x['missed']}; "
            f"gold pairs whose sentence text is not in the output {x['gold_not_in_output']})"
        )
    unj = {k: v["unjudged"] for k, v in c.items() if v.get("unjudged")}
    print(
        f"\n  UNJUDGED statements: {sum(unj.values())}  "
        + ", ".join(f"{k} {v}" for k, v in sorted(unj.items()))
    )


# ----------------------------------------------------------------------------- view / merge


def view(rep: Report, truth: Truth | None):
    """Numbered reading view of one report, for judging."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    adds = {(ai, si): st for ai, si, st in rep.adds()}
    lk = defaultdict(list)
    for a0, a1, b0, b1, strength, _stated in rep.links():
        lk[(a0, a1)].append(f"{'=' if strength == 'same' else '~'}{letters[b0]}{b1}")
        lk[(b0, b1)].append(f"{'=' if strength == 'same' else '~'}{letters[a0]}{a1}")
    for ai, a in enumerate(rep.arts):
        print(
            f"\n#### {letters[ai]} = {a['name']}  (outlet {a.get('outlet')}; omits groups {a.get('omits')})"
        )
        for si, s in enumerate(a["sentences"]):
            mark = "ADD" if adds.get((ai, si)) else ("add?" if (ai, si) in adds else "   ")
            j = ""
            if truth is not None and truth.sentence(rep.key(ai, si)) is not None:
                j = " [J]"
            print(
                f"{letters[ai]}{si:<3} {s.get('role', '')[:4]:4} {mark} {' '.join(lk.get((ai, si), [])):14} {s['text']}{j}"
            )
    print("\n#### findings")
    for i, (f, stated) in enumerate(rep.findings()):
        ev = " ".join(f"{letters[e[0]]}{e[1]}" for e in f.get("evidence", []))
        print(
            f"F{i} {f['kind']} {letters[f['article']]}{f['sentence']} [{f.get('text')}] ev {ev}{'' if stated else ' (hidden)'}\n    {f.get('message')}"
        )


def check(truths: list[Truth]) -> int:
    """Consistency of the sentence judgements: one side names the other as the same fact while the
    other side, judged too, leaves it out of both its lists. Not always an error (a sentence that
    contains another's fact and more), so it is printed for a reader to look at."""
    n = 0
    for t in truths:
        for k, s in t.sent.items():
            if not s.get("is_fact"):
                continue
            for e in s.get("also_in") or []:
                for text in e.get("texts") or []:
                    o = t.sentence(skey(e["article"], text))
                    if o is None:
                        continue
                    if t._lists(o, "also_in", k) is False and not t._lists(o, "partly_in", k):
                        n += 1
                        print(
                            f"{t.story}: {k[0]}: {k[1][:60]!r} names {e['article']}: {text[:60]!r}, which does not name it back"
                        )
    print(f"{n} one-sided same-fact judgements")
    return 0


def merge(path: Path):
    todo = json.loads(path.read_text(encoding="utf-8"))
    stories = todo.values() if isinstance(todo, dict) and "story" not in todo else [todo]
    for st in stories:
        target = JUDGED / f"{st['story']}.json"
        data = (
            json.loads(target.read_text(encoding="utf-8"))
            if target.exists()
            else {
                "story": st["story"],
                "articles": st["articles"],
                "sentences": [],
                "links": [],
                "findings": [],
            }
        )
        n = 0
        idx = {skey(s["article"], s["text"]): i for i, s in enumerate(data["sentences"])}
        for s in st.get("sentences", []):
            if s.get("is_fact") is None or (s.get("is_fact") and s.get("also_in") is None):
                continue
            s = {k: v for k, v in s.items() if k not in ("why_asked", "role")}
            k = skey(s["article"], s["text"])
            if k in idx:
                data["sentences"][idx[k]] = s
            else:
                data["sentences"].append(s)
            n += 1
        lidx = {
            pkey(
                skey(x["a"]["article"], x["a"]["text"]), skey(x["b"]["article"], x["b"]["text"])
            ): i
            for i, x in enumerate(data["links"])
        }
        for x in st.get("links", []):
            if x.get("label") not in LINK_LABELS:
                continue
            x = {k: v for k, v in x.items() if k != "strength"}
            k = pkey(
                skey(x["a"]["article"], x["a"]["text"]), skey(x["b"]["article"], x["b"]["text"])
            )
            if k in lidx:
                data["links"][lidx[k]] = x
            else:
                data["links"].append(x)
            n += 1
        fidx = {
            Truth.finding_key(
                f["kind"], f["article"], f["sentence"], f.get("words"), f.get("evidence", [])
            ): i
            for i, f in enumerate(data["findings"])
        }
        for f in st.get("findings", []):
            if f.get("verdict") not in FINDING_VERDICTS:
                continue
            k = Truth.finding_key(
                f["kind"], f["article"], f["sentence"], f.get("words"), f.get("evidence", [])
            )
            if k in fidx:
                data["findings"][fidx[k]] = f
            else:
                data["findings"].append(f)
            n += 1
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{target.name}: merged {n} judgements")


# ----------------------------------------------------------------------------- main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--stories",
        default="dev",
        help="dev (with the samples) | heldout | fresh (pair-* stories) | all | a comma list of stories",
    )
    ap.add_argument("--strictness", type=float, default=None)
    ap.add_argument(
        "--articles", type=Path, default=DEFAULT_ARTICLES, help="folder of the story folders"
    )
    ap.add_argument(
        "--narrdiff-arg",
        action="append",
        default=[],
        help="extra argument passed to narrdiff compare",
    )
    ap.add_argument(
        "--dump-unjudged", type=Path, help="write unjudged statements here, verdicts null"
    )
    ap.add_argument("--merge", type=Path, help="merge filled-in judgements from this file and exit")
    ap.add_argument("--view", help="print a numbered reading view of one story and exit")
    ap.add_argument(
        "--list-wrong", action="store_true", help="list every stated statement judged false"
    )
    ap.add_argument("--per-story", action="store_true", help="also print the figures of each story")
    ap.add_argument(
        "--check", action="store_true", help="list one-sided same-fact judgements and exit"
    )
    args = ap.parse_args(argv)

    if args.merge:
        merge(args.merge)
        return 0
    split = load_split()
    if args.view:
        p = JUDGED / f"{args.view}.json"
        truth = Truth(json.loads(p.read_text(encoding="utf-8"))) if p.exists() else None
        if truth is None:
            if args.view == SAMPLES:
                arts = []
            else:
                folder = story_folder(args.view, args.articles)
                arts = sorted(x.stem for x in folder.glob("*.txt"))
            truth = Truth({"story": args.view, "articles": arts})
            shell = None
        else:
            shell = truth
        rep_json = run_narrdiff(truth, args.articles, args.strictness, args.narrdiff_arg)
        # judged/author.py resolves A3-style references against this very report
        Path(f"/tmp/narrdiff-judge-{args.view}.json").write_text(
            json.dumps(rep_json), encoding="utf-8"
        )
        view(Report(rep_json), shell)
        return 0

    if args.stories == "dev":
        wanted = set(split["dev"]) | {SAMPLES}
    elif args.stories == "heldout":
        wanted = set(split["heldout"])
    elif args.stories == "fresh":
        wanted = set(split["fresh"])
    elif args.stories == "all":
        wanted = set(split["dev"]) | set(split["heldout"]) | {SAMPLES}
    else:
        wanted = set(args.stories.split(","))
    truths = [Truth(json.loads(p.read_text(encoding="utf-8"))) for p in judged_files()]
    truths = [t for t in truths if t.story in wanted]
    if args.check:
        return check(truths)
    if not truths:
        print("no judged stories for", args.stories)
        return 1
    total = Tally()
    dump: dict | None = {} if args.dump_unjudged else None
    for truth in truths:
        rep = Report(run_narrdiff(truth, args.articles, args.strictness, args.narrdiff_arg))
        one = Tally()
        score_story(truth, rep, one, dump)
        for cat, cnt in one.c.items():
            total.c[cat].update(cnt)
        total.wrong += one.wrong
        total.changed += one.changed
        if args.per_story:
            report(one, truth.story)
        print(
            f"{truth.story}: {len(truth.sent)} sentences, {len(truth.links)} links, {len(truth.findings)} findings judged",
            file=sys.stderr,
        )
    strict = rep.rep.get("strictness")
    report(
        total,
        f"{args.stories} stories ({', '.join(t.story for t in truths)}), strictness {strict}, encoder {rep.rep.get('encoder')}",
    )
    if args.list_wrong:
        print("\n== stated statements judged false (or gold pairs left unlinked)")
        for w in total.wrong:
            print(" ", w)
    if total.changed:
        print(
            f"\n== {len(total.changed)} stated findings whose message changed since judged (re-judge)"
        )
        for w in total.changed:
            print(" ", w)
    if dump is not None:
        args.dump_unjudged.write_text(
            json.dumps(dump, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"\nunjudged statements written to {args.dump_unjudged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
