"""python -m ui [--host 127.0.0.1] [--port 7860] [--workspace DIR] [--nli-model PATH_OR_ID] [--embedder ID]"""

from __future__ import annotations

import argparse
import sys


def main(argv=None) -> None:
    from checker import Checker, CrosscheckError, load_embedder, load_nli, settings

    parser = argparse.ArgumentParser(prog="python -m ui", description="Crosscheck's web UI.")
    parser.add_argument("--host", default=settings.DEFAULT_HOST, help=f"Interface to bind (default {settings.DEFAULT_HOST}).")
    parser.add_argument("--port", type=int, default=settings.default_port(),
                        help=f"Port (default ${settings.PORT_ENV} or {settings.DEFAULT_PORT}).")
    parser.add_argument("--workspace", default=None, help=f"Workspace directory (default: ${settings.WORKSPACE_ENV}).")
    parser.add_argument("--nli-model", default=None, help="NLI model folder or hub id (default: bundled).")
    parser.add_argument("--embedder", default=None, help="Embedder id or folder (default: the workspace's).")
    args = parser.parse_args(argv)
    settings.quiet_libraries()
    settings.apply_thread_policy()

    from ui.app import CheckerPool, build_app

    workspace = settings.resolve_workspace(args.workspace)
    try:
        nli = load_nli(args.nli_model)
        given = load_embedder(args.embedder) if args.embedder else None
        with Checker.open(workspace, nli=nli, embedder=given, create=True) as checker:
            embedder = checker.workspace.embedder  # the workspace's own embedder (or the one given, checked against it)
        pool = CheckerPool(workspace, nli, embedder)
    except CrosscheckError as e:
        sys.exit(f"Error: {e}")
    app = build_app(pool)
    auth = settings.ui_auth()
    warning = settings.exposure_warning(args.host, auth)
    if warning:
        print(warning, file=sys.stderr)
    print(f"Crosscheck on http://{args.host}:{args.port} (workspace {workspace})", file=sys.stderr)
    # show_error=False: a user's error is a gr.Error and is shown all the same; a bug's details stay in the log.
    app.launch(server_name=args.host, server_port=args.port, max_file_size=f"{settings.MAX_FILE_MB}mb", show_error=False,
               auth=auth)


if __name__ == "__main__":
    main()
