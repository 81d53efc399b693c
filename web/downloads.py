"""/downloads: the dumps and CSV exports of the current build, listed from exports/index.json.

Only names listed in index.json are served, looked up by exact name: a path such as
``../build.json`` is simply not in the list, so traversal is refused without parsing paths.
"""
from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, send_file

bp = Blueprint("downloads", __name__)


def exports_dir(settings: dict) -> Path:
    return Path(settings["DATA_DIR"]) / "current" / "exports"


def read_index(settings: dict) -> list[dict]:
    """index.json as a list of {file, size, sha256, name, media_type, ...}; missing or unreadable -> []."""
    path = exports_dir(settings) / "index.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if isinstance(data, dict):
        data = data.get("files") or data.get("exports") or [dict(v, name=k) if isinstance(v, dict) else {"name": k}
                                                            for k, v in data.items()]
    out = []
    for e in data:
        if not isinstance(e, dict):
            continue
        # graph/exports.py writes {name (the export), file, media_type, bytes, sha256, encoding?}
        file = e.get("file") or e.get("name")
        if isinstance(file, str) and file:
            out.append(dict(e, file=file, size=e.get("bytes", e.get("size"))))
    return out


def human_size(n) -> str:
    try:
        n = int(n)
    except (TypeError, ValueError):
        return ""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


@bp.route("/downloads")
def downloads_page():
    settings = current_app.config["BVKG"]
    files = read_index(settings)
    for f in files:
        f["human_size"] = human_size(f.get("size"))
    return render_template("downloads.html", files=files, licence=settings["LICENCE_URL"])


@bp.route("/downloads/<path:name>")
def download(name: str):
    settings = current_app.config["BVKG"]
    listed = {f["file"] for f in read_index(settings)}
    if name not in listed or "/" in name or "\\" in name or name.startswith("."):
        abort(404)
    path = exports_dir(settings) / name
    if not path.is_file():
        abort(404)
    return send_file(path, as_attachment=True, download_name=name)
