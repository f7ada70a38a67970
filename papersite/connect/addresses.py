"""Which addresses in the papers may be published as links.

Links that went nowhere in the PDF ("[survey](#)") and addresses inside the council's
private network (intranet servers on private IP ranges) are shown as text, not links. `unlink_unpublishable`
tidies the source text before markdown; `render.filters.inline` checks every link markdown-it makes, whatever
its spelling (titles, escaped or nested brackets), so that none gets through.
"""
from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

# A markdown link with a plain address: the label holds no brackets and the address no parentheses, so each
# attempt stops at the next bracket (a run of "[" is read once, not once for each of them).
MARKDOWN_LINK_RE = re.compile(r"\[([^\[\]]+)\]\(\s*([^()\s]*)\s*\)")
AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>\s]+)>", re.I)
PRIVATE_SUFFIXES = ("localhost", "local", "internal", "lan", "intranet", "corp", "home", "home.arpa", "test",
                    "invalid", "example")
IPV6_CARRYING_V4 = [ipaddress.ip_network(n) for n in ("::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96",
                                                    "64:ff9b:1::/48", "2002::/16", "2001::/32")]
NUMBER_RE = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")


def publishable(url: str) -> bool:
    """Whether a link to `url` may be published: an http(s) address of a public host, or mailto. Hosts are
    judged as a browser reads them, so that no spelling of a private address gets through: 127.1,
    0x7f000001, 2130706433 and 0 are IPv4 addresses; "192.168.1.1." and "localhost." end in a dot; a host of
    one label ("http://intranet/") or under a private suffix (.localhost, .local, .internal…) is inside a
    network, not on the web."""
    url = url.strip()
    if not url or url.startswith("#"):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # "http://[::1" and the like
        return False
    if parts.scheme.lower() == "mailto":
        return True
    if parts.scheme.lower() not in ("http", "https") or not host:
        return False
    if "%" in host:  # percent-encoded: a browser decodes it ("10.0.0.%31" is 10.0.0.1); no public link needs it
        return False
    try:  # as a browser maps a host (IDNA): soft hyphens dropped, full-width digits and full stops folded
        host = host.encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        return False
    host = host.rstrip(".").lower()
    if not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        # IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are not published at
        # all: no public paper links to one, and whether Python calls them global varies between versions.
        return address.is_global and not (address.version == 6 and any(address in net for net in IPV6_CARRYING_V4))
    labels = host.split(".")
    if NUMBER_RE.fullmatch(labels[-1]):  # the WHATWG URL standard reads it as an IPv4 address
        address = _ipv4(labels)
        return address is not None and address.is_global
    if len(labels) < 2 or any(not label for label in labels):
        return False
    return not any(host == suffix or host.endswith("." + suffix) for suffix in PRIVATE_SUFFIXES)


def _ipv4(labels: list[str]):
    """The IPv4 address a browser makes of these labels (decimal, 0x hex or 0 octal; the last fills the rest),
    or None where it would refuse the host."""
    if len(labels) > 4 or not all(NUMBER_RE.fullmatch(label) for label in labels):
        return None
    numbers = [int(label, 16) if label[:2].lower() == "0x" and len(label) > 2 else
               0 if label.lower() == "0x" else int(label, 8) if label.startswith("0") and len(label) > 1 else int(label)
               for label in labels]
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1]
    for position, n in enumerate(numbers[:-1]):
        value += n << (8 * (3 - position))
    return ipaddress.IPv4Address(value)


def unlink_unpublishable(text: str) -> str:
    """Markdown-ish source text with the links that must not be published turned into plain text."""
    text = MARKDOWN_LINK_RE.sub(lambda m: m.group(0) if publishable(m.group(2)) else m.group(1), text)
    return AUTOLINK_RE.sub(lambda m: m.group(0) if publishable(m.group(1)) else m.group(1), text)
