"""A folder of hostile inputs mixed with good articles, written fresh for each run.

Every input is labelled: "good" must be stored, "bad" must be rejected with a readable reason, and
"either" may go both ways (a damaged file that still holds an article) but never with a traceback. The
articles are invented for the purpose."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

PLACES = ["Gao", "Kidal", "Mopti", "Timbuktu", "Menaka", "Segou", "Kayes", "Sikasso", "Djenne", "Bandiagara",
          "Ansongo", "Tessalit", "Niono", "Koutiala", "San"]


def story(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (f"Gunmen attacked a police post near {place} on Saturday, killing {i + 2} officers, the regional "
            f"governor said. Residents of {place} said the attackers came on motorbikes at dawn.\n\n"
            f"The army sent reinforcements to {place} on Sunday, a military spokesman said.")


@dataclass
class Input:
    name: str      # the path relative to the corpus folder, as rejections and documents name it
    expect: str    # good | bad | either
    records: int = 1  # documents a good input holds


def _write(root: Path, name: str, data: bytes | str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _warc_record(uri: str, html: str) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}".encode()
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{uri[-4:]}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def build(root: Path) -> list[Input]:
    """Write the corpus under `root`; the list of what is in it."""
    inputs: list[Input] = []

    def add(name: str, data: bytes | str, expect: str, records: int = 1) -> None:
        _write(root, name, data)
        inputs.append(Input(name, expect, records))

    n = iter(range(1000))
    # good articles, one format each
    add("good/plain.txt", f"Attack near {PLACES[0]}\n\n{story(next(n))}", "good")
    add("good/page.html", f"<html><head><title>Post attacked</title></head><body><nav>Home | World</nav>"
        f"<article><p>{story(next(n)).replace(chr(10) * 2, '</p><p>')}</p></article></body></html>", "good")
    add("good/one.json", json.dumps({"title": "Post attacked", "text": story(next(n)), "published": "2026-02-07"}),
        "good")
    add("good/three.jsonl", "\n".join(json.dumps({"text": story(next(n))}) for _ in range(3)) + "\n", "good", 3)
    add("good/two.csv", "title,text\n" + "\n".join(f'"T{i}","{story(next(n))}"' for i in range(2)) + "\n",
        "good", 2)
    items = "".join(f"<item><title>Item {i}</title><description>{story(next(n))}</description>"
                    f"<pubDate>Sat, 07 Feb 2026 10:00:00 GMT</pubDate></item>" for i in range(2))
    add("good/feed.rss", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Desk</title>{items}'
        f"</channel></rss>", "good", 2)
    add("good/crawl.warc.gz", gzip.compress(_warc_record("https://example.org/a1", f"<html><body><article><p>"
                                                        f"{story(next(n))}</p></article></body></html>")), "good")
    add("good/utf16-bom.txt", story(next(n)).encode("utf-16"), "good")
    add("good/utf16-no-bom.txt", story(next(n)).encode("utf-16-le"), "good")
    add("good/credits.txt", story(next(n)) + "\n\nwith " + "A&" * 30 + "A!", "good")  # once hung for good
    add("good/surrogate.json", '{"title": "Raid \\ud83d", "text": ' + json.dumps(story(next(n))) + "}", "good")
    add("good/deep-markup.json", json.dumps({"text": "<div>" * 3000 + story(next(n)) + "</div>" * 3000}), "good")
    name = b"good/caf\xe9.txt"  # a file name that is not UTF-8
    (root / "good").mkdir(exist_ok=True)
    with open(os.path.join(os.fsencode(root), name), "wb") as f:
        f.write(story(next(n)).encode())
    inputs.append(Input("good/caf\\xe9.txt", "good"))

    # damaged, hostile or not articles at all
    good_text = story(next(n)).encode()
    add("bad/empty.txt", b"", "bad")
    add("bad/blank.txt", b" \n\t\n  ", "bad")
    add("bad/truncated-utf8.txt", "Gr\u00fc\u00dfe aus K\u00f6ln, \u00e9t\u00e9 \u00e0 Paris".encode()[:-1], "either")
    add("good/truncated-utf8.txt", (story(next(n)) + " \u2014 \u00e9").encode()[:-1], "either")
    add("bad/nul-late.txt", good_text * 80 + b"\x00\x00junk", "bad")
    add("bad/binary.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "bad")
    add("bad/not-warc.gz", gzip.compress(b"just some text"), "bad")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", story(next(n)))
    add("bad/articles.zip", buf.getvalue(), "bad")
    add("bad/report.docx", buf.getvalue(), "bad")
    add("bad/six-mb.txt", b"Word " * (6 * 1024 * 1024 // 5), "bad")
    with open(root / "bad" / "fifty-mb.txt", "wb") as f:  # written in blocks: the test must not hold it either
        for _ in range(50):
            f.write(b"Soldiers " * (1024 * 1024 // 9))
    inputs.append(Input("bad/fifty-mb.txt", "bad"))
    add("bad/one-mb-line.txt", ("qzx" * 350_000).encode(), "bad")
    add("bad/one-mb-line.jsonl", json.dumps({"text": "vbn " * 260_000}) + "\n", "bad")
    add("bad/deep.json", "[" * 50_000 + "]" * 50_000, "bad")
    add("bad/deep.html", "<html><body>" + "<div>" * 30_000 + "x" + "</div>" * 30_000 + "</body></html>", "bad")
    add("bad/truncated.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item><title>',
        "bad")
    add("bad/bomb.rss", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' +
        "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) +
        ']><rss version="2.0"><channel><title>&i;</title><item><description>&i;</description></item>'
        "</channel></rss>", "either")  # its entities are not expanded: what is left is a word or two
    add("bad/empty.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>', "bad")
    add("bad/header-only.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nHTTP/1.1 200",
        "bad")
    page = _warc_record("https://example.org/t", "<p>" + story(next(n)) + "</p>")
    add("bad/truncated.warc.gz", gzip.compress(page)[:90], "bad")
    add("bad/garbage.warc", b"WARC/1.0\r\n" + os.urandom(3000), "bad")
    add("bad/list-of-numbers.json", "[1, 2, 3]", "bad", 3)
    add("bad/text-is-number.json", '{"text": 12}', "bad")
    add("bad/french.txt", "Des hommes armés ont attaqué un poste de police près de Gao samedi, a déclaré le "
        "gouverneur. Les habitants ont dit que les assaillants sont venus à moto.", "bad")
    add("bad/huge-field.csv", "title,text\n" + f'"Huge","{"x" * 6_000_000}"' + "\n", "bad")
    add("bad/ragged.csv", "title,text\n" + '"A","b","c","d"\n', "bad")
    add("bad/only-script.html", "<html><body><script>var a = 1;</script></body></html>", "bad")
    (root / "bad" / "fifo.txt").parent.mkdir(exist_ok=True)
    os.mkfifo(root / "bad" / "fifo.txt")
    inputs.append(Input("bad/fifo.txt", "bad"))
    os.symlink("/dev/zero", root / "bad" / "zero.txt")
    inputs.append(Input("bad/zero.txt", "bad"))
    os.symlink(root / "bad" / "loop-b.txt", root / "bad" / "loop-a.txt")
    os.symlink(root / "bad" / "loop-a.txt", root / "bad" / "loop-b.txt")
    inputs += [Input("bad/loop-a.txt", "bad"), Input("bad/loop-b.txt", "bad")]
    os.symlink(root / "nowhere.txt", root / "bad" / "dangling.txt")
    inputs.append(Input("bad/dangling.txt", "bad"))
    os.symlink(root, root / "bad" / "up")  # a folder loop: read once
    (root / "bad" / "locked").mkdir()
    _write(root, "bad/locked/secret.txt", story(next(n)))
    (root / "bad" / "locked").chmod(0)
    # root reads a folder whatever its mode: then the article in it is read like any other
    inputs.append(Input("bad/locked", "bad") if os.geteuid() != 0 else Input("bad/locked/secret.txt", "good"))
    _write(root, ".hidden.txt", story(next(n)))  # skipped, as hidden files are
    return inputs
