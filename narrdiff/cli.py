"""The `narrdiff` command.

    narrdiff [FILE …] [--samples]     open the app
    narrdiff compare FILE FILE […]    compare headlessly; --format text|json, -o OUT

Exit codes (DESIGN.md): 0 done; 2 bad usage; 3 an input could not be read (each such input gets
one line on stderr naming it and why; the rest are still compared when at least two remain).
This module parses arguments and prints; it must not import Qt or the model at import time.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["compare"]:
        return run_compare(args[1:])
    return run_open(args)


def _compare_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="narrdiff compare",
        description="Compare two or more articles on one story: what each adds, omits and "
        "words differently.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help=".txt, .md or .html article")
    parser.add_argument("--samples", action="store_true", help="add the bundled sample articles")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write the report here (default: stdout)"
    )
    parser.add_argument(
        "--model",
        metavar="NAME_OR_PATH",
        help="any sentence-transformers model name or folder (default: the bundled "
        "all-MiniLM-L6-v2)",
    )
    parser.add_argument(
        "--strictness",
        type=_strictness,
        default=0.5,
        metavar="X",
        help="0 (link generously) … 1 (only near-identical facts); default 0.5",
    )
    parser.add_argument(
        "--sentences-per-line",
        action="store_true",
        help="take each non-empty line as one sentence, as given (no roles, no re-splitting)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="do not read or write the embedding cache"
    )
    return parser


def _strictness(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {number}")
    return number


def run_compare(argv: Sequence[str]) -> int:
    args = _compare_parser().parse_args(argv)
    paths = [*args.files, *(_sample_paths() if args.samples else [])]
    if not paths:
        _compare_parser().print_usage(sys.stderr)
        print("narrdiff compare: give two or more article files (or --samples)", file=sys.stderr)
        return EXIT_USAGE
    documents, failed = _read_all(paths)
    if len(documents) < 2:
        print(
            f"narrdiff: need at least two readable articles, got {len(documents)}", file=sys.stderr
        )
        return EXIT_INPUT
    from .core import align, report
    from .core.compare import compare, make_encoder

    comparison = compare(
        documents,
        options=align.AlignOptions.from_strictness(args.strictness),
        encoder=make_encoder(args.model, cache=not args.no_cache),
        progress=_progress_printer(),
        sentences_per_line=args.sentences_per_line,
    )
    for warning in comparison.warnings:
        print(f"narrdiff: warning: {warning}", file=sys.stderr)
    text = (
        report.to_json(comparison) + "\n" if args.format == "json" else report.to_text(comparison)
    )
    _write(text, args.output)
    return EXIT_INPUT if failed else EXIT_OK


def _read_all(paths):
    """Documents that could be read, and whether any could not (each reported on stderr)."""
    from .core.ingest import IngestError, read_document

    documents, failed = [], False
    for path in paths:
        try:
            documents.append(read_document(path))
        except IngestError as exc:
            print(f"narrdiff: {exc}", file=sys.stderr)
            failed = True
    return documents, failed


def _sample_paths() -> list[str]:
    from .samples import sample_paths

    return [str(p) for p in sample_paths()]


def _progress_printer():
    """Progress on stderr when a person watches it; silence in pipes and CI logs."""
    if not sys.stderr.isatty():
        return None

    def show(fraction: float, message: str) -> None:
        end = "\n" if fraction >= 1.0 else ""
        print(f"\r\033[K{fraction:4.0%} {message}", end=end, file=sys.stderr, flush=True)

    return show


def _write(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    if (sys.stdout.encoding or "").lower().replace("-", "") not in ("utf8", "utf16"):
        sys.stdout.reconfigure(errors="replace")
    sys.stdout.write(text)


def run_open(argv: Sequence[str]) -> int:
    """Open the desktop app (its own options: see narrdiff.app.main)."""
    from .app.main import run_app

    return run_app(argv)
