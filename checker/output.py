"""One serialiser for every output format: dataclasses → dicts → table, JSON, JSONL or CSV."""

from __future__ import annotations

import csv
import dataclasses
import enum
import io
import json
import sys

FORMATS = ("table", "json", "jsonl", "csv")


def to_data(obj):
    """Dataclasses (and lists of them) → plain dicts and lists, enums → their values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, dict):
        return {k: to_data(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_data(x) for x in obj]
    return obj


def _flat(row: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in row.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flat(v, key + "."))
        elif isinstance(v, list):
            out[key] = json.dumps(v, ensure_ascii=False)
        else:
            out[key] = v
    return out


def render(obj, fmt: str) -> str:
    data = to_data(obj)
    rows = data if isinstance(data, list) else [data]
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    flat = [_flat(r) if isinstance(r, dict) else {"value": r} for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        fields = list(dict.fromkeys(k for r in flat for k in r))
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return buf.getvalue().rstrip("\n")
    if fmt == "table":
        return table(flat)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def table(rows: list[dict], max_width: int = 70) -> str:
    if not rows:
        return "(none)"
    if len(rows) == 1 and len(rows[0]) > 6:  # a single record reads better vertically
        width = max(len(k) for k in rows[0])
        return "\n".join(f"{k.ljust(width)}  {_cell(v, 100)}" for k, v in rows[0].items())
    fields = list(dict.fromkeys(k for r in rows for k in r))
    cells = [[_cell(r.get(f, ""), max_width) for f in fields] for r in rows]
    widths = [max(len(f), *(len(c[i]) for c in cells)) for i, f in enumerate(fields)]
    lines = ["  ".join(f.ljust(w) for f, w in zip(fields, widths, strict=False)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip() for row in cells]
    return "\n".join(lines)


def _cell(v, max_width: int) -> str:
    if isinstance(v, float):
        v = f"{v:.3f}"
    s = " ".join(str("" if v is None else v).split())
    return s if len(s) <= max_width else s[: max_width - 1] + "…"


def emit(obj, fmt: str, file=None) -> None:
    text = render(obj, fmt)
    print(text, file=file or sys.stdout)
