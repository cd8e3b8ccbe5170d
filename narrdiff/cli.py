"""The `narrdiff` command.

    narrdiff [FILE|URL …] [--samples]     open the app
    narrdiff compare FILE|URL FILE|URL […] compare headlessly; --format text|json|html|csv|pdf

Files and http(s) addresses mix freely; an address is fetched (core.ingest.web) and read like a
file of its kind. Exit codes (DESIGN.md): 0 done; 2 bad usage; 3 an input could not be read
(each such input gets one line on stderr naming it and why; the rest are still compared when at
least two remain), or the output could not be written (one line naming it and why; nothing
half-written is left). Every file is written through `core.output`; control characters in
names, messages and the text report are escaped so that an article cannot drive the terminal.
This module parses arguments and prints; it must not import Qt or the model at import time (Qt
is imported only to write a PDF).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from narrdiff.core.limits import MAX_ARTICLES
from narrdiff.core.output import OutputError, check_target, printable, write_text

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3

FORMATS = ("text", "json", "html", "csv", "pdf")


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
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE_OR_URL",
        help="article: .txt, .md, .html, .pdf, .docx, .eml, .mht or .rtf, or an http(s) address "
        "of a web page, PDF or text (fetched once, with a 30 s timeout)",
    )
    parser.add_argument("--samples", action="store_true", help="add the bundled sample articles")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json, html (one self-contained page), csv (coverage table; with "
        "-o also OUT-links.csv), pdf (needs -o)",
    )
    parser.add_argument(
        "--worksheet",
        action="store_true",
        help="with --format html or pdf: write a classroom worksheet with an answer key",
    )
    parser.add_argument(
        "--blind", action="store_true", help="with --worksheet: call the outlets Outlet A, B …"
    )
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
    parser = _compare_parser()
    args = parser.parse_args(argv)
    if problem := _format_problem(args):
        parser.print_usage(sys.stderr)
        print(f"narrdiff compare: {problem}", file=sys.stderr)
        return EXIT_USAGE
    paths = [*args.files, *(_sample_paths() if args.samples else [])]
    if not paths:
        _compare_parser().print_usage(sys.stderr)
        print(
            "narrdiff compare: give two or more article files or web addresses (or --samples)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if problem := _output_problem(args):
        print(f"narrdiff: cannot write {printable(problem)}", file=sys.stderr)
        return EXIT_INPUT
    documents, failed = _read_all(paths)
    if len(documents) > MAX_ARTICLES:
        print(
            f"narrdiff: {len(documents)} articles given; narrdiff compares up to {MAX_ARTICLES} "
            "at once",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if len(documents) < 2:
        print(
            f"narrdiff: need at least two readable articles, got {len(documents)}", file=sys.stderr
        )
        return EXIT_INPUT
    from narrdiff.core.link import align
    from narrdiff.core.pipeline import compare, make_encoder

    comparison = compare(
        documents,
        options=align.AlignOptions.from_strictness(args.strictness),
        encoder=make_encoder(args.model, cache=not args.no_cache),
        progress=_progress_printer(),
        sentences_per_line=args.sentences_per_line,
    )
    for warning in comparison.warnings:
        print(f"narrdiff: warning: {printable(warning)}", file=sys.stderr)
    try:
        _emit(comparison, args)
    except OutputError as exc:
        print(f"narrdiff: cannot write {printable(str(exc))}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_INPUT if failed else EXIT_OK


def _output_problem(args) -> str | None:
    """Why -o (and, for csv, the links file beside it) cannot be written, checked up front."""
    if not args.output:
        return None
    targets = [args.output]
    if args.format == "csv":
        from narrdiff.core.report.csv_report import links_path

        targets.append(str(links_path(args.output)))
    for target in targets:
        try:
            check_target(target)
        except OutputError as exc:
            return str(exc)
    return None


def _format_problem(args) -> str | None:
    """Why --format and its companions do not fit together (checked before the slow part)."""
    if args.format == "pdf" and not args.output:
        return "--format pdf needs -o OUT.pdf"
    if args.worksheet and args.format not in ("html", "pdf"):
        return "--worksheet works with --format html or pdf"
    if args.blind and not args.worksheet:
        return "--blind works with --worksheet"
    return None


def _emit(comparison, args) -> None:
    """Write the comparison in the chosen format to -o, or to stdout (not pdf)."""
    if args.format == "pdf":
        from narrdiff.app.files.pdf import write_pdf

        write_pdf(_html(comparison, args, for_qt=True), args.output)
    elif args.format == "csv" and args.output:
        from narrdiff.core.report.csv_report import write_csv

        write_csv(comparison, args.output)
    else:
        _write(_render(comparison, args), args.output)


def _render(comparison, args) -> str:
    from narrdiff.core.report import json_report as report
    from narrdiff.core.report import text_report

    if args.format == "json":
        return report.to_json(comparison) + "\n"
    if args.format == "html":
        return _html(comparison, args, for_qt=False)
    if args.format == "csv":
        from narrdiff.core.report.csv_report import coverage_csv

        return coverage_csv(comparison)
    # An article's text may hold terminal escapes: shown, never obeyed.
    return printable(text_report.to_text(comparison), keep_newlines=True)


def _html(comparison, args, *, for_qt: bool) -> str:
    if args.worksheet:
        from narrdiff.core.report.worksheet import worksheet_html

        return worksheet_html(comparison, blind=args.blind, for_qt=for_qt)
    from narrdiff.core.report.html_report import comparison_html

    return comparison_html(comparison, for_qt=for_qt)


def _read_all(paths):
    """Documents that could be read (files, and addresses fetched), and whether any could not
    (each reported on stderr)."""
    from narrdiff.core.ingest.read import IngestError, read_document
    from narrdiff.core.ingest.web import looks_like_address, read_web_document

    documents, failed = [], False
    for path in paths:
        try:
            if looks_like_address(path):
                documents.append(read_web_document(path, progress=_progress_printer()))
            else:
                documents.append(read_document(path))
        except IngestError as exc:
            print(f"narrdiff: {printable(str(exc))}", file=sys.stderr)
            failed = True
    return documents, failed


def _sample_paths() -> list[str]:
    from narrdiff.samples import sample_paths

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
        write_text(output, text)
        return
    if (sys.stdout.encoding or "").lower().replace("-", "") not in ("utf8", "utf16"):
        sys.stdout.reconfigure(errors="replace")
    sys.stdout.write(text)


def run_open(argv: Sequence[str]) -> int:
    """Open the desktop app (its own options: see narrdiff.app.main)."""
    from narrdiff.app.main import run_app

    return run_app(argv, text_fallback=run_compare)
