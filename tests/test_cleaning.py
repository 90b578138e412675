"""The plain-text and HTML cleaners, on the real sample and on written cases (no database)."""

from datetime import date

from factcheck.text.cleaning import clean_text, parse_date, unlink
from factcheck.text.html import clean_html


def test_sample_metadata(sample_text):
    article = clean_text(sample_text)
    assert article.title == "Russia Ready to Activate Tajikistan Military Base Over Fighting in Afghanistan"
    assert article.subtitle == ("Over 1,000 Afghan soldiers fled into neighboring Tajikistan after "
                                "fighting with the Taliban near the border")
    assert article.author == "Dave DeCamp"
    assert article.outlet == "Global Research"
    assert article.published == date(2021, 7, 11)
    assert article.original_outlet == "Antiwar.com"
    assert article.original_published == date(2021, 7, 8)
    assert article.original_url == "https://antiwar.com"


def test_sample_body_is_exactly_the_story(sample_text):
    text = clean_text(sample_text).text
    assert text.startswith("Russia said it is prepared to activate a military base in Tajikistan")
    assert text.endswith("in terms of stabilizing the situation there,” Lavrov said.")
    for residue in ("Note to readers", "Instagram", "Copyright", "Disclaimer", "Featured image",
                    "Translate Website", "Region:", "](", "news editor of Antiwar.com"):
        assert residue not in text
    assert text.count("\n\n") == 5  # six paragraphs kept


def test_sample_links_point_at_their_anchor_text(sample_text):
    article = clean_text(sample_text)
    anchors = [article.text[link.start:link.end] for link in article.links]
    assert anchors == ["prepared to activate a military base in Tajikistan",
                       "the Tajik representative to the CSTO, said on Wednesday"]
    assert all(link.url == "" for link in article.links)  # the copy kept only "#"


def test_markdown_links_keep_real_targets_and_drop_images():
    text, links = unlink("See ![chart](https://x.example/c.png)[the report](https://gov.example/r) now.")
    assert text == "See the report now."
    assert [(text[link.start:link.end], link.url) for link in links] == [("the report", "https://gov.example/r")]


def test_javascript_link_targets_are_not_kept():
    text, links = unlink("[click](javascript:alert(1)) and [ok](http://a.example)")
    assert "javascript" not in text
    assert text == "click and ok"
    assert [link.url for link in links] == ["", "http://a.example"]


def test_dates_in_the_forms_outlets_write_them():
    assert parse_date("Global Research, July 11, 2021") == date(2021, 7, 11)
    assert parse_date("8 July 2021") == date(2021, 7, 8)
    assert parse_date("Sept. 3rd, 2020") == date(2020, 9, 3)
    assert parse_date("2019-02-28T10:00") == date(2019, 2, 28)
    assert parse_date("February 30, 2020") is None
    assert parse_date("no date here") is None


def test_body_only_mode_keeps_first_paragraph():
    article = clean_text("Short opening line\n\nSecond paragraph.\n\nFollow us on Twitter!", header=False)
    assert article.text == "Short opening line\n\nSecond paragraph."
    assert article.title == ""


def test_empty_and_whitespace_text():
    assert clean_text("").text == ""
    assert clean_text(" \n\n \t ").text == ""


def test_control_characters_are_dropped():
    article = clean_text("Title here\n\nBody\x00 with\x07 bell and zero\u200bwidth, all of it a sentence.")
    assert "\x00" not in article.text and "\x07" not in article.text and "\u200b" not in article.text


HOSTILE = """<!doctype html><html><head><title>Minister resigns</title>
<meta name="author" content="Ann Writer"><meta property="og:site_name" content="The Courier">
<meta property="article:published_time" content="2022-03-04T08:00:00Z">
<script>document.write('<p>injected</p>')</script><style>p{color:red}</style></head>
<body onload="alert(1)"><nav>Home | World | Sport</nav>
<article><h1>Minister resigns</h1>
<p>The minister resigned on Friday after <a href="https://parliament.example/report">a report</a> found that 3,000 contracts were awarded without tender.</p>
<p><img src=x onerror="alert(2)">“I have done nothing wrong,” she said in a statement issued by her office late on Friday evening.</p>
<p>Officials said the inquiry would continue into the spring, with hearings planned in the capital.</p>
<script>steal()</script></article><footer>Subscribe to our newsletter</footer></body></html>"""


def test_html_keeps_text_metadata_and_links_but_no_script():
    article = clean_html(HOSTILE, url="https://courier.example/minister")
    assert article.title == "Minister resigns"
    assert article.author == "Ann Writer"
    assert article.outlet == "The Courier"
    assert article.published == date(2022, 3, 4)
    assert article.text.startswith("The minister resigned on Friday")
    for bad in ("script", "steal", "alert", "onerror", "injected", "<", "Subscribe"):
        assert bad not in article.text
    assert [(article.text[x.start:x.end], x.url) for x in article.links] == [
        ("a report", "https://parliament.example/report")]


def test_a_header_on_single_line_breaks_is_read_line_by_line():
    article = clean_text("Ferry fares to rise in May\nBy Ines Calder\nPort Gazette, November 25, 2026\n\n"
                         "The harbour board said on Monday that fares would rise by 5 percent.\n\nMore later.")
    assert (article.title, article.author, article.outlet) == ("Ferry fares to rise in May", "Ines Calder", "Port Gazette")
    assert article.published.isoformat() == "2026-11-25"
    assert article.text.startswith("The harbour board said on Monday")


def test_prose_wrapped_on_line_breaks_stays_one_paragraph():
    article = clean_text("Ferry fares to rise\n\nThe harbour board said on Monday\nthat fares would rise by 5 percent\n"
                         "from May, after a year of losses.")
    assert "The harbour board said on Monday\nthat fares" in article.text
