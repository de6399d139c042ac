"""`pip install` of a built wheel gives a working `crosscheck` outside the checkout, bundled models included."""

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT, has_nli_model

pytestmark = [pytest.mark.slow, pytest.mark.model,
              pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")]

DOCS = {
    "harbour.md": "---\ntitle: Harbour strike ends\nsource: Port Gazette\ndate: 2025-05-20\n---\n"
                  "Dock workers in Gdansk ended their strike on Tuesday after the port operator offered a 5 percent raise.\n",
    "volcano.md": "---\ntitle: Eruption near Grindavik\nsource: Nordic Wire\ndate: 2025-04-01\n---\n"
                  "A volcano erupted near Grindavik in Iceland on Tuesday, and the town was evacuated.\n",
}


def run(cmd, cwd, env):
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode in (0, 4), f"{cmd}\n{r.stdout}\n{r.stderr}"
    return r


def test_a_wheel_installed_in_a_fresh_venv_checks_a_claim_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    [wheel] = dist.glob("crosscheck-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    py, bin_dir = venv / "bin" / "python", venv / "bin"
    site = Path(subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # The pinned dependencies (and pip) come from the environment running the tests: torch and friends
    # take minutes to install again. A path line, not a site dir, so its editable crosscheck stays hidden.
    (site / "deps-from-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PATH=f"{bin_dir}:{env.get('PATH', '')}")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    run([py, "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], outside, env)
    assert "No broken requirements" in run([py, "-m", "pip", "check"], outside, env).stdout

    where = run([py, "-c", "import checker, index.settings as s; print(checker.__file__); print(s.DEFAULT_NLI)"],
                outside, env).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in where), where  # the installed code and models, not the checkout's

    for name, text in DOCS.items():
        (outside / name).write_text(text)
    ws = str(outside / "ws")
    run([bin_dir / "crosscheck", "index", "add", "harbour.md", "volcano.md", "-w", ws, "--silent"], outside, env)
    r = run([bin_dir / "crosscheck", "check", "Dock workers in Gdansk ended their strike on Tuesday.",
             "-w", ws, "--format", "json"], outside, env)
    [verdict] = json.loads(r.stdout)
    assert verdict["label"] == "supported" and verdict["evidence"][0]["source"] == "Port Gazette"
    assert Path(verdict["provenance"]["nli_model"]).is_relative_to(site) and verdict["provenance"]["nli_sha256"]
