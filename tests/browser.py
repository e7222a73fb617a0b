"""What the browser tests share: how Chromium starts here, the two screen sizes, and page probes.
The `browser` fixture itself is in tests/conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

# Debian's Chromium; Playwright cannot download a browser on this network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",  # otherwise it keeps calling out and is refused
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

# Heading levels in document order: a page starts at h1 and never skips a level going down.
HEADING_LEVELS_JS = "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"


def screenshot_dir(tmp_path: Path) -> Path:
    """Where screenshots go: tmp_path, or env PARALLAX_SCREENSHOTS to keep and look at them."""
    folder = Path(os.environ.get("PARALLAX_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
