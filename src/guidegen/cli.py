"""The `guidegen` command line: build, serve, check, schema, new, init and import."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from guidegen import __version__
from guidegen.errors import ConfigError, ContentError, GuidegenError, Problem, Problems
from guidegen.incremental import uptodate

if TYPE_CHECKING:
    from guidegen.commands.build import BuildReport
    from guidegen.content.site import Project


def run() -> NoReturn:
    """The `guidegen` command (and `python -m guidegen`): main(), then the process ends at once.

    A build leaves a large heap behind (every page's context, the cache); freeing it object by
    object as the interpreter shuts down took about 100 ms at 1,000 articles, a tenth of a CI
    commit's build. Each command has closed its files, worker processes and threads before
    main() returns, so only the output streams and logging are left to flush.
    """
    try:
        code = main()
    except BrokenPipeError:  # whoever read the output stopped reading (guidegen build | head -1)
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (guidegen build | head)
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    if args.verbose:  # guidegen's own account; the libraries' debug lines (Markdown, the file watcher) stay out
        logging.getLogger("guidegen").setLevel(logging.DEBUG)
    root = Path(args.root).resolve()
    out = Path(args.out) if getattr(args, "out", None) else root / "public"
    out = out if out.is_absolute() else (Path.cwd() / out)
    base_url = getattr(args, "base_url", None)
    search = False if getattr(args, "no_search", False) else None
    if args.run is _build:
        done = uptodate.check(
            root,
            out,
            strict=args.strict,
            base_url=base_url,
            shown_out=_shown(out, root),
            future=args.future,
            search=search,
        )
        if done is not None:  # nothing changed since the last build: no need to load the build machinery
            for warning in done.warnings:
                print(warning, file=sys.stderr)
            print(done.summary)
            return 0
    from guidegen.content.site import Project  # imports pydantic and the content models

    project = Project(root=root, out=out, base_url=base_url, future=getattr(args, "future", False), search=search)
    try:
        return int(args.run(args, project))
    except ContentError as exc:
        _print_problems(exc.problems)
        errors = sum(1 for p in exc.problems if p.severity == "error")
        print(f"guidegen: {errors} error{'s' if errors != 1 else ''}; nothing was written", file=sys.stderr)
        return exc.exit_code
    except GuidegenError as exc:
        print(f"guidegen: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guidegen", description="Build career-guide websites from Markdown and YAML.")
    parser.add_argument("--version", action="version", version=f"guidegen {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--root", default=".", help="project folder holding content/ and templates/ (default: .)")
        sub.add_argument("-v", "--verbose", action="store_true", help="log what guidegen does")
        return sub

    no_search_help = "build without the search page and index, whatever site.yaml's search says"
    base_url_help = "publish under this address instead of site.yaml's base_url (e.g. https://org.github.io/site/)"
    build_cmd = command("build", "build the site into the output folder")
    build_cmd.add_argument("--out", help="output folder (default: ROOT/public)")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_cmd.add_argument("--base-url", help=base_url_help)
    build_cmd.add_argument("--no-search", action="store_true", help=no_search_help)
    build_cmd.add_argument(
        "--future", action="store_true", help="also build pages whose publish_date is to come, with a banner"
    )
    build_cmd.set_defaults(run=_build)

    serve_cmd = command("serve", "build, serve on localhost and rebuild on every change")
    serve_cmd.add_argument("--out", help="output folder (default: ROOT/public)")
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve_cmd.add_argument("--no-search", action="store_true", help=no_search_help)
    serve_cmd.set_defaults(run=_serve, future=True)  # the dev server previews scheduled pages

    check_cmd = command("check", "validate content and templates without writing anything")
    check_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_cmd.add_argument(
        "--links", action="store_true", help="also check the built site's internal links and list its external ones"
    )
    check_cmd.add_argument("--out", help="the built site --links reads (default: ROOT/public)")
    check_cmd.add_argument("--base-url", help="the base URL the site was built with, if not site.yaml's")
    check_cmd.set_defaults(run=_check)

    schema_cmd = command("schema", "write JSON Schemas of the content files, for editors")
    schema_cmd.add_argument("--schemas", default=".schemas", help="folder to write into (default: ROOT/.schemas)")
    schema_cmd.set_defaults(run=_schema)

    new_cmd = command("new", "create a content file with the right front matter")
    new_cmd.add_argument("kind", choices=["guide", "career", "article"])
    new_cmd.add_argument("slug", help="lowercase-with-hyphens name; becomes the page's URL")
    new_cmd.set_defaults(run=_new)

    import_cmd = command("import", "write a content file from another publisher's data")
    sources = import_cmd.add_subparsers(required=True, metavar="SOURCE")
    oews = sources.add_parser(
        "oews",
        help="a salary table from BLS OEWS wage data",
        description="Write a salary table YAML from BLS OEWS files: the all-data spreadsheet (CSV or .xlsx) "
        "or the time-series flat files (oe.data.* with oe.area and oe.occupation).",
    )
    oews.add_argument("files", nargs="+", type=Path, metavar="FILE")
    oews.add_argument("--occupation", required=True, help="SOC code: 15-2051 or 152051")
    oews.add_argument(
        "--area", action="append", default=[], help="area code as the file spells it (repeat; default: the nation)"
    )
    oews.add_argument("--out", required=True, type=Path, help="the salary table to write, e.g. content/salaries/x.yaml")
    oews.add_argument(
        "--top-code", type=float, help="the wage at or above which BLS publishes no figure (all-data layout)"
    )
    oews.add_argument("--as-of", help="the reference month, e.g. 2025-05 (all-data layout)")
    oews.add_argument("--title", help="the table's title (default: OCCUPATION: wage percentiles, MONTH YEAR)")
    for option in (("--root",), ("-v", "--verbose")):
        oews.add_argument(*option, **({"default": "."} if option == ("--root",) else {"action": "store_true"}))  # type: ignore[arg-type]
    oews.set_defaults(run=_import_oews)

    init_help = "create a working site: starter content, a README, .gitignore and a GitHub workflow"
    init_cmd = commands.add_parser("init", help=init_help, description=init_help)
    init_cmd.add_argument("folder", nargs="?", default=".", help="where to create it (default: the current folder)")
    init_cmd.add_argument(
        "--add-missing", action="store_true", help="in a folder that is not empty, add only the files it lacks"
    )
    init_cmd.add_argument("-v", "--verbose", action="store_true", help="log what guidegen does")
    init_cmd.set_defaults(run=_init, root=".")
    return parser


def _build(args: argparse.Namespace, project: Project) -> int:
    from guidegen.commands.build import build
    from guidegen.commands.progress import Progress

    progress = Progress.for_terminal(sys.stderr)
    if progress is not None:  # a warning logged during the build starts on its own line
        clear = progress.clears_before_logging()
        for handler in logging.getLogger().handlers:
            handler.addFilter(clear)
    report = build(project, strict=args.strict, progress=progress)
    _report(report, project)
    return 0


def _check(args: argparse.Namespace, project: Project) -> int:
    from guidegen.commands.build import build

    report = build(project, strict=args.strict, write=False)
    _report(report, project)
    return _check_built_links(project, report.base_url) if args.links else 0


def _check_built_links(project: Project, base_url: str) -> int:
    from guidegen.checks.links import check_folder
    from guidegen.structure.urls import UrlScheme, output_file

    if not (project.out / "index.html").is_file():
        raise ConfigError(f"no built site in {_shown(project.out, project.root)}: run guidegen build first")
    broken, external = check_folder(project.out, UrlScheme(base_url))
    print(f"External links (listed, not fetched): {len(external)}")
    for href in external:
        print(f"  {href}")
    problems = Problems()
    for link in broken:
        file = _shown(project.out / output_file(link.page), project.root)
        problems.error(str(file), f"broken link '{link.href}': {link.reason}", hint=link.hint)
    _print_problems(problems.sorted())
    count = len(problems.errors)
    if count:
        print(f"guidegen: {count} broken link{'s' if count != 1 else ''}", file=sys.stderr)
        return ContentError.exit_code
    print(f"Links: no broken internal links in {_shown(project.out, project.root)}")
    return 0


def _schema(args: argparse.Namespace, project: Project) -> int:
    from guidegen.commands.schema import write_schemas

    folder = Path(args.schemas)
    for path in write_schemas(folder if folder.is_absolute() else project.root / folder):
        print(f"Wrote {_shown(path, project.root)}")
    return 0


def _serve(args: argparse.Namespace, project: Project) -> int:
    from guidegen.commands.serve import serve  # imports tornado; only needed here

    serve(project, host=args.host, port=args.port)
    return 0


def _new(args: argparse.Namespace, project: Project) -> int:
    from guidegen.commands.new import create

    path = create(project, args.kind, args.slug)
    print(f"Created {path.relative_to(project.root)}")
    return 0


def _import_oews(args: argparse.Namespace, project: Project) -> int:
    from guidegen.importers.oews import ImportRequest, run_import

    top_code = args.top_code
    request = ImportRequest(
        files=args.files,
        occupation=args.occupation,
        areas=args.area,
        out=args.out,
        top_code=int(top_code) if top_code is not None and top_code.is_integer() else top_code,
        as_of=args.as_of,
        title=args.title,
    )
    print(f"Imported: {run_import(request)}")
    return 0


def _init(args: argparse.Namespace, project: Project) -> int:
    from guidegen.commands.init import create_site

    folder = Path(args.folder).absolute()
    created = create_site(folder, add_missing=args.add_missing)
    shown = _shown(folder, Path.cwd())
    for name in created.written:
        print(f"Created {_shown(folder / name, Path.cwd())}")
    if created.kept:
        print(f"Kept {len(created.kept)} file{'s' if len(created.kept) != 1 else ''} already there")
    where = "" if shown == Path(".") else f"cd {shown} && "
    print(f"Next: {where}guidegen serve   (then open http://127.0.0.1:8000/)")
    return 0


def _report(report: BuildReport, project: Project) -> None:
    _print_problems(list(report.warnings))
    print(report.summary(_shown(project.out, project.root)))


def _shown(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)
