"""The shared sanitiser: whatever a person types, the stored HTML runs no script."""

import re

import pytest

from peersupport.sanitize import plain_text, render_markdown

# (what someone might type, a fragment that must NOT survive)
PAYLOADS = [
    ("<script>alert(1)</script>", "<script"),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<script"),
    ("<scr<script>ipt>alert(1)</scr</script>ipt>", "<script"),
    ('<img src=x onerror="alert(1)">', "onerror"),
    ('<svg onload="alert(1)"></svg>', "onload"),
    ("<svg><script>alert(1)</script></svg>", "<script"),
    ('<body onload="alert(1)">', "onload"),
    ('<a href="javascript:alert(1)">click</a>', "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">click</a>', "javascript:"),
    ('<a href="java&#x09;script:alert(1)">click</a>', "script:"),
    ('<a href="&#106;avascript:alert(1)">click</a>', "avascript:"),
    ("[click me](javascript:alert(1))", "javascript:"),
    ("[click me](JAVASCRIPT:alert(1))", "javascript:"),
    ("[x](vbscript:msgbox(1))", "vbscript:"),
    ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data:"),
    ("![x](javascript:alert(1))", "javascript:"),
    ('![x](https://tracker.example/pixel.gif "t")', "<img"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe"),
    ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "<iframe"),
    ('<object data="x.swf"></object>', "<object"),
    ('<embed src="x.swf">', "<embed"),
    ('<div style="background:url(javascript:alert(1))">x</div>', "style="),
    ("<style>body{display:none}</style>", "<style"),
    ('<form action="https://evil.example"><input name=p></form>', "<form"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta"),
    ('<a href="https://ok.example" onclick="alert(1)">x</a>', "onclick"),
    ('<a href="https://ok.example" onmouseover=alert(1)>x</a>', "onmouseover"),
    ('<details open ontoggle="alert(1)">', "ontoggle"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "onerror"),
    ('<base href="https://evil.example/">', "<base"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link"),
    ("<!-- <script>alert(1)</script> -->", "<script"),
    ('"><script>alert(1)</script>', "<script"),
    ("<a href='//evil.example' target=_blank>x</a>", "target="),
]


@pytest.mark.parametrize(("typed", "forbidden"), PAYLOADS)
def test_sanitiser_keeps_nothing_that_could_run(typed, forbidden):
    html = render_markdown(typed)
    assert forbidden.lower() not in html.lower()
    # And in general: no event handler attribute, no script or frame tag, no script URL.
    assert not re.search(r"<[^>]+\son\w+\s*=", html, re.IGNORECASE)
    assert not re.search(r"<\s*(script|iframe|object|embed|style)", html, re.IGNORECASE)
    assert "javascript:" not in html.lower()


def test_sanitiser_table_is_large_enough():
    assert len(PAYLOADS) >= 20


def test_ordinary_markdown_still_reads_well():
    html = render_markdown("I made it through **today**.\n\n- breathe\n- drink water")
    assert "<strong>today</strong>" in html
    assert "<li>breathe</li>" in html


def test_links_work_but_send_no_referrer():
    html = render_markdown(
        "The helpline: https://www.samhsa.gov/find-help/disaster-distress-helpline"
    )
    assert 'href="https://www.samhsa.gov/find-help/disaster-distress-helpline"' in html
    assert "noreferrer" in html
    assert "nofollow" in html


def test_hearts_and_angle_brackets_survive_as_text():
    assert "&lt;3" in render_markdown("thank you all <3")


def test_plain_text_drops_every_tag():
    assert plain_text("<b>hi</b> <script>x</script>there") == "hi xthere"
