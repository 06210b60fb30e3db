#include "core/feed/feedtext.h"
#include "core/feed/xmlrecovery.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace sidecast;

class TestFeedText : public QObject
{
    Q_OBJECT

private slots:
    void htmlToPlainText_data();
    void htmlToPlainText();
    void plainTextSharesUnchangedInput();
    void collapseWhitespace_data();
    void collapseWhitespace();
    void escapeHtml();
    void hasMarkup_data();
    void hasMarkup();
    void htmlEntity_data();
    void htmlEntity();

    void isBlank_data();
    void isBlank();
    void leadingJunkLength_data();
    void leadingJunkLength();
    void looksLikeHtml_data();
    void looksLikeHtml();
    void repair_data();
    void repair();
    void repairLeavesWellFormedInputAlone();
};

void TestFeedText::htmlToPlainText_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("plain");

    QTest::newRow("plain text") << u"Just words"_s << u"Just words"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("inline tags join")
        << u"<b>bold</b>face and <em>it</em>alic"_s << u"boldface and italic"_s;
    QTest::newRow("block tags separate") << u"<p>One</p><p>Two</p>"_s << u"One Two"_s;
    QTest::newRow("br separates") << u"line<br>next<br/>last"_s << u"line next last"_s;
    QTest::newRow("list") << u"<ul><li>a</li><li>b</li></ul>"_s << u"a b"_s;
    QTest::newRow("attributes with >") << u"<a href=\"x\" title=\"a>b\">link</a>"_s << u"link"_s;
    QTest::newRow("comment") << u"before<!-- hidden <b>x</b> -->after"_s << u"beforeafter"_s;
    QTest::newRow("script and style dropped")
        << u"<style>p{color:red}</style>text<script>if (a < b) alert(1);</script>"_s << u"text"_s;
    QTest::newRow("named entities")
        << u"caf&eacute; &amp; cr&egrave;me &mdash; &hellip;"_s << u"café & crème — …"_s;
    QTest::newRow("numeric entities")
        << u"&#8220;quoted&#8221; &#x2019;"_s << u"\u201Cquoted\u201D \u2019"_s;
    QTest::newRow("astral numeric entity") << u"smile &#x1F600;"_s << u"smile \U0001F600"_s;
    QTest::newRow("windows-1252 numeric quirk") << u"it&#146;s"_s << u"it\u2019s"_s;
    QTest::newRow("unknown entity stays") << u"&bogus; &amp"_s << u"&bogus; &amp"_s;
    QTest::newRow("bare ampersand") << u"Q&A and R & D"_s << u"Q&A and R & D"_s;
    QTest::newRow("nbsp collapses") << u"a&nbsp;&nbsp; b"_s << u"a b"_s;
    QTest::newRow("whitespace collapses") << u"  lots \n\n of\t space  "_s << u"lots of space"_s;
    QTest::newRow("less-than in text") << u"a < b and 3<4"_s << u"a < b and 3<4"_s;
    QTest::newRow("unterminated tag stays") << u"x <y then"_s << u"x <y then"_s;
    QTest::newRow("doctype dropped") << u"<!DOCTYPE html><p>Hi</p>"_s << u"Hi"_s;
    QTest::newRow("escaped markup after decoding stays text")
        << u"&lt;b&gt;not a tag&lt;/b&gt;"_s << u"<b>not a tag</b>"_s;
}

void TestFeedText::htmlToPlainText()
{
    QFETCH(QString, html);
    QFETCH(QString, plain);
    QCOMPARE(feedtext::htmlToPlainText(html), plain);
}

void TestFeedText::plainTextSharesUnchangedInput()
{
    const QString text = u"Nothing to change here"_s;
    const QString result = feedtext::htmlToPlainText(text);
    QCOMPARE(result, text);
    QCOMPARE(result.constData(), text.constData()); // no copy was made
}

void TestFeedText::collapseWhitespace_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unchanged") << u"a b c"_s << u"a b c"_s;
    QTest::newRow("runs and ends") << u"\n a  \t b \r\n"_s << u"a b"_s;
    QTest::newRow("markup untouched") << u"<b> x &amp;</b>"_s << u"<b> x &amp;</b>"_s;
    QTest::newRow("only spaces") << u"   "_s << QString();
}

void TestFeedText::collapseWhitespace()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(feedtext::collapseWhitespace(text), expected);
}

void TestFeedText::escapeHtml()
{
    QCOMPARE(feedtext::escapeHtml(u"a < b & \"c\" > d"), u"a &lt; b &amp; \"c\" &gt; d"_s);
    QString attribute;
    feedtext::appendEscapedHtml(attribute, u"say \"hi\"", true);
    QCOMPARE(attribute, u"say &quot;hi&quot;"_s);
}

void TestFeedText::hasMarkup_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("markup");
    QTest::newRow("plain") << u"Just words."_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("paragraph") << u"<p>Hi</p>"_s << true;
    QTest::newRow("heading with spaces") << u" <h1>This is a <em>test</em></h1> "_s << true;
    QTest::newRow("self-closing") << u"one<br/>two"_s << true;
    QTest::newRow("attributes") << u"see <a href=\"https://x.example/\">this</a>"_s << true;
    QTest::newRow("less-than in prose") << u"a < b and c > d"_s << false;
    QTest::newRow("arrow") << u"x <- y"_s << false;
    QTest::newRow("entity only") << u"Tom &amp; Jerry"_s << false;
    QTest::newRow("end tag only") << u"oops</p>"_s << false;
    QTest::newRow("unclosed tag") << u"<a href=\"x"_s << false;
    QTest::newRow("digits after <") << u"<3 this show"_s << false;
}

void TestFeedText::hasMarkup()
{
    QFETCH(QString, text);
    QFETCH(bool, markup);
    QCOMPARE(feedtext::hasMarkup(text), markup);
}

void TestFeedText::htmlEntity_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<uint>("code");
    QTest::newRow("nbsp") << u"nbsp"_s << 0xA0u;
    QTest::newRow("eacute") << u"eacute"_s << 0xE9u;
    QTest::newRow("Eacute is another letter") << u"Eacute"_s << 0xC9u;
    QTest::newRow("mdash") << u"mdash"_s << 0x2014u;
    QTest::newRow("euro") << u"euro"_s << 0x20ACu;
    QTest::newRow("thetasym (longest)") << u"thetasym"_s << 0x3D1u;
    QTest::newRow("amp") << u"amp"_s << 0x26u;
    QTest::newRow("unknown") << u"gtgt"_s << 0u;
    QTest::newRow("case matters") << u"NBSP"_s << 0u;
    QTest::newRow("empty") << QString() << 0u;
}

void TestFeedText::htmlEntity()
{
    QFETCH(QString, name);
    QFETCH(uint, code);
    QCOMPARE(uint(feedtext::htmlEntity(name)), code);
    QCOMPARE(uint(feedtext::htmlEntity(QByteArrayView(name.toLatin1()))), code);
}

void TestFeedText::isBlank_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("blank");
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("whitespace") << QByteArray(" \r\n\t ") << true;
    QTest::newRow("bom only") << QByteArray("\xEF\xBB\xBF\n") << true;
    QTest::newRow("utf-16 bom and space") << QByteArray("\xFF\xFE \0\n\0", 6) << true;
    QTest::newRow("content") << QByteArray("  <rss/>") << false;
}

void TestFeedText::isBlank()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, blank);
    QCOMPARE(xmlrecovery::isBlank(data), blank);
}

void TestFeedText::leadingJunkLength_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("junk");
    QTest::newRow("clean") << QByteArray("<?xml version=\"1.0\"?><rss/>") << 0;
    QTest::newRow("bom then declaration") << QByteArray("\xEF\xBB\xBF<?xml version=\"1.0\"?>") << 0;
    QTest::newRow("newline before declaration")
        << QByteArray("\n<?xml version=\"1.0\"?><rss/>") << 1;
    QTest::newRow("text before declaration")
        << QByteArray("Warning: x\n<?xml version=\"1.0\"?><rss/>") << 11;
    QTest::newRow("bom and spaces before declaration")
        << QByteArray("\xEF\xBB\xBF  <?xml version=\"1.0\"?><rss/>") << 5;
    QTest::newRow("stylesheet is not the declaration")
        << QByteArray("junk<?xml-stylesheet href=\"a\"?><rss/>") << 4;
    QTest::newRow("whitespace before root is fine") << QByteArray("\n  <rss/>") << 0;
    QTest::newRow("text before root") << QByteArray("oops <rss/>") << 5;
    QTest::newRow("utf-16 untouched") << QByteArray("\xFF\xFE\n\0<\0", 6) << 0;
}

void TestFeedText::leadingJunkLength()
{
    QFETCH(QByteArray, data);
    QFETCH(int, junk);
    QCOMPARE(xmlrecovery::leadingJunkLength(data), qsizetype(junk));
}

void TestFeedText::looksLikeHtml_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("html");
    QTest::newRow("doctype") << QByteArray("<!DOCTYPE html><html><body>") << true;
    QTest::newRow("lower-case doctype") << QByteArray("\n<!doctype HTML>\n<title>x") << true;
    QTest::newRow("html root") << QByteArray("<HTML lang=\"en\">") << true;
    QTest::newRow("after declaration and comment")
        << QByteArray("<?xml version=\"1.0\"?>\n<!-- x -->\n<html xmlns=\"…\">") << true;
    QTest::newRow("rss") << QByteArray("<?xml version=\"1.0\"?><rss version=\"2.0\">") << false;
    QTest::newRow("htmlish name") << QByteArray("<htmlfeed/>") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestFeedText::looksLikeHtml()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, html);
    QCOMPARE(xmlrecovery::looksLikeHtml(data), html);
}

void TestFeedText::repair_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("bare ampersand") << QByteArray("<a>Q & A</a>") << QByteArray("<a>Q &amp; A</a>");
    QTest::newRow("ampersand in attribute")
        << QByteArray("<a href=\"x?a=1&b=2\"/>") << QByteArray("<a href=\"x?a=1&amp;b=2\"/>");
    QTest::newRow("html entity") << QByteArray("<a>caf&eacute;&nbsp;</a>")
                                 << QByteArray("<a>caf&#233;&#160;</a>");
    QTest::newRow("unknown entity becomes text")
        << QByteArray("<a>&gtgt;</a>") << QByteArray("<a>&amp;gtgt;</a>");
    QTest::newRow("valid references kept")
        << QByteArray("<a>&amp;&lt;&#38;&#x26;</a>") << QByteArray();
    QTest::newRow("invalid character reference")
        << QByteArray("<a>x&#1;y</a>") << QByteArray("<a>x&#xFFFD;y</a>");
    QTest::newRow("bare less-than") << QByteArray("<a>1 < 2</a>") << QByteArray("<a>1 &lt; 2</a>");
    QTest::newRow("cdata untouched") << QByteArray("<a><![CDATA[a & b &nbsp; <]]> & </a>")
                                     << QByteArray("<a><![CDATA[a & b &nbsp; <]]> &amp; </a>");
    QTest::newRow("comment untouched")
        << QByteArray("<a><!-- & --> & </a>") << QByteArray("<a><!-- & --> &amp; </a>");
    QTest::newRow("declared entity kept")
        << QByteArray("<!DOCTYPE a [<!ENTITY me \"x & y\">]><a>&me; &you;</a>")
        << QByteArray("<!DOCTYPE a [<!ENTITY me \"x & y\">]><a>&me; &amp;you;</a>");
    QTest::newRow("unquoted attribute")
        << QByteArray("<a href=x.mp3 b='1'/>") << QByteArray("<a href=\"x.mp3\" b='1'/>");
    QTest::newRow("valueless attribute")
        << QByteArray("<a checked>x</a>") << QByteArray("<a checked=\"\">x</a>");
    QTest::newRow("undeclared well-known prefix")
        << QByteArray("<rss><channel><itunes:author>x</itunes:author></channel></rss>")
        << QByteArray("<rss xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
                      "<channel><itunes:author>x</itunes:author></channel></rss>");
    QTest::newRow("declared prefix left alone")
        << QByteArray("<rss xmlns:i=\"urn:i\"><i:x/></rss>") << QByteArray();
    QTest::newRow("junk in end tag") << QByteArray("<a>x</a junk>") << QByteArray("<a>x</a>");
    QTest::newRow("stray character in start tag")
        << QByteArray("<a & b=\"1\">x</a>") << QByteArray("<a  b=\"1\">x</a>");
    QTest::newRow("windows-1252 bytes in utf-8")
        << QByteArray("<a>caf\xe9 \x93q\x94</a>")
        << QByteArray("<a>caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d</a>");
    QTest::newRow("valid utf-8 kept, stray byte recoded")
        << QByteArray("<a>\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 \xc3</a>")
        << QByteArray("<a>\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 \xc3\x83</a>");
    QTest::newRow("forbidden control characters dropped")
        << QByteArray("<a>x\x0by\x1f\tz</a>") << QByteArray("<a>xy\tz</a>");
    QTest::newRow("declared latin-1 not recoded")
        << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>")
        << QByteArray();
    QTest::newRow("declared utf-8 recoded")
        << QByteArray("<?xml version='1.0' encoding='UTF-8'?><a>caf\xe9</a>")
        << QByteArray("<?xml version='1.0' encoding='UTF-8'?><a>caf\xc3\xa9</a>");
    QTest::newRow("undeclared unknown prefix")
        << QByteArray("<rss><foo:bar/></rss>")
        << QByteArray("<rss xmlns:foo=\"urn:x-sidecast:undeclared:foo\"><foo:bar/></rss>");
}

void TestFeedText::repair()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const QByteArray repaired = xmlrecovery::repair(input);
    if (expected.isNull())
        QVERIFY2(repaired.isNull(), repaired.constData());
    else
        QCOMPARE(repaired, expected);
}

void TestFeedText::repairLeavesWellFormedInputAlone()
{
    const QByteArray wellFormed =
        "<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\" "
        "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel>"
        "<title>A &amp; B</title><itunes:image href=\"x.png\"/>"
        "<description><![CDATA[<p>x & y</p>]]></description></channel></rss>";
    QVERIFY(xmlrecovery::repair(wellFormed).isNull());
}

QTEST_GUILESS_MAIN(TestFeedText)
#include "tst_feedtext.moc"
