"""Render report pages with Jinja2, autoescaping every piece of source text.

CSS and JavaScript are read from the package and inlined, so a page makes
no request of any kind and works from a USB stick; a Content-Security-Policy
meta tag forbids anything else, and allows only compare's own script, by its
hash.  URLs from sources are only ever links when
they are http(s): a ``javascript:`` URL is shown as text.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from compare.report.safety import safe_name
from compare.version import __version__


def safe_url(value: str | None) -> str:
    """The URL if it is a plain web link, else an empty string."""
    if not value:
        return ""
    parsed = urlparse(value.strip())
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return value.strip()
    return ""


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("compare.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["event_dir"] = safe_name
    return env


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """The inlined CSS and script, and the script's hash for the Content-Security-Policy.

    The policy allows that one script by its SHA-256 and no other inline
    script: should escaping ever miss, a ``<script>`` from a source still
    does not run (a second line of defence).  A hash rather than a file next
    to the page, since a page opened from disk has no origin for ``'self'``.
    """
    folder = resources.files("compare.report") / "templates"
    js = (folder / "filters.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return {
        "css": (folder / "style.css").read_text(encoding="utf-8"),
        "js": js,
        "script_hash": f"sha256-{digest}",
    }


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(version=__version__, **_assets(), **context)
