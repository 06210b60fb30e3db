// ShowNotes: sanitizing feed notes into Qt rich text, linking and listing timestamps, and plain
// text. Tables give exact outputs; the hostile and random inputs are also checked structurally
// (only allowed tags and attributes, balanced) so that a change cannot let markup through.

#include "core/notes/shownotes.h"

#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QtTest>

using namespace sidecast;

namespace {

const QString kBase = QStringLiteral("https://example.com/show/ep1");

// The notes of "Websockets", as resources/demo/52-weeks-of-cloud.xml publishes them.
const QString kWebsocketsNotes =
    QStringLiteral("<h3>WebSockets in Rust: From Theory to Implementation</h3>\n"
                   "<p>Episode Notes for Pragmatic Labs Technical Deep Dive</p>\n"
                   "<h3>Introduction [00:00-00:45]</h3>\n"
                   "<ul>\n"
                   "<li>WebSockets vs HTTP request-response pattern analogy</li>\n"
                   "<li>Real-time communication model comparison</li>\n"
                   "</ul>");

const QString kWebsocketsRich =
    QStringLiteral("<h3>WebSockets in Rust: From Theory to Implementation</h3> "
                   "<p>Episode Notes for Pragmatic Labs Technical Deep Dive</p> "
                   "<h3>Introduction [<a href=\"sidecast:seek?t=0\">00:00</a>-"
                   "<a href=\"sidecast:seek?t=45\">00:45</a>]</h3> "
                   "<ul> <li>WebSockets vs HTTP request-response pattern analogy</li> "
                   "<li>Real-time communication model comparison</li> </ul>");

const QString kWebsocketsPlain =
    QStringLiteral("WebSockets in Rust: From Theory to Implementation\n\n"
                   "Episode Notes for Pragmatic Labs Technical Deep Dive\n\n"
                   "Introduction [00:00-00:45]\n\n"
                   "WebSockets vs HTTP request-response pattern analogy\n"
                   "Real-time communication model comparison");

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// "SECONDS=TEXT" for every seek link in rich text, in order.
QStringList seekLinks(const QString &rich)
{
    static const QRegularExpression link(
        QStringLiteral("<a href=\"sidecast:seek\\?t=(\\d+)\">([^<]*)</a>"));
    QStringList result;
    for (auto it = link.globalMatch(rich); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        result << m.captured(1) + u'=' + m.captured(2);
    }
    return result;
}

QStringList describe(const QList<NoteTimestamp> &timestamps)
{
    QStringList result; // SECONDS|LABEL, plus "|end" for the end of a range
    for (const NoteTimestamp &t : timestamps)
        result << QString::number(t.seconds) + u'|' + t.label + (t.rangeEnd ? u"|end" : u"");
    return result;
}

// Why `rich` is not what toRichText() may produce (only the allowed elements, attributes only
// href on <a> (http(s), mailto or a seek link) and colspan/rowspan on cells, every element
// closed in order, no stray '<' or '>'), or an empty string when it is fine.
QString richTextProblem(const QString &rich)
{
    static const QStringList containers =
        QStringLiteral("p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd b strong i em u s a blockquote pre "
                       "code table thead tbody tfoot tr td th span div sub sup small big")
            .split(u' ');
    static const QRegularExpression anchor(QStringLiteral(
        "^a href=\"(https?://[^\"<>\\s]+|mailto:[^\"<>\\s]+|sidecast:seek\\?t=\\d+)\"$"));
    static const QRegularExpression cell(
        QStringLiteral("^t[dh]( (colspan|rowspan)=\"[1-9][0-9]{0,3}\")*$"));
    QStringList open;
    qsizetype i = 0;
    while (i < rich.size()) {
        const qsizetype lt = rich.indexOf(u'<', i);
        const qsizetype stray = rich.indexOf(u'>', i);
        if (stray >= 0 && (lt < 0 || stray < lt))
            return QStringLiteral("stray '>' at ") + QString::number(stray);
        if (lt < 0)
            break;
        const qsizetype gt = rich.indexOf(u'>', lt);
        if (gt < 0)
            return QStringLiteral("unterminated tag at ") + QString::number(lt);
        const QString tag = rich.mid(lt + 1, gt - lt - 1);
        i = gt + 1;
        if (tag == u"br" || tag == u"hr")
            continue;
        if (tag.startsWith(u'/')) {
            const QString name = tag.mid(1);
            if (open.isEmpty() || open.last() != name)
                return QStringLiteral("unbalanced </") + name + u'>';
            open.removeLast();
            continue;
        }
        const QString name = tag.section(u' ', 0, 0);
        if (!containers.contains(name))
            return QStringLiteral("element not allowed: ") + tag;
        if (tag.contains(u' ') && !(name == u"a" && anchor.match(tag).hasMatch()) &&
            !((name == u"td" || name == u"th") && cell.match(tag).hasMatch()))
            return QStringLiteral("attributes not allowed: ") + tag;
        if (name == u"a" && !tag.contains(u' '))
            return QStringLiteral("link without href");
        if (name == u"a" && open.contains(QStringLiteral("a")))
            return QStringLiteral("link inside link");
        open.append(name);
    }
    if (!open.isEmpty())
        return QStringLiteral("left open: ") + open.join(u' ');
    return {};
}

} // namespace

class TestShowNotes : public QObject
{
    Q_OBJECT

private slots:
    void sanitize_data()
    {
        QTest::addColumn<QString>("notes");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");

        // Plain text
        QTest::newRow("empty") << QString() << kBase << QString();
        QTest::newRow("only whitespace") << s(" \n\t\n ") << kBase << QString();
        QTest::newRow("plain paragraphs and lines")
            << s("Hello world\nSecond line\n\nNew para") << kBase
            << s("<p>Hello world<br>Second line</p><p>New para</p>");
        QTest::newRow("plain CRLF, blank lines at the ends and several in a row")
            << s("\r\n \r\nfirst\r\nsecond\r\n\r\n  \r\n\r\nthird\r\n") << kBase
            << s("<p>first<br>second</p><p>third</p>");
        QTest::newRow("plain text is escaped")
            << s("Tom & Jerry <3 \"quotes\", x < y, Vec<String>, a<b") << kBase
            << s("<p>Tom &amp; Jerry &lt;3 &quot;quotes&quot;, x &lt; y, Vec&lt;String&gt;, "
                 "a&lt;b</p>");
        QTest::newRow("plain text decodes only complete entities")
            << s("AT&T &copy 2024 &amp; &#8212; &bogus;") << kBase
            << s("<p>AT&amp;T &amp;copy 2024 &amp; \u2014 &amp;bogus;</p>");
        QTest::newRow("plain text URLs become links")
            << s("See https://example.org/a?b=1&c=2. And (http://x.org/wiki/A_(b)).") << kBase
            << s("<p>See <a href=\"https://example.org/a?b=1&amp;c=2\">"
                 "https://example.org/a?b=1&amp;c=2</a>. And (<a href=\"http://x.org/wiki/A_(b)\">"
                 "http://x.org/wiki/A_(b)</a>).</p>");
        QTest::newRow("plain text URL in angle brackets")
            << s("Docs: <https://doc.rust-lang.org/book/>") << kBase
            << s("<p>Docs: &lt;<a href=\"https://doc.rust-lang.org/book/\">"
                 "https://doc.rust-lang.org/book/</a>&gt;</p>");

        // HTML kept
        QTest::newRow("inline formatting")
            << s("<p>A <b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> H<sub>2</sub>O "
                 "x<sup>2</sup> <span>sp</span> <s>gone</s></p>")
            << kBase
            << s("<p>A <b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> H<sub>2</sub>O "
                 "x<sup>2</sup> <span>sp</span> <s>gone</s></p>");
        QTest::newRow("headings and lists")
            << s("<h1>T</h1><h6>t</h6><ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>") << kBase
            << s("<h1>T</h1><h6>t</h6><ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>");
        QTest::newRow("blockquote, pre, code, hr, div")
            << s("<blockquote>q</blockquote><pre>a\n  b</pre><p><code>x &lt; y</code></p><hr/>"
                 "<div>d</div>")
            << kBase
            << s("<blockquote>q</blockquote><pre>a\n  b</pre><p><code>x &lt; y</code></p><hr>"
                 "<div>d</div>");
        QTest::newRow("table basics, spans kept, other attributes dropped")
            << s("<table border=1 style=\"x\"><thead><tr><th align=left>h</th></tr></thead>"
                 "<tr><td colspan=\"2\" rowspan=x onclick=y>c</td><td ROWSPAN=3>d</td></tr>"
                 "</table>")
            << kBase
            << s("<table><thead><tr><th>h</th></tr></thead><tr><td colspan=\"2\">c</td>"
                 "<td rowspan=\"3\">d</td></tr></table>");
        QTest::newRow("synonyms and HTML5 sections")
            << s("<article><header>H</header><section><strike>x</strike> <ins>y</ins> "
                 "<kbd>k</kbd> <cite>c</cite></section></article>")
            << kBase
            << s("<div><div>H</div><div><s>x</s> <u>y</u> <code>k</code> <i>c</i></div></div>");
        QTest::newRow("bare URL in HTML text becomes a link")
            << s("<p>Visit https://example.org/page.</p>") << kBase
            << s("<p>Visit <a href=\"https://example.org/page\">https://example.org/page</a>."
                 "</p>");
        QTest::newRow("link text is not linked again")
            << s("<a href=\"https://a.org/\">https://a.org/ at 12:30</a>") << kBase
            << s("<a href=\"https://a.org/\">https://a.org/ at 12:30</a>");
        QTest::newRow("HTML without block markup keeps its newlines")
            << s("\nLine one\n<b>Bold</b> two\n\n\nPara <i>three</i>\n") << kBase
            << s("Line one<br><b>Bold</b> two<br><br>Para <i>three</i>");
        QTest::newRow("Websockets notes from the demo feed")
            << kWebsocketsNotes << kBase << kWebsocketsRich;

        // Dropped with their content
        QTest::newRow("script") << s("<p>a<script>alert('<b>x</b></p>')</script>b</p>") << kBase
                                << s("<p>ab</p>");
        QTest::newRow("script written in upper case with attributes")
            << s("<p>a<SCRIPT type=\"text/javascript\">x()</SCRIPT >b</p>") << kBase
            << s("<p>ab</p>");
        QTest::newRow("style") << s("<style>p { color: red }</style><p>text</p>") << kBase
                               << s("<p>text</p>");
        QTest::newRow("iframe, object, embed, form")
            << s("<p>a<iframe src=\"https://evil.example\">fallback</iframe>b"
                 "<object data=x><param name=a value=b>obj</object>c<embed src=x>d"
                 "<form action=x><input name=q><button>Go</button></form>e</p>")
            << kBase << s("<p>abcde</p>");
        QTest::newRow("noscript, svg, template, math")
            << s("<p>a<noscript><b>no</b></noscript>b<svg><script>x</script><text>t</text></svg>"
                 "c<template><p>tpl</p></template>d<math><mi>x</mi></math>e</p>")
            << kBase << s("<p>abcde</p>");
        QTest::newRow("whole document: head, title, meta go")
            << s("<!DOCTYPE html><html><head><title>T</title><meta charset=utf-8>"
                 "<link rel=stylesheet href=x><style>b{}</style></head><body><p>Body</p></body>"
                 "</html>")
            << kBase << s("<p>Body</p>");
        QTest::newRow("unclosed script drops the rest")
            << s("<p>a</p><script>var x = 1; <p>never</p>") << kBase << s("<p>a</p>");
        QTest::newRow("images go") << s("<p>a<img src=\"x.png\" onerror=\"alert(1)\">b<IMG/>c</p>")
                                   << kBase << s("<p>abc</p>");

        // Attributes and links
        QTest::newRow("event handlers and styles")
            << s("<p onclick=\"evil()\" style=\"color:red\" class=x id=y>hi</p>"
                 "<b onmouseover=alert(1)>b</b>")
            << kBase << s("<p>hi</p><b>b</b>");
        QTest::newRow("javascript href")
            << s("<a href=\"javascript:alert(1)\">x</a>") << kBase << s("x");
        QTest::newRow("obfuscated javascript hrefs")
            << s("<a href=\"  JaVa&#x09;Script&colon;alert(1)\">a</a>"
                 "<a href=\"java\tscript:alert(1)\">b</a>"
                 "<a href=\"&#106;avascript:alert(1)\">c</a>"
                 "<a href='\x01javascript:alert(1)'>d</a>")
            << kBase << s("abcd");
        QTest::newRow("data, vbscript, file, ftp and custom schemes")
            << s("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">a</a>"
                 "<a href=\"vbscript:msgbox\">b</a><a href=\"file:///etc/passwd\">c</a>"
                 "<a href=\"ftp://x.org/f\">d</a><a href=\"sidecast:seek?t=1\">e</a>")
            << kBase << s("abcde");
        QTest::newRow("relative href resolved against the base")
            << s("<a href=\"/about?a=1&amp;b=2\">x</a> <a href=\"next\">y</a>") << kBase
            << s("<a href=\"https://example.com/about?a=1&amp;b=2\">x</a> "
                 "<a href=\"https://example.com/show/next\">y</a>");
        QTest::newRow("relative href without a base")
            << s("<a href=\"/about\">x</a> <a href=\"//cdn.example.org/f\">y</a>") << QString()
            << s("x <a href=\"https://cdn.example.org/f\">y</a>");
        QTest::newRow("mailto and entities in href")
            << s("<a href=\"mailto:host@example.org?subject=Hi%20there\">mail</a> "
                 "<a href=\"https://x.org/?a=1&copy=2&amp;b=3\">q</a>")
            << kBase
            << s("<a href=\"mailto:host@example.org?subject=Hi%20there\">mail</a> "
                 "<a href=\"https://x.org/?a=1&amp;copy=2&amp;b=3\">q</a>");
        QTest::newRow("quoted '>' inside attributes")
            << s("<a title=\"a>b\" href='https://x.org/?q=1>2'>link</a><p title='>'>p</p>") << kBase
            << s("<a href=\"https://x.org/?q=1%3E2\">link</a><p>p</p>");
        QTest::newRow("unquoted attributes")
            << s("<a href=https://x.org/path?a=1 title=t>x</a>") << kBase
            << s("<a href=\"https://x.org/path?a=1\">x</a>");
        QTest::newRow("attribute quote never closed")
            << s("<a href=\"https://x.org/>x</a> more") << kBase
            << s("<a href=\"https://x.org/\">x</a> more");
        QTest::newRow("upper-case tags and attributes")
            << s("<P><B>Bold</B><BR><A HREF=\"https://x.org\">x</A></P>") << kBase
            << s("<p><b>Bold</b><br><a href=\"https://x.org\">x</a></p>");

        // Broken HTML
        QTest::newRow("unclosed tags are closed")
            << s("<p><b>bold <i>both") << kBase << s("<p><b>bold <i>both</i></b></p>");
        QTest::newRow("misnested tags")
            << s("<b><i>x</b>y</i>z") << kBase << s("<b><i>x</i></b>yz");
        QTest::newRow("implicitly closed p, li and cells")
            << s("<ul><li>one<li>two</ul><p>p1<p>p2<table><tr><td>a<td>b<tr><td>c</table>") << kBase
            << s("<ul><li>one</li><li>two</li></ul><p>p1</p><p>p2</p><table><tr><td>a</td>"
                 "<td>b</td></tr><tr><td>c</td></tr></table>");
        QTest::newRow("nested links are split")
            << s("<a href=\"https://a.org/\">a<a href=\"https://b.org/\">b</a>c</a>") << kBase
            << s("<a href=\"https://a.org/\">a</a><a href=\"https://b.org/\">b</a>c");
        QTest::newRow("stray less-than and end tags")
            << s("<p>1 < 2, 3 <> 4, 5 <= 6, a</b>b</em></p></p>") << kBase
            << s("<p>1 &lt; 2, 3 &lt;&gt; 4, 5 &lt;= 6, ab</p>");
        QTest::newRow("comments and CDATA")
            << s("<p>a<!-- <script>x</script> -->b<!---->c<![CDATA[d<i>e</i>]]>f</p>") << kBase
            << s("<p>abcd<i>e</i>f</p>");
        QTest::newRow("unknown tags keep their text")
            << s("<p><custom-tag x=1>hello</custom-tag> <font color=red>red</font> "
                 "<foo:bar>ns</foo:bar></p>")
            << kBase << s("<p>hello red ns</p>");
        QTest::newRow("tag running into the end is text")
            << s("<p>a</p> b <a href=\"x") << kBase << s("<p>a</p> b &lt;a href=&quot;x");
        QTest::newRow("entities decoded and escaped again")
            << s("<p>&amp; &lt;b&gt; &quot; &apos; &eacute; &mdash; &#8230; &#x1F600; &nbsp;| "
                 "&copy 2024 AT&T &bogus; &#146;</p>")
            << kBase
            << s("<p>&amp; &lt;b&gt; &quot; ' \u00e9 \u2014 \u2026 \U0001F600 \u00a0| "
                 "\u00a9 2024 AT&amp;T &amp;bogus; \u2019</p>");
        QTest::newRow("control characters dropped")
            << s("<p>a\x01\x02&#1;b\x7f&#0;c</p>") << kBase << s("<p>ab\ufffdc</p>");
    }

    void sanitize()
    {
        QFETCH(QString, notes);
        QFETCH(QString, base);
        QFETCH(QString, expected);
        const QString rich = ShowNotes::toRichText(notes, QUrl(base));
        QCOMPARE(rich, expected);
        QCOMPARE(richTextProblem(rich), QString());
    }

    void deepNestingIsCapped()
    {
        const QString notes = QString(QStringLiteral("<div>")).repeated(1000) + QStringLiteral("x");
        const QString rich = ShowNotes::toRichText(notes);
        QCOMPARE(rich.count(QStringLiteral("<div>")), 200);
        QCOMPARE(rich.count(QStringLiteral("</div>")), 200);
        QVERIFY(rich.contains(QStringLiteral(">x<")));
    }

    void timestampLinks_data()
    {
        QTest::addColumn<QString>("notes");
        QTest::addColumn<QStringList>("links"); // SECONDS=TEXT

        // Linked
        QTest::newRow("MM:SS") << s("12:30 - Why Rust") << QStringList{s("750=12:30")};
        QTest::newRow("M:SS") << s("Intro at 5:07.") << QStringList{s("307=5:07")};
        QTest::newRow("H:MM:SS") << s("1:02:03 Outro") << QStringList{s("3723=1:02:03")};
        QTest::newRow("HH:MM:SS") << s("Ends at 01:02:03") << QStringList{s("3723=01:02:03")};
        QTest::newRow("00:00") << s("00:00") << QStringList{s("0=00:00")};
        QTest::newRow("range in brackets")
            << s("Introduction [00:00-00:45]") << QStringList{s("0=00:00"), s("45=00:45")};
        QTest::newRow("range with en dash and parentheses")
            << s("Intro (0:00 \u2013 1:15)") << QStringList{s("0=0:00"), s("75=1:15")};
        QTest::newRow("minutes past 59 without hours")
            << s("75:30 bonus") << QStringList{s("4530=75:30")};
        QTest::newRow("after a label's colon and before punctuation")
            << s("Topic:10:15, then 20:30; end") << QStringList{s("615=10:15"), s("1230=20:30")};
        QTest::newRow("in HTML list items")
            << s("<ul><li>03:15 Topic</li><li><b>1:00:00</b> Hour</li></ul>")
            << QStringList{s("195=03:15"), s("3600=1:00:00")};
        QTest::newRow("entity-separated range")
            << s("<p>10:00&ndash;12:00</p>") << QStringList{s("600=10:00"), s("720=12:00")};
        QTest::newRow("two-digit both sides reads as a time (16:10)")
            << s("Shot in 16:10") << QStringList{s("970=16:10")};
        QTest::newRow("chapter-verse shape reads as a time (3:16)")
            << s("John 3:16") << QStringList{s("196=3:16")};
        QTest::newRow("capitalised word after is a label, not a unit")
            << s("45:00 Minutes of fame") << QStringList{s("2700=45:00")};
        QTest::newRow("hash and at sign before")
            << s("#12:30 @ 13:45") << QStringList{s("750=12:30"), s("825=13:45")};

        // Not linked
        QTest::newRow("ratio 16:9") << s("Filmed in 16:9 and 4:3") << QStringList();
        QTest::newRow("single-digit seconds") << s("1:2:3 and 12:5") << QStringList();
        QTest::newRow("seconds or minutes over 59") << s("12:60 and 1:60:00") << QStringList();
        QTest::newRow("three-digit parts") << s("123:45 and 1:234") << QStringList();
        QTest::newRow("longer digit run") << s("10:30:45:12 and 1:02:03:04:05") << QStringList();
        QTest::newRow("clock times with am/pm")
            << s("10:30 am, 10:30pm, 9:15 P.M., 11:00\u00a0AM") << QStringList();
        QTest::newRow("clock times with a time zone")
            << s("Live at 20:00 UTC / 14:00 EST / 15:00 Uhr") << QStringList();
        QTest::newRow("ISO date-time and zone offsets")
            << s("2024-01-01T10:30:00Z, UTC+10:00, GMT-05:00, 10:30:00+01:00") << QStringList();
        QTest::newRow("version numbers and decimals")
            << s("v1.2:30, 2:10.15, 1.10:20, 12:30.5, 1:02:03,500") << QStringList();
        QTest::newRow("inside words") << s("abc12:30 12:30abc x_12:30") << QStringList();
        QTest::newRow("durations") << s("45:00 minutes, 1:30 h, 2:00 hrs") << QStringList();
        QTest::newRow("paths, ports and URLs")
            << s("/12:30 127.0.0.1:8080 https://example.org/t/12:30") << QStringList();
        QTest::newRow("inside an existing link")
            << s("<a href=\"https://youtube.com/watch?v=x&amp;t=750\">12:30</a>") << QStringList();
        QTest::newRow("inside script")
            << s("<p>x</p><script>var t = '12:30';</script>") << QStringList();
        QTest::newRow("split by markup") << s("<p>12<b>:30</b></p>") << QStringList();
    }

    void timestampLinks()
    {
        QFETCH(QString, notes);
        QFETCH(QStringList, links);
        const QString rich = ShowNotes::toRichText(notes, QUrl(kBase));
        QCOMPARE(seekLinks(rich), links);
        QCOMPARE(richTextProblem(rich), QString());
        // What toRichText() links, timestamps() lists; it also lists times in link text and
        // times split by markup, which it can see but toRichText() cannot link.
        if (!notes.contains(QStringLiteral("<a ")) && !notes.contains(QStringLiteral("<b>:"))) {
            QStringList seconds;
            for (const NoteTimestamp &t : ShowNotes::timestamps(notes))
                seconds << QString::number(t.seconds);
            QStringList linked;
            for (const QString &l : links)
                linked << l.section(u'=', 0, 0);
            QCOMPARE(seconds, linked);
        }
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("notes");
        QTest::addColumn<QStringList>("expected"); // see describe()

        QTest::newRow("Websockets notes from the demo feed")
            << kWebsocketsNotes << QStringList{s("0|Introduction"), s("45|Introduction|end")};
        QTest::newRow("time, dash, title")
            << s("12:30 - Why Rust") << QStringList{s("750|Why Rust")};
        QTest::newRow("one per line with separators")
            << s("Chapters:\n00:00 Intro\n05:12 \u2013 Topic one\n(1:02:03) | Outro\nThanks!")
            << QStringList{s("0|Intro"), s("312|Topic one"), s("3723|Outro")};
        QTest::newRow("several on a line, labels after")
            << s("00:00 Intro 02:15 Guest intro 10:30 Main topic")
            << QStringList{s("0|Intro"), s("135|Guest intro"), s("630|Main topic")};
        QTest::newRow("several on a line, labels before")
            << s("Intro (0:00), Main (5:30), Outro (50:00)")
            << QStringList{s("0|Intro"), s("330|Main"), s("3000|Outro")};
        QTest::newRow("HTML list items") << s("<ul><li><b>12:30</b> Why Rust</li>\n<li>Next up "
                                              "(15:00)</li><li>12:5 no</li></ul>")
                                         << QStringList{s("750|Why Rust"), s("900|Next up")};
        QTest::newRow("br-separated lines and a table row")
            << s("<p>00:00 Intro<br>01:00: Next</p><table><tr><td>02:00</td><td>Cell</td></tr>"
                 "</table>")
            << QStringList{s("0|Intro"), s("60|Next"), s("120|Cell")};
        QTest::newRow("timestamps in link text count")
            << s("<p><a href=\"https://youtube.com/watch?v=x&amp;t=750\">12:30</a> Topic</p>")
            << QStringList{s("750|Topic")};
        QTest::newRow("entities decoded in labels")
            << s("<p>12:30 &ndash; Rock &amp; Roll</p>") << QStringList{s("750|Rock & Roll")};
        QTest::newRow("a time alone has an empty label")
            << s("<li>12:30</li>") << QStringList{s("750|")};
        QTest::newRow("text around on both sides")
            << s("Part one - 12:30 - the details") << QStringList{s("750|Part one the details")};
        QTest::newRow("ranges mark their end")
            << s("<li>05:00 \u2013 12:30 Main topic</li><li>12:30 to 20:00 Outro</li>")
            << QStringList{s("300|Main topic"), s("750|Main topic|end"), s("750|Outro"),
                           s("1200|Outro|end")};
        QTest::newRow("none") << s("Nothing here, 16:9, 10:30 pm") << QStringList();
    }

    void timestamps()
    {
        QFETCH(QString, notes);
        QFETCH(QStringList, expected);
        QCOMPARE(describe(ShowNotes::timestamps(notes)), expected);
    }

    void toPlainText_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("expected");

        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("paragraphs") << s("<p>a</p><p>b</p>") << s("a\n\nb");
        QTest::newRow("lists") << s("<ul>\n <li>a</li>\n <li>b</li>\n</ul>") << s("a\nb");
        QTest::newRow("line breaks") << s("a<br>b<br/><br>c") << s("a\nb\n\nc");
        QTest::newRow("divs and headings")
            << s("<h1>Title</h1>text<div>a</div><div>b</div>") << s("Title\n\ntext\na\nb");
        QTest::newRow("named entities")
            << s("<p>&amp; &lt;tag&gt; &quot;q&quot; &apos;a&apos; &mdash; &ndash; &hellip; "
                 "&rsquo;&lsquo;&ldquo;&rdquo; &eacute;&Eacute;&uuml;&szlig; &euro;&trade;</p>")
            << s("& <tag> \"q\" 'a' \u2014 \u2013 \u2026 \u2019\u2018\u201c\u201d "
                 "\u00e9\u00c9\u00fc\u00df \u20ac\u2122");
        QTest::newRow("numeric entities")
            << s("<p>&#233;&#xE9;&#X2014; &#150;&#147;q&#148; &#65 &#0; &#x110000; &#xD800;</p>")
            << s("\u00e9\u00e9\u2014 \u2013\u201cq\u201d A \ufffd \ufffd \ufffd");
        QTest::newRow("nbsp and whitespace collapse within lines")
            << s("<p>  a&nbsp;&nbsp;b \n\t c  </p>") << s("a b c");
        QTest::newRow("legacy entities without semicolon in HTML")
            << s("<p>&copy 2024 &amp AT&T &ampx &notanentity;</p>")
            << s("\u00a9 2024 & AT&T &ampx &notanentity;");
        QTest::newRow("scripts, styles, images and comments go")
            << s("<p>a<script>x</script><style>y</style><img src=z><!-- c -->b</p>") << s("ab");
        QTest::newRow("tables") << s("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr>"
                                     "</table>")
                                << s("a b\nc");
        QTest::newRow("pre keeps its lines") << s("<pre>a\n  b\n</pre>after") << s("a\nb\n\nafter");
        QTest::newRow("plain text keeps its lines")
            << s("line1\r\nline2\n\n\n\n  line3  ") << s("line1\nline2\n\nline3");
        QTest::newRow("HTML without block markup keeps its lines")
            << s("Intro\n<b>12:30</b> Topic\n\nBye") << s("Intro\n12:30 Topic\n\nBye");
        QTest::newRow("Websockets notes from the demo feed")
            << kWebsocketsNotes << kWebsocketsPlain;
    }

    void toPlainText()
    {
        QFETCH(QString, html);
        QFETCH(QString, expected);
        QCOMPARE(ShowNotes::toPlainText(html), expected);
    }

    void seekUrls()
    {
        QCOMPARE(ShowNotes::seekUrl(750).toString(), QStringLiteral("sidecast:seek?t=750"));
        QCOMPARE(ShowNotes::seekSeconds(ShowNotes::seekUrl(3723)), 3723);
        QCOMPARE(ShowNotes::seekSeconds(QUrl(QStringLiteral("sidecast:seek?t=0"))), 0);
        QCOMPARE(ShowNotes::seekSeconds(QUrl(QStringLiteral("sidecast:seek?t=x"))), -1);
        QCOMPARE(ShowNotes::seekSeconds(QUrl(QStringLiteral("https://example.org/?t=5"))), -1);
    }

    // The real feed, read the way the app reads it, so the demo notes and the copy above agree.
    void demoFeed()
    {
        QFile file(QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/52-weeks-of-cloud.xml"));
        if (!file.open(QIODevice::ReadOnly))
            QSKIP("demo feed not found");
        QXmlStreamReader xml(&file);
        QString title;
        QString notes;
        while (!xml.atEnd() && notes.isEmpty()) {
            if (!xml.readNextStartElement())
                continue;
            if (xml.name() == u"title")
                title = xml.readElementText();
            else if (xml.name() == u"encoded" && title == u"Websockets")
                notes = xml.readElementText();
        }
        QCOMPARE(notes, kWebsocketsNotes);
        QCOMPARE(ShowNotes::toRichText(notes), kWebsocketsRich);
    }

    // Hostile and random input: never markup we do not allow, never unbalanced, never a crash,
    // and never a scan that grows faster than the input (a test timeout would catch that).
    void hostileAndRandomInput()
    {
        QStringList inputs = {
            s("<scr<script>ipt>alert(1)</script>"),
            s("<<script>script>alert(1)//<</script>/script>"),
            s("<a href=\"https://ok.org\" onclick=\"x\"><img src=x onerror=alert(1)>t</a>"),
            s("<svg/onload=alert(1)><p>after</p>"),
            s("<a href=\"javascript&#58;alert(1)\">x</a><a href=java&#x0A;script:x>y</a>"),
            s("<iframe srcdoc=\"<script>x</script>\"></iframe>text"),
            s("<p style=\"background:url(javascript:x)\">t</p>"),
            s("<a href=\"https://x.org/\"\"onclick=x>t</a>"),
            s("<table><td><table><td>x</table></td><p>y"),
            s("</a></b></li></ul></table></p>text<li>item"),
            s("<!-- unterminated comment <b>x</b>"),
            s("<![CDATA[ unterminated <b>x"),
            s("<?php echo 1; ?><!doctype x>ok"),
            s("<a href='https://x.org/\"><script>alert(1)</script>'>t</a>"),
            s("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>ok"),
            QString(QStringLiteral("<a ")).repeated(20000),
            QString(QStringLiteral("<a x='>'")).repeated(20000) + QStringLiteral("<b>"),
            QString(QStringLiteral("<!x")).repeated(20000),
            QStringLiteral("https://x.org/") + QString(QStringLiteral(")")).repeated(50000),
            QString(QStringLiteral("1:")).repeated(50000),
            QString(QStringLiteral("&#")).repeated(50000) +
                QString(QStringLiteral("&amp")).repeated(50000),
            QString(QStringLiteral("<div><b><i>")).repeated(5000),
            QString(QStringLiteral("</b>")).repeated(50000) + QStringLiteral("<p>x"),
            QString(QStringLiteral("<script>")).repeated(20000),
            QString(QStringLiteral("12:30 ")).repeated(20000),
        };

        // Mutations of real notes: random cuts, doubled fragments and inserted markup.
        const QStringList fragments = {
            s("<"),     s(">"),        s("</"),          s("\""),    s("'"),
            s("&"),     s("&#"),       s("<!--"),        s("-->"),   s("<script>"),
            s("</li>"), s("<a href="), s("javascript:"), s("12:30"), s("<![CDATA["),
            s("]]>"),   s("\n\n"),     s("<p>"),         s("<br>"),  s("<table><tr><td>"),
        };
        QRandomGenerator random(20250209);
        for (int n = 0; n < 300; ++n) {
            QString notes = kWebsocketsNotes;
            const int edits = 1 + int(random.bounded(8));
            for (int e = 0; e < edits; ++e) {
                const qsizetype at = random.bounded(int(notes.size()) + 1);
                switch (random.bounded(3)) {
                case 0:
                    notes.insert(at, fragments.at(random.bounded(int(fragments.size()))));
                    break;
                case 1:
                    notes.remove(at, random.bounded(20));
                    break;
                default:
                    notes.insert(at, notes.mid(random.bounded(int(notes.size()) + 1), 30));
                }
            }
            inputs << notes;
        }
        // Strings of markup atoms: tags, quotes, entities, comments and times in any order.
        const QStringList atoms =
            s("< > </ / \" ' = & # x ; amp a b p li td tr table script pre href https:// !-- --> "
              "![CDATA[ ]]> 12 : 30 - [ ] ( ) 1 0 pm head body svg \n \r \x01")
                .split(u' ');
        for (int n = 0; n < 2000; ++n) {
            QString notes;
            for (int length = random.bounded(60); length > 0; --length)
                notes += atoms.at(random.bounded(int(atoms.size())));
            inputs << notes;
        }

        for (const QString &notes : std::as_const(inputs)) {
            const QString rich = ShowNotes::toRichText(notes, QUrl(kBase));
            const QString problem = richTextProblem(rich);
            if (!problem.isEmpty())
                QFAIL(qPrintable(problem + QStringLiteral("\n  notes: ") + notes.left(300) +
                                 QStringLiteral("\n  rich: ") + rich.left(300)));
            ShowNotes::timestamps(notes);
            ShowNotes::toPlainText(notes);
        }
    }
};

QTEST_GUILESS_MAIN(TestShowNotes)
#include "tst_shownotes.moc"
