#!/usr/bin/env python3
"""Refresh the vendored front-end packages from the npm registry.

The versions are pinned in assets/package.json and assets/package-lock.json.
This script installs exactly those (``npm ci``) in a temporary folder and
copies what Samskab serves into samskab/static/vendor/, each package with its
licence, and axe-core (used only by the browser tests) into
tests/browser/vendor/. To upgrade a package: change its version in
assets/package.json, run ``npm install --package-lock-only`` in assets/, then
``make vendor``, and commit the result.
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
STATIC_VENDOR = ROOT / "samskab" / "static" / "vendor"
TEST_VENDOR = ROOT / "tests" / "browser" / "vendor"

CSS_URL = re.compile(r"url\((?:\"|')?([^\"')]+)(?:\"|')?\)")


SOURCE_MAP = re.compile(rb"\n?(/\*# sourceMappingURL=[^*]*\*/|//# sourceMappingURL=\S*)\s*$")


def copy(src: Path, dst: Path) -> None:
    """Copy a file; a minified file loses its source-map comment, as its map is not vendored
    (the production static storage refuses a reference to a missing file)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    data = src.read_bytes()
    if dst.suffix in (".css", ".js"):
        data = SOURCE_MAP.sub(b"\n", data)
    dst.write_bytes(data)


def vendor_dkfds(modules: Path) -> None:
    package = modules / "dkfds"
    dist = package / "dist"
    target = STATIC_VENDOR / "dkfds"
    css = dist / "css" / "dkfds.min.css"
    copy(css, target / "css" / "dkfds.min.css")
    # Copy every font and image the stylesheet refers to, and nothing else.
    for url in sorted(set(CSS_URL.findall(css.read_text(encoding="utf-8")))):
        if url.startswith(("data:", "#", "http")):
            continue
        path = url.split("?")[0].split("#")[0]
        copy((css.parent / path).resolve(), (target / "css" / path).resolve())
    copy(dist / "js" / "dkfds.min.js", target / "js" / "dkfds.min.js")
    copy(dist / "img" / "all-svg-icons.svg", target / "img" / "all-svg-icons.svg")
    copy(package / "LICENSE.md", target / "LICENSE.md")
    fonts = Path("fonts") / "IBMPlexSans" / "complete" / "woff2" / "license.txt"
    copy(dist / fonts, target / fonts)


def vendor_htmx(modules: Path) -> None:
    package = modules / "htmx.org"
    copy(package / "dist" / "htmx.min.js", STATIC_VENDOR / "htmx" / "htmx.min.js")
    copy(package / "LICENSE", STATIC_VENDOR / "htmx" / "LICENSE")


def vendor_axe(modules: Path) -> None:
    package = modules / "axe-core"
    copy(package / "axe.min.js", TEST_VENDOR / "axe.min.js")
    copy(package / "LICENSE", TEST_VENDOR / "LICENSE-axe-core")


def write_versions(modules: Path) -> None:
    lines = ["# Vendored front-end packages", "", "Written by `scripts/vendor_assets.py`.", ""]
    lines += ["| package | version | licence |", "|---|---|---|"]
    for name in ("dkfds", "htmx.org", "axe-core"):
        meta = json.loads((modules / name / "package.json").read_text(encoding="utf-8"))
        lines.append(f"| {name} | {meta['version']} | {meta.get('license', '')} |")
    text = "\n".join(lines) + "\n"
    (STATIC_VENDOR / "VERSIONS.md").write_text(text, encoding="utf-8")
    (TEST_VENDOR / "VERSIONS.md").write_text(text, encoding="utf-8")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(ASSETS / name, work / name)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],  # noqa: S607
            cwd=work,
            check=True,
        )
        modules = work / "node_modules"
        for folder in (STATIC_VENDOR, TEST_VENDOR):
            if folder.exists():
                shutil.rmtree(folder)
        vendor_dkfds(modules)
        vendor_htmx(modules)
        vendor_axe(modules)
        write_versions(modules)
    print(f"Vendored into {STATIC_VENDOR.relative_to(ROOT)} and {TEST_VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
