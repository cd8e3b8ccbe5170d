# ruff: noqa: E501
"""Write judgements quickly from a terse spec, against the numbering of `truth.py --view STORY`.

The spec refers to sentences as letter+index of the CURRENT report (A3 = third sentence of the
first article); this script resolves them to file stem + sentence text, so the stored judgements
are content-keyed and survive code changes. Lines (everything after `|` is the one-line reason):

  S A3 only | ...                 sentence A3 is a fact no other article reports (also_in [])
  S A3 also B2 B5 C? | ...        reported by B (in B2, B5) and by C (not in one sentence: C?)
  S A3 also B2 ; partly C4 | ...  also partly_in (overlapping, not the same fact)
  S A3 only ; partly C4 | ...
  S A0 nofact | ...               furniture: dateline, byline, promo, "Posted 2 hours ago"
  L A3 B9 same|related|unrelated | ...   an explicit link judgement (any pair)
  F2 correct|trivial|wrong | ...  finding number F2 of the current report

  .venv/bin/python bench/judged/author.py STORY SPECFILE     (merges into bench/judged/STORY.json)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import truth as T  # noqa: E402

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def main(story: str, spec: Path, cache: Path | None = None) -> int:
    p = T.JUDGED / f"{story}.json"
    if p.exists():
        data = json.loads(p.read_text(encoding="utf-8"))
    else:
        arts = (
            []
            if story == T.SAMPLES
            else sorted(x.stem for x in T.story_folder(story, T.DEFAULT_ARTICLES).glob("*.txt"))
        )
        data = {"story": story, "articles": arts, "sentences": [], "links": [], "findings": []}
    truth = T.Truth(data)
    cache = cache or Path(f"/tmp/narrdiff-judge-{story}.json")
    if cache.exists():
        rep_json = json.loads(cache.read_text(encoding="utf-8"))
    else:
        rep_json = T.run_narrdiff(truth, T.DEFAULT_ARTICLES, None, [])
        cache.write_text(json.dumps(rep_json), encoding="utf-8")
    rep = T.Report(rep_json)
    if story == T.SAMPLES and not data["articles"]:
        data["articles"] = rep.names
    findings = [f for f, _ in rep.findings()]

    def ref(tok: str) -> tuple[str, str | None]:
        m = re.fullmatch(r"([A-Z])(\d+|\?)", tok)
        if not m:
            raise SystemExit(f"bad sentence reference {tok!r}")
        ai = LETTERS.index(m.group(1))
        if m.group(2) == "?":
            return rep.names[ai], None
        return rep.names[ai], T.norm(rep.arts[ai]["sentences"][int(m.group(2))]["text"])

    def places(toks: list[str]) -> list[dict]:
        out: dict[str, list[str]] = {}
        for tok in toks:
            art, text = ref(tok)
            out.setdefault(art, [])
            if text is not None:
                out[art].append(text)
        return [{"article": a, "texts": ts} for a, ts in out.items()]

    sents = {T.skey(s["article"], s["text"]): s for s in data["sentences"]}
    links = {
        T.pkey(
            T.skey(x["a"]["article"], x["a"]["text"]), T.skey(x["b"]["article"], x["b"]["text"])
        ): x
        for x in data["links"]
    }
    finds = {
        T.Truth.finding_key(
            f["kind"], f["article"], f["sentence"], f.get("words"), f.get("evidence", [])
        ): f
        for f in data["findings"]
    }
    n = 0
    for line in spec.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, _, reason = line.partition("|")
        reason = reason.strip()
        toks = head.split()
        if toks[0] == "S":
            art, text = ref(toks[1])
            rest = " ".join(toks[2:])
            entry = {
                "article": art,
                "text": text,
                "is_fact": True,
                "also_in": [],
                "partly_in": [],
                "reason": reason,
            }
            parts = [x.strip() for x in rest.split(";")]
            for part in parts:
                w = part.split()
                if not w:
                    continue
                if w[0] == "nofact":
                    entry.update(is_fact=False, also_in=[])
                elif w[0] == "only":
                    entry["also_in"] = []
                elif w[0] == "also":
                    entry["also_in"] = places(w[1:])
                elif w[0] == "partly":
                    entry["partly_in"] = places(w[1:])
                else:
                    raise SystemExit(f"bad S line: {line}")
            for f in ("also_in", "partly_in"):  # only OTHER articles count
                entry[f] = [e for e in entry[f] if e["article"] != art]
            sents[T.skey(art, text)] = entry
        elif toks[0] == "L":
            a, b = ref(toks[1]), ref(toks[2])
            label = toks[3]
            assert label in T.LINK_LABELS, line
            x = {
                "a": {"article": a[0], "text": a[1]},
                "b": {"article": b[0], "text": b[1]},
                "label": label,
                "reason": reason,
            }
            links[T.pkey(T.skey(*a), T.skey(*b))] = x
        elif toks[0].startswith("F"):
            f = findings[int(toks[0][1:])]
            rec = rep.finding_record(f)
            rec["verdict"] = toks[1]
            assert rec["verdict"] in T.FINDING_VERDICTS, line
            rec["reason"] = reason
            finds[
                T.Truth.finding_key(
                    rec["kind"], rec["article"], rec["sentence"], rec["words"], rec["evidence"]
                )
            ] = rec
        else:
            raise SystemExit(f"bad line: {line}")
        n += 1
    data["sentences"] = list(sents.values())
    data["links"] = list(links.values())
    data["findings"] = list(finds.values())
    p.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"{p.name}: {n} judgements written ({len(data['sentences'])} sentences, {len(data['links'])} links, "
        f"{len(data['findings'])} findings in file)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
