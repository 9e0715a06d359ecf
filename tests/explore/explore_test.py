#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Browser tests of `safi explore`: builds explorer pages and checks them in
headless Chromium (the DOM after the page's script ran, layout, screenshots).

Cases (--case):
  generated  a crawl from safi-eval-crawl: the DOM's counts equal those
             computed here from the crawl and the report, every removed span
             is shown with its reason and evidence, the URL-fragment filters
             hide exactly the documents they should, Arabic lines are laid
             out right to left, the screenshot is not blank and shows the
             reason colours; a bounded sample keeps every count.
  hostile    crawl text, ids and URLs with markup, attribute-breaking quotes,
             </textarea>, </script>, control and bidi characters: nothing
             executes or becomes an element, every string is shown as text,
             the page still renders its counts (with a positive control that
             the execution detector works in this Chromium).
  seed       the seed page ($SAFI_CORPORA_DIR/seed/*.txt, as a text file):
             every removed line is shown with its reason.

Exit status: 0 pass, 1 failure, 77 skipped (no Chromium or Pillow outside CI,
or no SAFI_CORPORA_DIR for the seed case). Under CI=true a missing Chromium
or Pillow is a failure.

--readme-screenshot PATH writes the README's screenshot (generated crawl)
instead of testing; --keep keeps the work directory.
"""

import argparse
import glob
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

SKIP = 77
REASONS = ["lexicon", "site_template", "global", "teaser", "label",
           "exact_dup", "near_dup"]
DUPLICATE = ("exact_dup", "near_dup")
# Reason colours of the page's style sheet (Okabe-Ito), as RGB.
COLOURS = {"lexicon": (0xE6, 0x9F, 0x00), "teaser": (0xF0, 0xE4, 0x42)}
TERMINATOR = re.compile(rb"\r\n|\r|\n")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Failure(Exception):
    """A check failed; the message says which and why."""


def check(condition, message):
    """Raises Failure(message) unless condition holds."""
    if not condition:
        raise Failure(message)


# ---------------------------------------------------------------- the DOM


class Node:
    """An element of the dumped DOM: tag, attributes, children (Nodes and
    strings)."""

    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def classes(self):
        return self.attrs.get("class", "").split()

    def walk(self):
        """This node and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find_all(self, tag=None, cls=None, **attrs):
        """Elements below (and including) this one with that tag, class and
        attribute values (attribute name with _ for -)."""
        found = []
        for n in self.walk():
            if tag is not None and n.tag != tag:
                continue
            if cls is not None and cls not in n.classes():
                continue
            if any(n.attrs.get(k.replace("_", "-")) != v
                   for k, v in attrs.items()):
                continue
            found.append(n)
        return found

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def text(self, skip=lambda n: False):
        """Concatenated text below this node, leaving out subtrees of
        elements for which skip(element) is true."""
        parts = []
        for child in self.children:
            if isinstance(child, Node):
                if not skip(child):
                    parts.append(child.text(skip))
            else:
                parts.append(child)
        return "".join(parts)


class TreeBuilder(html.parser.HTMLParser):
    """Builds Nodes from Chromium's --dump-dom serialization, in which every
    non-void element is closed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(
            Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text):
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# ---------------------------------------------------------------- Chromium


class Browser:
    """Runs headless Chromium on local files, each run with a fresh
    profile."""

    def __init__(self, chromium, work):
        self.chromium, self.work, self.runs = chromium, work, 0

    def _run(self, args, url):
        self.runs += 1
        profile = tempfile.mkdtemp(prefix="profile.", dir=self.work)
        try:
            result = subprocess.run(
                [self.chromium, "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-extensions", "--disable-background-networking",
                 "--hide-scrollbars", "--user-data-dir=" + profile] + args +
                [url],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        if result.returncode != 0:
            raise Failure("chromium exited with %d: %s" % (
                result.returncode, result.stderr.decode(errors="replace")[-2000:]))
        return result.stdout

    def dom(self, path, fragment=""):
        """The DOM of the page after its scripts ran, parsed."""
        url = "file://" + os.path.abspath(path) + fragment
        out = self._run(["--dump-dom", "--virtual-time-budget=2000"], url)
        return parse_html(out.decode("utf-8"))

    def screenshot(self, path, png, width, height, fragment=""):
        url = "file://" + os.path.abspath(path) + fragment
        self._run(["--screenshot=" + png,
                   "--window-size=%d,%d" % (width, height)], url)
        check(os.path.exists(png), "chromium wrote no screenshot " + png)


# ---------------------------------------------------------------- expectations


def site_from_url(url):
    """safi::SiteFromUrl for ordinary URLs: the lowercase host without one
    leading "www."."""
    if not url:
        return ""
    host = urllib.parse.urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def visible(text):
    """Text as the page shows it: C0 controls other than tab and LF, and
    DEL, become Control Pictures."""
    return "".join(
        chr(0x2400 + (0x21 if c == "\x7f" else ord(c)))
        if (ord(c) < 0x20 and c not in "\t\n") or c == "\x7f" else c
        for c in text)


def lines_of(data):
    """(start, end, next) byte offsets of each line of data: [start, end)
    without and [start, next) with its terminator (LF, CRLF or CR)."""
    lines, begin = [], 0
    while begin < len(data):
        m = TERMINATOR.search(data, begin)
        end, nxt = (m.start(), m.end()) if m else (len(data), len(data))
        lines.append((begin, end, nxt))
        begin = nxt
    return lines


class Crawl:
    """A crawl and its report, with everything the page should show."""

    def __init__(self, docs, report):
        self.docs = docs                      # [{"id","url","text"}]
        self.by_id = {d["id"]: d for d in docs}
        self.entries = {d["id"]: [] for d in docs}
        for e in report:
            self.entries[e["id"]].append(e)
        self.clusters = {}
        for e in report:
            if e["reason"] in DUPLICATE:
                self.clusters[e["kept"]] = e["cluster_size"]

    def dropped(self, doc_id):
        entries = self.entries[doc_id]
        return bool(entries) and entries[0]["reason"] in DUPLICATE

    def totals(self):
        """The summary counts by element id."""
        t = dict.fromkeys(["n-documents", "n-kept", "n-exact_dup", "n-near_dup",
                           "n-bytes", "n-line-bytes", "n-duplicate-bytes",
                           "n-line-removals"], 0)
        for d in self.docs:
            size = len(d["text"].encode())
            t["n-documents"] += 1
            t["n-bytes"] += size
            entries = self.entries[d["id"]]
            if self.dropped(d["id"]):
                t["n-" + entries[0]["reason"]] += 1
                t["n-duplicate-bytes"] += size
            else:
                t["n-kept"] += 1
                t["n-line-removals"] += len(entries)
                t["n-line-bytes"] += sum(e["end"] - e["start"] for e in entries)
        t["n-removed-bytes"] = t["n-line-bytes"] + t["n-duplicate-bytes"]
        t["n-clusters"] = len(self.clusters)
        t["n-sites"] = len({site_from_url(d.get("url")) for d in self.docs})
        return t

    def reasons(self):
        """reason -> (removals, bytes)."""
        counts = {r: [0, 0] for r in REASONS}
        for entries in self.entries.values():
            for e in entries:
                counts[e["reason"]][0] += 1
                counts[e["reason"]][1] += e["end"] - e["start"]
        return {r: tuple(v) for r, v in counts.items()}

    def sites(self):
        """site -> the nine numbers of its row (percent column left out)."""
        rows = {}
        for d in self.docs:
            row = rows.setdefault(site_from_url(d.get("url")), [0] * 8)
            size = len(d["text"].encode())
            entries = self.entries[d["id"]]
            row[0] += 1
            row[5] += size
            if self.dropped(d["id"]):
                row[3 if entries[0]["reason"] == "exact_dup" else 4] += 1
                row[7] += size
            else:
                row[1] += 1
                row[6] += len(entries)
                row[7] += sum(e["end"] - e["start"] for e in entries)
        # Columns: documents kept exact near bytes lines-removed bytes-removed.
        return {s: [r[0], r[1], r[3], r[4], r[5], r[6], r[7]]
                for s, r in rows.items()}


def data_value(node):
    check(node is not None and node.tag == "data",
          "expected a <data> element, got %r" % (node and node.tag))
    return int(node.attrs["value"])


def check_counts(dom, crawl, with_sites=True):
    """The summary, per-reason and per-site numbers equal the crawl's."""
    for element_id, want in crawl.totals().items():
        if element_id == "n-sites" and not with_sites:
            continue
        got = data_value(dom.find(id=element_id))
        check(got == want, "%s: page shows %d, report gives %d" %
              (element_id, got, want))
    table = dom.find(id="reasons")
    for reason, (removals, size) in crawl.reasons().items():
        row = table.find("tr", data_reason=reason)
        check(row is not None, "no row for reason " + reason)
        values = [data_value(d) for d in row.find_all("data")]
        check(values == [removals, size], "reason %s: page %s, report %s" %
              (reason, values, [removals, size]))
    check(len(dom.find_all("rect", cls="bar")) == len(REASONS),
          "the chart has one bar per reason")
    if not with_sites:
        return
    table = dom.find(id="sites")
    for site, want in crawl.sites().items():
        row = table.find("tr", data_site=site)
        check(row is not None, "no row for site %r" % site)
        got = [data_value(d) for d in row.find_all("data")]
        check(got == want, "site %r: page %s, report %s" % (site, got, want))
    for li in dom.find_all("li", cls="cluster"):
        kept = li.attrs["data-kept"]
        check(int(li.attrs["data-size"]) == crawl.clusters.get(kept),
              "cluster %r: size %s, report %s" % (kept, li.attrs["data-size"],
                                                  crawl.clusters.get(kept)))


def is_tag(node):
    return "tag" in node.classes()


def evidence_facts(e):
    """Strings the evidence of report entry e must show."""
    r = e["reason"]
    if r == "lexicon":
        return [e["phrase"], e["category"]]
    if r == "site_template":
        return ["on %d of the site's %d pages" % (e["pages"], e["site_pages"])]
    if r == "global":
        return ["frequent on %d sites" % e["sites"]]
    if r == "teaser":
        if e["rule"] == "confirmed":
            return ["opening of " + e["source"]]
        return [e["rule"], "block of %d teasers" % e["block_teasers"]]
    if r == "label":
        return ["teaser at byte %d" % e["teaser_start"]]
    return [e["kept"], "of %d documents" % e["cluster_size"]]


def check_document(article, doc, entries):
    """One article shows the document's text line by line, exactly, with
    every removed span marked with its reason, its tag and its evidence."""
    name = "document %r" % doc["id"]
    check(article.attrs.get("data-id") == doc["id"], name + ": data-id")
    want_reasons = " ".join(r for r in REASONS
                            if any(e["reason"] == r for e in entries))
    check(article.attrs.get("data-reasons") == want_reasons,
          "%s: data-reasons %r, want %r" % (
              name, article.attrs.get("data-reasons"), want_reasons))
    dropped = bool(entries) and entries[0]["reason"] in DUPLICATE
    check(article.attrs.get("data-state") ==
          (entries[0]["reason"] if dropped else "kept"), name + ": data-state")
    text_div = article.find("div", cls="text")
    check(text_div.attrs.get("dir") == "rtl" and
          text_div.attrs.get("lang") == "ar", name + ": dir=rtl lang=ar")
    data = doc["text"].encode()
    lines = lines_of(data)
    shown = text_div.find_all("div", cls="ln")
    check(len(shown) == len(lines), "%s: %d lines shown, %d in the text" % (
        name, len(shown), len(lines)))
    for (begin, end, nxt), ln in zip(lines, shown):
        want = visible(data[begin:end].decode())
        got = ln.text(skip=is_tag)
        check(got == want, "%s, bytes %d-%d: shown %r, text %r" % (
            name, begin, end, got[:120], want[:120]))
        covered = begin
        for e in entries:
            if e["start"] <= covered < e["end"]:
                covered = e["end"]
        check(("gone" in ln.classes()) == (covered >= nxt),
              "%s, bytes %d-%d: marked gone %s, removed %s" % (
                  name, begin, end, "gone" in ln.classes(), covered >= nxt))
    pieces = {}
    for piece in text_div.find_all("del", cls="rm"):
        pieces.setdefault(int(piece.attrs["data-span"]), []).append(piece)
    tags = {}
    for tag in text_div.find_all("span", cls="tag"):
        tags.setdefault(int(tag.attrs["data-span"]), []).append(tag)
    check(set(tags) == set(range(len(entries))),
          "%s: tags for spans %s, report has %d" % (name, sorted(tags),
                                                     len(entries)))
    for k, e in enumerate(entries):
        removed = visible(TERMINATOR.sub(b"", data[e["start"]:e["end"]]).decode())
        got = "".join(p.text() for p in pieces.get(k, []))
        check(got == removed, "%s: span %d (%s) shows %r, removed %r" % (
            name, k, e["reason"], got[:120], removed[:120]))
        check(all("r-" + e["reason"] in p.classes() for p in pieces.get(k, [])),
              "%s: span %d coloured for another reason" % (name, k))
        check(len(tags[k]) == 1, "%s: span %d has %d tags" % (
            name, k, len(tags[k])))
        tag = tags[k][0]
        check(tag.find("b").text() == e["reason"],
              "%s: span %d tagged %r, reason %r" % (
                  name, k, tag.find("b").text(), e["reason"]))
        check(tag.attrs.get("tabindex") == "0", name + ": tag not focusable")
        evidence = tag.find("span", cls="ev").text()
        for fact in evidence_facts(e):
            check(fact in evidence, "%s: span %d evidence %r lacks %r" % (
                name, k, evidence, fact))


def check_documents(dom, crawl, expect_all):
    """Every article is a crawl document shown exactly; all documents are
    shown if expect_all."""
    articles = dom.find_all("article", cls="doc")
    check(data_value(dom.find(id="n-sampled")) == len(articles),
          "n-sampled differs from the number of articles")
    if expect_all:
        check(len(articles) == len(crawl.docs), "%d articles for %d documents"
              % (len(articles), len(crawl.docs)))
    for article in articles:
        doc = crawl.by_id.get(article.attrs.get("data-id"))
        check(doc is not None, "article for unknown id %r" %
              article.attrs.get("data-id"))
        check_document(article, doc, crawl.entries[doc["id"]])
    return articles


def shown_text(article):
    """The text the page's search looks in: lines without tags, each
    followed by LF, lowercased."""
    return "".join(ln.text(skip=is_tag) + "\n"
                   for ln in article.find_all("div", cls="ln")).lower()


def check_filter(browser, page, fragment, want_ids):
    """Loading page#fragment hides exactly the articles not in want_ids."""
    dom = browser.dom(page, fragment)
    articles = dom.find_all("article", cls="doc")
    shown = {a.attrs["data-id"] for a in articles if "hidden" not in a.attrs}
    check(shown == want_ids, "%s: shows %d documents, want %d (%s)" % (
        fragment, len(shown), len(want_ids),
        sorted(shown ^ want_ids)[:5]))
    check(dom.find(id="shown").text() == str(len(want_ids)),
          "%s: the count says %s, want %d" % (
              fragment, dom.find(id="shown").text(), len(want_ids)))
    print("  filter %s: %d of %d shown" % (fragment, len(shown), len(articles)))


# Appended (with the page's nonce) to a copy of the page: measures how the
# browser laid out the Arabic lines, then drives the filter form as a user
# would (set a field, fire "input") for each of FILTERS, and writes the
# results into the DOM.
PROBE = r"""
(function (filters) {
  var out = {texts: 0, rtl: 0, lines: 0, ok: 0, bad: [], filters: []};
  var arabic = /^[\s\u0600-\u06FF\u0750-\u077F]*[\u0600-\u06FF]/;
  var strong = /[A-Za-z\u0600-\u06FF]/;
  document.querySelectorAll('article.doc .text').forEach(function (t) {
    out.texts++;
    if (getComputedStyle(t).direction === 'rtl') out.rtl++;
    t.querySelectorAll('.ln').forEach(function (ln) {
      var node = ln.firstChild;
      if (!node || node.nodeType !== 3 || ln.childNodes.length !== 1) return;
      var s = node.data.replace(/\s+$/, '');
      var first = s.search(strong);
      if (s.length < 8 || first < 0 || !arabic.test(s)) return;
      var whole = document.createRange();
      whole.selectNodeContents(ln);
      if (whole.getClientRects().length !== 1) return;  // wrapped
      var r = document.createRange();
      r.setStart(node, first); r.setEnd(node, first + 1);
      var a = r.getBoundingClientRect();
      r.setStart(node, s.length - 1); r.setEnd(node, s.length);
      var b = r.getBoundingClientRect();
      var box = ln.getBoundingClientRect(), cs = getComputedStyle(ln);
      var right = box.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight);
      out.lines++;
      if (a.left > b.left && Math.abs(a.right - right) < 3) out.ok++;
      else if (out.bad.length < 5) out.bad.push([s.slice(0, 40), a.left, a.right, b.left, right]);
    });
  });
  var form = document.getElementById('filters');
  filters.forEach(function (f) {
    form.elements.site.value = f.site === undefined ? '' : '=' + f.site;
    form.elements.reason.value = f.reason || '';
    form.elements.q.value = f.q || '';
    form.dispatchEvent(new Event('input', {bubbles: true}));
    var shown = [];
    document.querySelectorAll('article.doc').forEach(function (d) {
      if (!d.hidden) shown.push(d.getAttribute('data-id'));
    });
    out.filters.push({shown: shown, count: document.getElementById('shown').textContent,
                      hash: decodeURIComponent(location.hash)});
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})(FILTERS);
"""


def with_probe(page, probe, out_path):
    """Writes a copy of page with probe appended as a script carrying the
    page's CSP nonce (a script without it would not run)."""
    with open(page, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"script-src 'nonce-([0-9a-f]+)'", text)
    check(m is not None, "the page has no script nonce in its CSP")
    tail = text.rindex("</body>")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text[:tail] + '<script nonce="%s">%s</script>' % (m.group(1), probe)
                + text[tail:])


def check_layout_and_form(browser, page, work, filters):
    """Arabic lines are laid out right to left; each of filters, a list of
    (form fields, the ids that must stay shown, the fragment the page must
    write), entered in the form, shows exactly those documents."""
    probed = os.path.join(work, "probe.html")
    with_probe(page, PROBE.replace(
        "FILTERS", json.dumps([f for f, _, _ in filters])), probed)
    result = json.loads(browser.dom(probed).find(id="probe").text())
    check(result["texts"] > 0 and result["rtl"] == result["texts"],
          "computed direction rtl on %d of %d texts" % (result["rtl"],
                                                        result["texts"]))
    check(result["lines"] >= 20, "only %d one-line Arabic lines measured" %
          result["lines"])
    check(result["ok"] == result["lines"],
          "%d of %d Arabic lines not laid out right to left (first letter "
          "left of the last, or not right-aligned): %s" % (
              result["lines"] - result["ok"], result["lines"], result["bad"]))
    print("  right to left: %d texts, %d one-line Arabic lines measured" % (
        result["texts"], result["lines"]))
    for (fields, want, fragment), got in zip(filters, result["filters"]):
        shown = set(got["shown"])
        check(shown == want, "form %s: shows %d documents, want %d (%s)" % (
            fields, len(shown), len(want), sorted(shown ^ want)[:5]))
        check(got["count"] == str(len(want)), "form %s: the count says %s" % (
            fields, got["count"]))
        check(got["hash"] == fragment, "form %s: fragment %r, want %r" % (
            fields, got["hash"], fragment))
        print("  form %s: %d shown, fragment %s" % (fields, len(shown),
                                                    fragment or "(none)"))


def check_screenshot(browser, page, png, colours):
    """A screenshot of the page's top is not blank and shows the given
    reason colours (so the inline style sheet was applied)."""
    from PIL import Image  # python3-pil
    browser.screenshot(page, png, 1280, 1800)
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        histogram = rgb.getcolors(maxcolors=1 << 24)
        total = rgb.width * rgb.height
    counts = {c: n for n, c in histogram}
    background = max(histogram)[1]
    ink = total - counts[background]
    check(ink >= total * 0.03, "screenshot is blank: %d of %d pixels differ "
          "from the background" % (ink, total))
    for name in colours:
        target = COLOURS[name]
        near = sum(n for c, n in counts.items()
                   if all(abs(c[i] - target[i]) <= 6 for i in range(3)))
        check(near >= 100, "screenshot has %d pixels of the %s colour" % (
            near, name))
    print("  screenshot %dx%d: %.1f%% of pixels drawn, %d colours" % (
        rgb.width, rgb.height, 100.0 * ink / total, len(counts)))


# ---------------------------------------------------------------- cases


def run(args, **kwargs):
    """Runs a command; fails with its stderr if it exits non-zero."""
    result = subprocess.run(args, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kwargs)
    if result.returncode != 0:
        raise Failure("%s exited with %d: %s" % (
            " ".join(args[:3]), result.returncode,
            result.stderr.decode(errors="replace")))
    return result.stdout


def dedup_and_explore(opts, work, inputs, extra=(), name="explorer"):
    """safi dedup --report over inputs, then safi explore; returns the page
    path and the report path."""
    report = os.path.join(work, name + ".report.jsonl")
    page = os.path.join(work, name + ".html")
    with open(os.path.join(work, name + ".out.jsonl"), "wb") as out:
        out.write(run([opts.safi, "dedup"] + list(extra) + ["--report", report]
                      + inputs))
    run([opts.safi, "explore"] + list(extra) + ["--report", report, "-o", page]
        + inputs)
    return page, report


def generate_crawl(opts, work, pages):
    crawl = os.path.join(work, "crawl.jsonl")
    run([opts.crawl, "--pages", str(pages), "--sites", "6", "--seed", "5",
         "-o", crawl, "--labels", os.path.join(work, "labels.jsonl")])
    return crawl


def case_generated(opts, browser, work):
    crawl_path = generate_crawl(opts, work, 150)
    page, report = dedup_and_explore(opts, work, [crawl_path])
    crawl = Crawl(read_jsonl(crawl_path), read_jsonl(report))
    dom = browser.dom(page)
    check_counts(dom, crawl)
    articles = check_documents(dom, crawl, expect_all=True)
    check(len(dom.find_all("li", cls="cluster")) == len(crawl.clusters),
          "every cluster is listed when every document is shown")
    print("  %d documents, %d report entries, %d clusters: counts and every "
          "removed span match" % (len(crawl.docs),
                                  sum(map(len, crawl.entries.values())),
                                  len(crawl.clusters)))

    # Filters from the URL fragment.
    sites = {}
    for d in crawl.docs:
        sites.setdefault(site_from_url(d["url"]), []).append(d["id"])
    site = max(sites, key=lambda s: (len(sites[s]), s))
    want = {i for i in sites[site]
            if any(e["reason"] == "teaser" for e in crawl.entries[i])}
    check(want, "the filter test needs teasers on " + site)
    check_filter(browser, page, "#site=%s&reason=teaser" % site, want)
    # A word in some documents but not in most.
    texts = {a.attrs["data-id"]: shown_text(a) for a in articles}
    needle = None
    for d in crawl.docs:
        for word in re.findall(r"[\u0621-\u064A]{6,}", d["text"]):
            holders = {i for i, t in texts.items() if word in t}
            if 2 <= len(holders) <= len(texts) // 4:
                needle = word
                break
        if needle:
            break
    check(needle is not None, "no search word found")
    near = {d["id"] for d in crawl.docs if crawl.dropped(d["id"]) and
            crawl.entries[d["id"]][0]["reason"] == "near_dup"}
    check(near, "the crawl has no near duplicate")
    check_layout_and_form(browser, page, work, [
        ({"reason": "near_dup"}, near, "#reason=near_dup"),
        ({"q": needle}, {i for i, t in texts.items() if needle in t},
         "#q=" + needle),
        ({"site": site, "reason": "label"},
         {i for i in sites[site]
          if any(e["reason"] == "label" for e in crawl.entries[i])},
         "#site=%s&reason=label" % site),
        ({}, set(texts), ""),
    ])
    check_screenshot(browser, page, os.path.join(work, "explorer.png"),
                     ["lexicon", "teaser"])

    # A bounded sample keeps every count, keeps clusters together and is
    # deterministic (parsed without a browser: the page is server-rendered).
    small = os.path.join(work, "small.html")
    run([opts.safi, "explore", "--max-documents", "40", "--max-sites", "3",
         "--report", report, "-o", small, crawl_path])
    again = os.path.join(work, "small2.html")
    run([opts.safi, "explore", "--max-documents", "40", "--max-sites", "3",
         "--report", report, "-o", again, crawl_path])
    with open(small, encoding="utf-8") as f:
        small_text = f.read()
    with open(again, encoding="utf-8") as f:
        check(f.read() == small_text, "two runs wrote different pages")
    small_dom = parse_html(small_text)
    check_counts(small_dom, crawl, with_sites=False)
    sampled = check_documents(small_dom, crawl, expect_all=False)
    check(len(sampled) == 40, "%d documents sampled, want 40" % len(sampled))
    rows = [tr for tr in small_dom.find(id="sites").find_all("tr")
            if "data-site" in tr.attrs]
    check(len(rows) == 3, "%d site rows, want 3 (--max-sites)" % len(rows))
    check(small_dom.find("tr", cls="others") is not None,
          "the other sites are summed in one row")
    ids = {a.attrs["data-id"] for a in sampled}
    split = [i for i in ids if crawl.dropped(i) and
             crawl.entries[i][0]["kept"] not in ids]
    check(len(split) <= 2, "clusters split by the sample: %s" % split)
    print("  sample of 40: counts intact, deterministic, %d clusters cut at "
          "the sample's edge" % len(split))


HOSTILE = [
    '<script>document.documentElement.setAttribute("data-pwned","script")</script>',
    '</textarea><img src=x onerror="document.documentElement.setAttribute(\'data-pwned\',\'img\')">',
    '"\'><svg onload="document.documentElement.setAttribute(\'data-pwned\',\'svg\')"></svg>',
    "'\"></bdi></del></div></article></section><h1 id=\"injected\">injected</h1>",
    "</style><style>body{display:none}</style>",
    '</script><script>document.title="pwned"</script>',
    "<!-- an unclosed comment",
    "\u202eهذا النص معكوس الاتجاه\u202c ثم \u2067عزل\u2069 \u200f\u200e\u061c",
    "nul \u0000 bell \u0007 cr-less \u000b del \u007f",
    "&amp; &lt;b&gt; &#x3c;script&#x3e; stay text",
]


def execution_detected(dom):
    """What a payload that ran or became an element would leave in the DOM;
    empty if nothing."""
    found = []
    html_node = dom.find("html")
    if "data-pwned" in html_node.attrs:
        found.append("data-pwned=" + html_node.attrs["data-pwned"])
    title = dom.find("title")
    if title is not None and "pwned" in title.text():
        found.append("title " + title.text())
    for tag in ("img", "textarea"):
        if dom.find(tag) is not None:
            found.append("<%s> element" % tag)
    if dom.find(id="injected") is not None:
        found.append("injected <h1>")
    return found


def case_hostile(opts, browser, work):
    # Positive control: the same payloads pasted raw into a page do run.
    control = os.path.join(work, "control.html")
    with open(control, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><title>control</title><body>%s</body>" %
                "\n".join(HOSTILE[:3]))
    found = execution_detected(browser.dom(control))
    check(found, "the detector saw nothing on the unescaped control page")
    print("  control page (payloads unescaped): detected %s" % found)

    body = ["عنوان الخبر: اختبار الهروب من الشيفرة"] + HOSTILE + [
        "اضف تعليق", "لن يتم نشر عنوان بريدك الإلكتروني", "مقالات ذات صلة"]
    docs = [
        {"id": HOSTILE[0], "url": 'https://hostile.example/"><img src=x>',
         "text": "\n".join(body) + "\n"},
        # An exact copy: dropped, with the hostile id as its kept copy.
        {"id": '\u202e"><b>copy', "url": "https://hostile.example/copy",
         "text": "\n".join(body) + "\n"},
        {"id": "crlf", "url": "https://\u202eevil.example/x",
         "text": "\r\n".join(HOSTILE[::-1]) + "\r"},
    ]
    crawl_path = os.path.join(work, "hostile.jsonl")
    with open(crawl_path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    page, report = dedup_and_explore(opts, work, [crawl_path], name="hostile")
    crawl = Crawl(read_jsonl(crawl_path), read_jsonl(report))
    check(crawl.dropped(docs[1]["id"]), "the copy was not dropped")
    dom = browser.dom(page)
    found = execution_detected(dom)
    check(not found, "crawl text executed or became markup: %s" % found)
    check(len(dom.find_all("script")) == 1, "%d script elements, want 1" %
          len(dom.find_all("script")))
    check(len(dom.find_all("style")) == 1, "more than one style element")
    check(len(dom.find_all("svg")) == 1, "an svg element was injected")
    check(dom.find("title").text().startswith("safi explore:"), "title")
    check_counts(dom, crawl, with_sites=False)
    check_documents(dom, crawl, expect_all=True)
    kept_links = [a for a in dom.find_all("a") if a.text() == HOSTILE[0]]
    check(kept_links, "the hostile kept id is not shown as a link's text")
    copy = dom.find("article", data_id=docs[1]["id"])
    check(copy.find("h3").text() == '<U+202E>"><b>copy',
          "the copy's id is shown as %r, its RLO not made visible" %
          copy.find("h3").text())
    check_screenshot(browser, page, os.path.join(work, "hostile.png"),
                     ["lexicon"])
    print("  %d payloads in text, ids and URLs: shown as text, nothing ran"
          % len(HOSTILE))


def case_seed(opts, browser, work):
    corpora = os.environ.get("SAFI_CORPORA_DIR", "")
    files = sorted(glob.glob(os.path.join(corpora, "seed", "*.txt")))
    if not corpora or not files:
        print("SKIPPED: SAFI_CORPORA_DIR is not set (or has no seed/*.txt): "
              "the seed-page explorer test needs $SAFI_CORPORA_DIR/seed")
        return SKIP
    seed = os.path.join(work, "seed.txt")
    shutil.copyfile(files[0], seed)
    os.chdir(work)  # the document id is the file name as given
    page, report = dedup_and_explore(opts, work, ["seed.txt"],
                                     extra=["--format", "text"], name="seed")
    with open(seed, encoding="utf-8") as f:
        crawl = Crawl([{"id": "seed.txt", "url": None, "text": f.read()}],
                      read_jsonl(report))
    dom = browser.dom(page)
    check_counts(dom, crawl)
    check_documents(dom, crawl, expect_all=True)
    entries = crawl.entries["seed.txt"]
    check(len(entries) > 0, "nothing removed from the seed page")
    print("  %s: %d removed lines shown with their reasons (%s)" % (
        os.path.basename(files[0]), len(entries),
        ", ".join("%s %d" % (r, sum(e["reason"] == r for e in entries))
                  for r in REASONS if any(e["reason"] == r for e in entries))))
    return 0


def readme_screenshot(opts, browser, work, out):
    """The README's screenshot: the top of the page of a generated crawl,
    reduced to 256 colours to keep the file small."""
    from PIL import Image
    generate_crawl(opts, work, 300)
    os.chdir(work)  # the page names its inputs as given
    with open("out.jsonl", "wb") as f:
        f.write(run([opts.safi, "dedup", "--report", "report.jsonl",
                     "crawl.jsonl"]))
    run([opts.safi, "explore", "--max-sites", "4", "--report", "report.jsonl",
         "-o", "explorer.html", "crawl.jsonl"])
    browser.screenshot("explorer.html", "readme.png", 1100, 2000)
    with Image.open("readme.png") as image:
        image.convert("RGB").quantize(colors=256).save(out, optimize=True)
    print("wrote %s (%d bytes)" % (out, os.path.getsize(out)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--safi", required=True)
    parser.add_argument("--crawl", required=True, help="safi-eval-crawl")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "")
    parser.add_argument("--case", choices=["generated", "hostile", "seed"])
    parser.add_argument("--readme-screenshot", metavar="PNG")
    parser.add_argument("--keep", action="store_true",
                        help="keep the pages and crawls (path printed)")
    opts = parser.parse_args()
    opts.safi, opts.crawl = os.path.abspath(opts.safi), os.path.abspath(opts.crawl)
    ci = os.environ.get("CI", "") not in ("", "false", "0")
    missing = []
    if not opts.chromium or not os.access(opts.chromium, os.X_OK):
        missing.append("chromium")
    try:
        import PIL  # noqa: F401  python3-pil
    except ImportError:
        missing.append("python3-pil")
    if missing:
        message = ("%s not installed (.ci/install-deps installs it)" %
                   " and ".join(missing))
        if ci:
            print("FAIL: " + message)
            return 1
        print("SKIPPED: " + message)
        return SKIP
    work = tempfile.mkdtemp(prefix="safi-explore-test.")
    browser = Browser(opts.chromium, work)
    try:
        if opts.readme_screenshot:
            readme_screenshot(opts, browser, work,
                              os.path.abspath(opts.readme_screenshot))
            return 0
        status = {"generated": case_generated, "hostile": case_hostile,
                  "seed": case_seed}[opts.case](opts, browser, work)
        print("%s: %s (%d Chromium runs)" % (
            opts.case, "skipped" if status == SKIP else "passed", browser.runs))
        return status or 0
    except Failure as e:
        print("FAIL (%s): %s" % (opts.case, e))
        return 1
    finally:
        if opts.keep:
            print("files kept in " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
