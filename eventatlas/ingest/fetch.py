"""Fetching a URL: one GET with urllib, a 20 s timeout, and a reason (never a traceback) when it fails."""

from __future__ import annotations

import http.client
import socket
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from eventatlas.config import Settings
from eventatlas.ingest.sources import Source
from eventatlas.ingest.validate import IngestError, check_size

TIMEOUT_S = 20
_HEADERS = {
    "User-Agent": "eventatlas/0.1 (news event extraction; +https://pypi.org/project/eventatlas/)",
    "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
              "application/json;q=0.9,text/plain;q=0.8,*/*;q=0.5",
}


def fetch(url: str, settings: Settings, timeout: float = TIMEOUT_S) -> Source:
    """The page at `url` as a Source that carries its content type, charset and final (redirected) URL."""
    try:
        with urlopen(Request(url, headers=_HEADERS), timeout=timeout) as resp:
            data = resp.read(settings.max_bytes + 1)
            headers = resp.headers
            final_url = resp.geturl()
    except HTTPError as err:
        raise IngestError(f"fetch failed: HTTP {err.code} {err.reason}") from None
    except URLError as err:
        reason = err.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise IngestError(f"fetch failed: no answer within {timeout:g} s") from None
        text = getattr(reason, "strerror", None) or str(reason)
        raise IngestError(f"fetch failed: {text}") from None
    except (TimeoutError, socket.timeout):
        raise IngestError(f"fetch failed: no answer within {timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as err:
        raise IngestError(f"fetch failed: {type(err).__name__}: {err}") from None
    check_size(len(data), settings, "page")
    return Source(name=url, data=data, url=final_url, content_type=headers.get_content_type(),
                  charset=headers.get_content_charset())
