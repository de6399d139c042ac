"""python -m ui [--host 127.0.0.1] [--port 7860] [--workspace DIR] [--nli-model PATH_OR_ID] [--embedder ID]"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ui", description="Crosscheck's web UI.")
    parser.add_argument("--host", default="127.0.0.1", help="Interface to bind (default 127.0.0.1).")
    parser.add_argument("--port", type=int, default=int(os.environ.get("CROSSCHECK_PORT", 7860)))
    parser.add_argument("--workspace", default=None, help="Workspace directory (default: $CROSSCHECK_WORKSPACE).")
    parser.add_argument("--nli-model", default=None, help="NLI model folder or hub id (default: bundled).")
    parser.add_argument("--embedder", default=None, help="Embedder id or folder (default: the workspace's).")
    args = parser.parse_args(argv)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

    from checker.nli import load_nli
    from index.embed import load_embedder
    from index.errors import CrosscheckError
    from index.workspace import Workspace, default_workspace
    from ui.app import MAX_UPLOAD_MB, CheckerPool, build_app

    workspace = args.workspace or default_workspace()
    try:
        with Workspace.open(workspace) as ws:
            embedder = load_embedder(args.embedder or ws.embedder_name or None)
        pool = CheckerPool(workspace, load_nli(args.nli_model), embedder)
    except CrosscheckError as e:
        sys.exit(f"Error: {e}")
    app = build_app(pool)
    print(f"Crosscheck on http://{args.host}:{args.port} (workspace {workspace})", file=sys.stderr)
    app.launch(server_name=args.host, server_port=args.port, max_file_size=f"{MAX_UPLOAD_MB}mb", show_error=True)


if __name__ == "__main__":
    main()
