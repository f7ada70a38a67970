"""Which addresses in the papers may be published as links.

Links that went nowhere in the PDF ("[survey](#)") and addresses inside the council's
private network (intranet servers on private IP ranges) are shown as text, not links.
"""
from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

MARKDOWN_LINK_RE = re.compile(r"\[([^\]]+)\]\(\s*([^)\s]*)\s*\)")
AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>\s]+)>", re.I)
PRIVATE_HOSTS = {"localhost"}


def publishable(url: str) -> bool:
    url = url.strip()
    if not url or url.startswith("#"):
        return False
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return True
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname
    if host in PRIVATE_HOSTS or host.endswith((".local", ".internal", ".lan")):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True  # a name, not an address
    return address.is_global


def unlink_unpublishable(text: str) -> str:
    """Markdown-ish source text with the links that must not be published turned into plain text."""
    text = MARKDOWN_LINK_RE.sub(lambda m: m.group(0) if publishable(m.group(2)) else m.group(1), text)
    return AUTOLINK_RE.sub(lambda m: m.group(0) if publishable(m.group(1)) else m.group(1), text)
