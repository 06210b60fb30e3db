#include "core/feed/feedparser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryFile>
#include <QTest>

#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace Qt::StringLiterals;
using namespace sidecast;

namespace {

QString fixturePath(const QString &name)
{
    return QStringLiteral(SIDECAST_TEST_DATA_DIR "/feeds/") + name;
}

QByteArray fixture(const QString &name)
{
    QFile file(fixturePath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

QUrl fixtureUrl(const QString &name)
{
    return QUrl::fromLocalFile(fixturePath(name));
}

FeedParser::Result parseFixture(const QString &name)
{
    return FeedParser::parse(fixture(name), fixtureUrl(name));
}

const QUrl kSource(u"https://feeds.example/show/feed.xml"_s);

// One RSS item in a document that declares the usual namespaces.
QByteArray rssWithItem(const QByteArray &item)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" "
           "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:media=\"http://search.yahoo.com/mrss/\">"
           "<channel><title>Inline</title><item>" +
           item + "</item></channel></rss>";
}

Episode onlyEpisode(const QByteArray &document)
{
    const FeedParser::Result result = FeedParser::parse(document, kSource);
    if (!result.ok())
        qWarning("parse failed: %s", qPrintable(result.error.message));
    if (result.feed.episodes.size() != 1)
        return {};
    return result.feed.episodes.first();
}

QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODateWithMs);
}

} // namespace

class TestFeedParser : public QObject
{
    Q_OBJECT

private slots:
    void rss2WithItunes();
    void atom();
    void rss1();
    void episodesKeepDocumentOrder();

    void relativeUrlsResolveAgainstFileSource();
    void baseUrlOptionComesBeforeSource();
    void xmlBaseNests();
    void namespacesByUriNotPrefix();
    void namespaceUriSpellings_data();
    void namespaceUriSpellings();

    void notesHtml_data();
    void notesHtml();
    void summaryIsPlainText_data();
    void summaryIsPlainText();
    void titleIsPlainText();
    void guidFallback_data();
    void guidFallback();
    void enclosureLength_data();
    void enclosureLength();
    void playableEnclosurePreferred();
    void mediaRssFallbacks();
    void published_data();
    void published();
    void titleFallsBackToFileName();
    void titleDateHashWhenNothingElseIdentifies();
    void itemsWithNothingInThemDropped();
    void enclosuresInDocumentOrder();
    void undeclaredPrefixes();
    void oldPodcastNamespaceUri();
    void podcastPersonDefaults();
    void itunesCategories_data();
    void itunesCategories();
    void movedAndPagedFeeds_data();
    void movedAndPagedFeeds();
    void podloveChapterTimes();

    void refusals_data();
    void refusals();
    void tooLarge();
    void errorNamesSourceAndLine();
    void entityAmplificationRefused();
    void externalEntitiesNotFetched();
    void quadraticMarkupRefused();

    void recovery_data();
    void recovery();
    void recoveredFixture();
    void encodings_data();
    void encodings();

    void corpusParses();
    void memoryStaysBounded_data();
    void memoryStaysBounded();
};

void TestFeedParser::rss2WithItunes()
{
    const FeedParser::Result result = parseFixture(u"rss-itunes.xml"_s);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const Feed &feed = result.feed;
    QCOMPARE(feed.format, Feed::Format::Rss2);

    const Podcast &show = feed.podcast;
    QCOMPARE(show.feedUrl, fixtureUrl(u"rss-itunes.xml"_s));
    QCOMPARE(show.title, u"The Fixture & Friends"_s);
    QCOMPARE(show.link, QUrl(u"https://fixture.example/"_s));
    QCOMPARE(show.description, u"A test show\u2014with markup and spacing."_s);
    QCOMPARE(show.author, u"Fixture Studios"_s); // itunes:author beats managingEditor
    QCOMPARE(show.imageUrl, QUrl(u"https://fixture.example/art/show.jpg"_s));
    QCOMPARE(show.language, u"en-gb"_s);

    QCOMPARE(feed.episodes.size(), 3);
    const Episode &first = feed.episodes.at(0);
    QCOMPARE(first.guid, u"fixture-ep-2"_s);
    QCOMPARE(first.title, u"Episode 2: Second thoughts"_s);
    QCOMPARE(first.link, QUrl(u"https://fixture.example/ep2"_s));
    QCOMPARE(first.published, utc(u"2024-03-05T09:30:00Z"_s));
    QCOMPARE(first.durationSecs, 3723);
    QCOMPARE(first.imageUrl, QUrl(u"https://fixture.example/art/ep2.jpg"_s));
    // The description holds markup, so the plain text comes from the richest HTML.
    QCOMPARE(first.summary, u"Full notes with a link & more."_s);
    QCOMPARE(first.notesHtml,
             u"<p>Full notes with <a href=\"https://fixture.example/link\">a link</a> &amp; "
             "more.</p>"_s);
    QCOMPARE(first.enclosure.url, QUrl(u"https://cdn.fixture.example/ep2.mp3"_s));
    QCOMPARE(first.enclosure.mimeType, u"audio/mpeg"_s);
    QCOMPARE(first.enclosure.length, 12345678);
    QCOMPARE(first.positionMs, 0);
    QVERIFY(!first.played);

    const Episode &second = feed.episodes.at(1);
    QCOMPARE(second.guid, u"https://cdn.fixture.example/ep1.m4a"_s);
    QVERIFY(!second.published.isValid());
    QCOMPARE(second.durationSecs, 737);
    QCOMPARE(second.summary, u"Summary from iTunes."_s);
    QCOMPARE(second.notesHtml, u"Summary from iTunes."_s);
    QCOMPARE(second.enclosure.length, 0); // length="lots"

    const Episode &third = feed.episodes.at(2);
    QCOMPARE(third.guid, u"https://fixture.example/bonus"_s);
    QCOMPARE(third.durationSecs, 4530);
    QCOMPARE(third.notesHtml, u"<p>Notes kept <b>as published</b></p>"_s);
    QCOMPARE(third.summary, u"Notes kept as published"_s);
    QVERIFY(!third.enclosure.isValid());
}

void TestFeedParser::atom()
{
    const FeedParser::Result result = parseFixture(u"atom.xml"_s);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.format, Feed::Format::Atom);

    const Podcast &show = result.feed.podcast;
    QCOMPARE(show.title, u"Atom Fixture"_s);
    QCOMPARE(show.description, u"An Atom feed with podcast episodes"_s);
    QCOMPARE(show.link, QUrl(u"https://atom.example/"_s)); // rel=alternate, not rel=self
    QCOMPARE(show.author, u"Ada Author"_s);
    QCOMPARE(show.imageUrl, QUrl(u"https://atom.example/logo.png"_s));
    QCOMPARE(show.language, u"de-DE"_s);

    QCOMPARE(result.feed.episodes.size(), 2);
    const Episode &first = result.feed.episodes.at(0);
    QCOMPARE(first.guid, u"urn:uuid:entry-1"_s);
    QCOMPARE(first.title, u"First entry"_s);
    QCOMPARE(first.link, QUrl(u"https://atom.example/1"_s));
    QCOMPARE(first.published, utc(u"2024-03-05T08:15:30Z"_s)); // published beats updated
    QCOMPARE(first.durationSecs, 737);
    // An Atom summary is the entry's abstract: the subtitle. The description is the content's.
    QCOMPARE(first.subtitle, u"Plain summary & more"_s);
    QCOMPARE(first.summary, u"XHTML content line two"_s);
    QCOMPARE(first.notesHtml, u"<p>XHTML <b>content</b><br>line two</p>"_s);
    QCOMPARE(first.enclosure.url, QUrl(u"https://atom.example/1.ogg"_s));
    QCOMPARE(first.enclosure.mimeType, u"audio/ogg"_s);
    QCOMPARE(first.enclosure.length, 4096);

    const Episode &second = result.feed.episodes.at(1);
    QCOMPARE(second.title, u"Second <entry>"_s); // type="text": angle brackets are text
    QCOMPARE(second.link, QUrl(u"https://atom.example/2"_s));
    QCOMPARE(second.published, utc(u"2024-03-04T08:00:00.250Z"_s)); // updated as fallback
    QCOMPARE(second.notesHtml, u"<p>Escaped <i>HTML</i> content</p>"_s);
    QCOMPARE(second.summary, u"Escaped HTML content"_s);
    QVERIFY(!second.enclosure.isValid());
}

void TestFeedParser::rss1()
{
    const FeedParser::Result result = parseFixture(u"rss1.xml"_s);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.format, Feed::Format::Rss1);
    QCOMPARE(result.feed.podcast.title, u"RDF Site Summary"_s);
    QCOMPARE(result.feed.podcast.language, u"fr"_s);
    QCOMPARE(result.feed.episodes.size(), 2);
    QCOMPARE(result.feed.episodes.at(0).published, utc(u"2024-03-01T10:00:00Z"_s));
    QCOMPARE(result.feed.episodes.at(1).guid, u"https://rdf.example/b"_s);
}

void TestFeedParser::episodesKeepDocumentOrder()
{
    const FeedParser::Result result = parseFixture(u"rss-itunes.xml"_s);
    QVERIFY(result.ok());
    QStringList titles;
    for (const Episode &episode : result.feed.episodes)
        titles << episode.title;
    // Not sorted by date: the third item is older than the first, the second has no date.
    QCOMPARE(titles, (QStringList{u"Episode 2: Second thoughts"_s, u"Episode 1"_s, u"Bonus"_s}));
}

void TestFeedParser::relativeUrlsResolveAgainstFileSource()
{
    const QString dir = QStringLiteral(SIDECAST_TEST_DATA_DIR "/feeds/");
    const FeedParser::Result result = parseFixture(u"relative.xml"_s);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const Feed &feed = result.feed;
    QCOMPARE(feed.podcast.imageUrl, QUrl::fromLocalFile(dir + u"cover.png"_s));
    QCOMPARE(feed.podcast.link, QUrl::fromLocalFile(dir + u"index.html"_s));
    QCOMPARE(feed.episodes.size(), 3);
    QCOMPARE(feed.episodes[0].enclosure.url, QUrl::fromLocalFile(dir + u"audio/x.mp3"_s));
    QCOMPARE(feed.episodes[0].enclosure.url.toString(),
             u"file://"_s + QDir::cleanPath(dir) + u"/audio/x.mp3"_s);
    QCOMPARE(feed.episodes[0].imageUrl, QUrl::fromLocalFile(dir + u"art/x.png"_s));
    QCOMPARE(feed.episodes[0].link, QUrl::fromLocalFile(dir + u"episodes/x.html"_s));
    QCOMPARE(feed.episodes[1].enclosure.url, QUrl(u"https://mirror.example/base/y.mp3"_s));
    QCOMPARE(feed.episodes[2].enclosure.url, QUrl(u"https://elsewhere.example/z.mp3"_s));
}

void TestFeedParser::baseUrlOptionComesBeforeSource()
{
    FeedParser::Options options;
    options.baseUrl = QUrl(u"https://cdn.example/podcast/"_s);
    const FeedParser::Result result =
        FeedParser::parse(fixture(u"relative.xml"_s), fixtureUrl(u"relative.xml"_s), options);
    QVERIFY(result.ok());
    QCOMPARE(result.feed.podcast.feedUrl, fixtureUrl(u"relative.xml"_s));
    QCOMPARE(result.feed.podcast.imageUrl, QUrl(u"https://cdn.example/podcast/cover.png"_s));
    QCOMPARE(result.feed.episodes[0].enclosure.url,
             QUrl(u"https://cdn.example/podcast/audio/x.mp3"_s));
    // xml:base still comes first.
    QCOMPARE(result.feed.episodes[1].enclosure.url, QUrl(u"https://mirror.example/base/y.mp3"_s));
}

void TestFeedParser::xmlBaseNests()
{
    const FeedParser::Result result = parseFixture(u"xml-base.xml"_s);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.link, QUrl(u"https://root.example/feeds/shows/one/"_s));
    QCOMPARE(result.feed.podcast.imageUrl,
             QUrl(u"https://root.example/feeds/shows/one/img/show.png"_s));
    QCOMPARE(result.feed.episodes.size(), 3);
    QCOMPARE(result.feed.episodes[0].enclosure.url,
             QUrl(u"https://root.example/feeds/shows/one/ep1.mp3"_s));
    QCOMPARE(result.feed.episodes[1].enclosure.url,
             QUrl(u"https://root.example/absolute/path/ep2.mp3"_s));
    QCOMPARE(result.feed.episodes[2].enclosure.url, QUrl(u"https://other.example/media/ep3.mp3"_s));
}

void TestFeedParser::namespacesByUriNotPrefix()
{
    const FeedParser::Result result = parseFixture(u"custom-prefixes.xml"_s);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.author, u"Real iTunes Author"_s);
    QCOMPARE(result.feed.episodes.size(), 1);
    QCOMPARE(result.feed.episodes[0].durationSecs, 42);
    QCOMPARE(result.feed.episodes[0].notesHtml, u"<p>From content:encoded</p>"_s);
}

void TestFeedParser::namespaceUriSpellings_data()
{
    QTest::addColumn<QByteArray>("uri");
    QTest::newRow("canonical") << QByteArray("http://www.itunes.com/dtds/podcast-1.0.dtd");
    QTest::newRow("Apple's old capitals")
        << QByteArray("http://www.itunes.com/DTDs/Podcast-1.0.dtd");
    QTest::newRow("https") << QByteArray("https://www.itunes.com/dtds/podcast-1.0.dtd");
}

void TestFeedParser::namespaceUriSpellings()
{
    QFETCH(QByteArray, uri);
    const QByteArray document = "<rss xmlns:it=\"" + uri +
                                "\"><channel><item><guid>g</guid><it:duration>61</it:duration>"
                                "</item>"
                                "</channel></rss>";
    QCOMPARE(onlyEpisode(document).durationSecs, 61);
}

void TestFeedParser::notesHtml_data()
{
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<QString>("notes");

    QTest::newRow("CDATA kept as published")
        << QByteArray("<description><![CDATA[ <p>Hi &amp; <b>bye</b></p> ]]></description>")
        << u"<p>Hi &amp; <b>bye</b></p>"_s;
    QTest::newRow("escaped markup unescaped once")
        << QByteArray("<description>&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;</description>")
        << u"<p>Hi &amp; bye</p>"_s;
    QTest::newRow("content:encoded wins")
        << QByteArray("<description>short</description><itunes:summary>sum</itunes:summary>"
                      "<content:encoded><![CDATA[<p>long</p>]]></content:encoded>")
        << u"<p>long</p>"_s;
    QTest::newRow("description with markup before itunes:summary")
        << QByteArray("<itunes:summary>sum</itunes:summary>"
                      "<description>&lt;b&gt;desc&lt;/b&gt;</description>")
        << u"<b>desc</b>"_s;
    // feed-json.md: content:encoded > description with markup > itunes:summary.
    QTest::newRow("plain description is not HTML")
        << QByteArray("<itunes:summary>sum</itunes:summary><description>desc</description>")
        << u"sum"_s;
    QTest::newRow("plain description only")
        << QByteArray("<description>desc</description>") << QString();
    QTest::newRow("itunes:summary last")
        << QByteArray("<itunes:summary><![CDATA[<i>sum</i>]]></itunes:summary>") << u"<i>sum</i>"_s;
    QTest::newRow("empty content:encoded skipped")
        << QByteArray("<content:encoded>  </content:encoded>"
                      "<description>&lt;p&gt;desc&lt;/p&gt;</description>")
        << u"<p>desc</p>"_s;
    QTest::newRow("unescaped child elements serialized")
        << QByteArray("<description>Intro <p class=\"a&amp;b\">x &lt; y<br/>z</p></description>")
        << u"Intro <p class=\"a&amp;b\">x &lt; y<br>z</p>"_s;
    QTest::newRow("none") << QByteArray("<title>t</title>") << QString();
}

void TestFeedParser::notesHtml()
{
    QFETCH(QByteArray, item);
    QFETCH(QString, notes);
    QCOMPARE(onlyEpisode(rssWithItem(item)).notesHtml, notes);
}

void TestFeedParser::summaryIsPlainText_data()
{
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<QString>("summary");

    QTest::newRow("tags stripped, entities decoded")
        << QByteArray("<description><![CDATA[<p>Caf&eacute; <b>talk</b></p><p>Part&nbsp;2 "
                      "&amp; more</p>]]></description>")
        << u"Café talk Part 2 & more"_s;
    QTest::newRow("whitespace collapsed")
        << QByteArray("<description>\n   many\n\n   lines   here\n</description>")
        << u"many lines here"_s;
    QTest::newRow("description over content:encoded")
        << QByteArray("<content:encoded>long</content:encoded><description>short</description>")
        << u"short"_s;
    QTest::newRow("itunes:summary when no description")
        << QByteArray("<itunes:summary>From &lt;b&gt;iTunes&lt;/b&gt;</itunes:summary>")
        << u"From iTunes"_s;
    QTest::newRow("script dropped")
        << QByteArray("<description><![CDATA[Hi<script>alert(1)</script>]]></description>")
        << u"Hi"_s;
}

void TestFeedParser::summaryIsPlainText()
{
    QFETCH(QByteArray, item);
    QFETCH(QString, summary);
    QCOMPARE(onlyEpisode(rssWithItem(item)).summary, summary);
}

void TestFeedParser::titleIsPlainText()
{
    const Episode episode = onlyEpisode(
        rssWithItem("<guid>g</guid><title><![CDATA[  <b>Big</b>   news &amp; views ]]></title>"));
    QCOMPARE(episode.title, u"Big news & views"_s);
    // Escaped twice (a common publishing bug): XML undoes one level, HTML decoding the other.
    QCOMPARE(onlyEpisode(rssWithItem("<guid>g</guid><title>Tom &amp;amp; Jerry</title>")).title,
             u"Tom & Jerry"_s);
    QCOMPARE(
        onlyEpisode(rssWithItem("<guid>g</guid><itunes:title>From iTunes</itunes:title>")).title,
        u"From iTunes"_s);
}

void TestFeedParser::guidFallback_data()
{
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<QString>("guid");

    QTest::newRow("guid")
        << QByteArray("<guid isPermaLink=\"false\"> abc-123 </guid><link>https://x.example/</link>")
        << u"abc-123"_s;
    // RSS 2.0: a guid is a permalink, a URL, unless it says otherwise; a relative one resolves.
    QTest::newRow("relative permalink resolves")
        << QByteArray("<guid>episodes/1</guid>") << u"https://feeds.example/show/episodes/1"_s;
    QTest::newRow("absolute permalink as written")
        << QByteArray("<guid isPermaLink=\"true\">https://x.example/p?id=1</guid>")
        << u"https://x.example/p?id=1"_s;
    QTest::newRow("other scheme as written")
        << QByteArray("<guid>tag:x.example,2024:1</guid>") << u"tag:x.example,2024:1"_s;
    QTest::newRow("enclosure url")
        << QByteArray("<link>https://x.example/page</link>"
                      "<enclosure url=\"https://x.example/a.mp3\" type=\"audio/mpeg\"/>")
        << u"https://x.example/a.mp3"_s;
    QTest::newRow("first enclosure even if not chosen")
        << QByteArray("<enclosure url=\"https://x.example/cover.jpg\" type=\"image/jpeg\"/>"
                      "<enclosure url=\"https://x.example/a.mp3\" type=\"audio/mpeg\"/>")
        << u"https://x.example/cover.jpg"_s;
    QTest::newRow("link") << QByteArray("<title>T</title><link>https://x.example/page</link>")
                          << u"https://x.example/page"_s;
    QTest::newRow("empty guid ignored")
        << QByteArray("<guid></guid><title>T</title><link>https://x.example/page</link>")
        << u"https://x.example/page"_s;
}

void TestFeedParser::guidFallback()
{
    QFETCH(QByteArray, item);
    QFETCH(QString, guid);
    const Episode episode = onlyEpisode(rssWithItem(item));
    QCOMPARE(episode.guid, guid);
    QCOMPARE(episode.identity(), guid);
}

void TestFeedParser::enclosureLength_data()
{
    QTest::addColumn<QByteArray>("attributes");
    QTest::addColumn<qint64>("length");
    QTest::newRow("valid") << QByteArray("length=\"123456\"") << qint64(123456);
    QTest::newRow("spaces") << QByteArray("length=\" 42 \"") << qint64(42);
    QTest::newRow("missing") << QByteArray() << qint64(0);
    QTest::newRow("empty") << QByteArray("length=\"\"") << qint64(0);
    QTest::newRow("garbage") << QByteArray("length=\"12MB\"") << qint64(0);
    QTest::newRow("negative") << QByteArray("length=\"-1\"") << qint64(0);
    QTest::newRow("huge") << QByteArray("length=\"5000000000\"") << qint64(5000000000);
}

void TestFeedParser::enclosureLength()
{
    QFETCH(QByteArray, attributes);
    QFETCH(qint64, length);
    const Episode episode = onlyEpisode(rssWithItem(
        "<enclosure url=\"https://x.example/a.mp3\" type=\"audio/mpeg\" " + attributes + "/>"));
    QVERIFY(episode.enclosure.isValid());
    QCOMPARE(episode.enclosure.length, length);
}

void TestFeedParser::playableEnclosurePreferred()
{
    const Episode episode = onlyEpisode(
        rssWithItem("<enclosure url=\"https://x.example/cover.jpg\" type=\"image/jpeg\"/>"
                    "<enclosure url=\"https://x.example/a.mp3\" type=\"audio/mpeg\"/>"
                    "<enclosure url=\"https://x.example/b.mp3\" type=\"audio/mpeg\"/>"));
    QCOMPARE(episode.enclosure.url, QUrl(u"https://x.example/a.mp3"_s));
}

void TestFeedParser::mediaRssFallbacks()
{
    const Episode episode = onlyEpisode(rssWithItem(
        "<media:group><media:content url=\"https://x.example/m.mp4\" type=\"video/mp4\" "
        "fileSize=\"99\"/><media:thumbnail url=\"https://x.example/t.jpg\"/></media:group>"));
    QCOMPARE(episode.enclosure.url, QUrl(u"https://x.example/m.mp4"_s));
    QCOMPARE(episode.enclosure.length, 99);
    QCOMPARE(episode.imageUrl, QUrl(u"https://x.example/t.jpg"_s));
}

void TestFeedParser::published_data()
{
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<QDateTime>("published");
    QTest::newRow("pubDate")
        << QByteArray("<guid>g</guid><pubDate>Wed, 06 Mar 2024 18:00:00 EST</pubDate>")
        << utc(u"2024-03-06T23:00:00Z"_s);
    QTest::newRow("pubDate in CDATA")
        << QByteArray("<guid>g</guid><pubDate><![CDATA[Wed, 06 Mar 2024 18:00:00 GMT]]></pubDate>")
        << utc(u"2024-03-06T18:00:00Z"_s);
    QTest::newRow("unreadable is invalid")
        << QByteArray("<guid>g</guid><pubDate>last Tuesday</pubDate>") << QDateTime();
    QTest::newRow("dc:date fallback") << QByteArray("<guid>g</guid><pubDate>garbage</pubDate>"
                                                    "<dc:date>2024-03-01T12:00:00+02:00</dc:date>")
                                      << utc(u"2024-03-01T10:00:00Z"_s);
    QTest::newRow("missing") << QByteArray("<guid>g</guid><title>x</title>") << QDateTime();
}

void TestFeedParser::published()
{
    QFETCH(QByteArray, item);
    QFETCH(QDateTime, published);
    const Episode episode = onlyEpisode(rssWithItem(item));
    QCOMPARE(episode.published.isValid(), published.isValid());
    if (published.isValid()) {
        QCOMPARE(episode.published, published);
        QCOMPARE(episode.published.offsetFromUtc(), 0);
    }
}

void TestFeedParser::titleFallsBackToFileName()
{
    const FeedParser::Result result = parseFixture(u"no-title.xml"_s);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.title, u"no-title"_s);
    QCOMPARE(result.feed.episodes.size(), 1);
    QCOMPARE(result.feed.episodes[0].title, u"Show Notes"_s); // the enclosure's file name

    const FeedParser::Result remote = FeedParser::parse(
        "<rss><channel><title> </title></channel></rss>", QUrl(u"https://h.example/x/show.rss"_s));
    QVERIFY(remote.ok());
    QCOMPARE(remote.feed.podcast.title, u"show"_s);
}

void TestFeedParser::titleDateHashWhenNothingElseIdentifies()
{
    const QByteArray item =
        "<title>Announcement</title><description>We are on a break.</description>"
        "<pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>";
    const Episode episode = onlyEpisode(rssWithItem(item));
    QCOMPARE(episode.guid.size(), 40); // hex SHA-1 of the title and the date
    QCOMPARE(episode.identity(), episode.guid);
    // Stable across parses, different for another date.
    QCOMPARE(onlyEpisode(rssWithItem(item)).guid, episode.guid);
    const QByteArray later = "<title>Announcement</title><description>We are on a break."
                             "</description><pubDate>Mon, 13 Jan 2025 10:00:00 GMT</pubDate>";
    QVERIFY(onlyEpisode(rssWithItem(later)).guid != episode.guid);
}

void TestFeedParser::itemsWithNothingInThemDropped()
{
    // No guid, link or enclosure to identify it, nothing to play, open or read: not an episode.
    const FeedParser::Result result = FeedParser::parse(
        rssWithItem("<title>Just a title</title><enclosure type=\"audio/ogg\" length=\"3\"/>"),
        kSource);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(result.feed.episodes.isEmpty());
    // A guid alone keeps it, and so do notes.
    QCOMPARE(onlyEpisode(rssWithItem("<guid isPermaLink=\"false\">x</guid>")).guid, u"x"_s);
    QCOMPARE(onlyEpisode(rssWithItem("<itunes:summary>Notes</itunes:summary>")).summary,
             u"Notes"_s);
}

void TestFeedParser::enclosuresInDocumentOrder()
{
    const Episode episode = onlyEpisode(rssWithItem(
        "<enclosure url=\"https://x.example/cover.jpg\" type=\"image/jpeg\"/>"
        "<enclosure url=\" https://x.example/a.mp3\" type=\"audio/mpeg\" length=\"10\"/>"
        "<media:content url=\"https://x.example/a.mp3\" type=\"audio/mpeg\" fileSize=\"99\"/>"
        "<media:content url=\"https://x.example/art.png\" medium=\"image\"/>"
        "<media:group><media:content url=\"https://x.example/a.opus\" type=\"Audio/Opus\"/>"
        "</media:group>"
        "<enclosure url=\"https://x.example/b.m4a\" type=\"nonsense\"/>"));
    QStringList urls;
    for (const Enclosure &enclosure : episode.enclosures)
        urls << enclosure.url.toString();
    QCOMPARE(urls, (QStringList{u"https://x.example/cover.jpg"_s, u"https://x.example/a.mp3"_s,
                                u"https://x.example/a.opus"_s, u"https://x.example/b.m4a"_s}));
    QCOMPARE(episode.enclosures[1].length, 10); // the first mention of a file wins
    QCOMPARE(episode.enclosures[2].mimeType, u"audio/opus"_s);
    QVERIFY(episode.enclosures[3].mimeType.isEmpty());  // not a MIME type
    QCOMPARE(episode.enclosure, episode.enclosures[1]); // audio beats the cover
    QCOMPARE(episode.guid, u"https://x.example/cover.jpg"_s);
}

// Real feeds use these prefixes without declaring them; they still mean what they always mean.
void TestFeedParser::undeclaredPrefixes()
{
    const FeedParser::Result result = FeedParser::parse(
        "<rss><channel><title>U</title><podcast:locked>no</podcast:locked>"
        "<itunes:explicit>true</itunes:explicit><atom:link rel=\"next\" href=\"/p2\"/>"
        "<item><guid>g</guid><podcast:season>3</podcast:season>"
        "<psc:chapters><psc:chapter start=\"5\" title=\"Five\"/></psc:chapters>"
        "<content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded>"
        "<media:thumbnail url=\"t.jpg\"/><googleplay:author>G</googleplay:author>"
        "<unknown:thing>kept out</unknown:thing></item></channel></rss>",
        kSource);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.locked, std::optional<bool>(false));
    QCOMPARE(result.feed.podcast.explicitContent, std::optional<bool>(true));
    QCOMPARE(result.feed.podcast.pagedFeedNext, QUrl(u"https://feeds.example/p2"_s));
    QCOMPARE(result.feed.episodes.size(), 1);
    const Episode &episode = result.feed.episodes[0];
    QCOMPARE(episode.season, 3);
    QCOMPARE(episode.chapters.size(), 1);
    QCOMPARE(episode.chapters[0].startSecs, 5.0);
    QCOMPARE(episode.notesHtml, u"<p>x</p>"_s);
    QCOMPARE(episode.imageUrl, QUrl(u"https://feeds.example/show/t.jpg"_s));
}

void TestFeedParser::oldPodcastNamespaceUri()
{
    const FeedParser::Result result = FeedParser::parse(
        "<rss xmlns:p=\"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/"
        "1.0.md\"><channel><p:funding url=\"https://f.example/\">Fund</p:funding>"
        "<p:guid> abc </p:guid><p:medium> Music </p:medium></channel></rss>",
        kSource);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.funding.size(), 1);
    QCOMPARE(result.feed.podcast.funding[0].url, QUrl(u"https://f.example/"_s));
    QCOMPARE(result.feed.podcast.funding[0].title, u"Fund"_s);
    QCOMPARE(result.feed.podcast.podcastGuid, u"abc"_s);
    QCOMPARE(result.feed.podcast.medium, u"music"_s);
}

void TestFeedParser::podcastPersonDefaults()
{
    const Episode episode = onlyEpisode(rssWithItem(
        "<guid>g</guid>"
        "<podcast:person xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">  Ann\n  Lee "
        "</podcast:person>"
        "<podcast:person xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" role=\"Guest\" "
        "group=\"Writing\" img=\"/ann.png\"/>"));
    QCOMPARE(episode.persons.size(), 1); // a person without a name is nobody
    QCOMPARE(episode.persons[0].name, u"Ann Lee"_s);
    QCOMPARE(episode.persons[0].role, u"host"_s);
    QCOMPARE(episode.persons[0].group, u"cast"_s);
}

void TestFeedParser::itunesCategories_data()
{
    QTest::addColumn<QByteArray>("categories");
    QTest::addColumn<QList<QStringList>>("paths");
    QTest::newRow("nested")
        << QByteArray(
               "<itunes:category text=\"Business\"><itunes:category text=\"Entrepreneurship\">"
               "<itunes:category text=\"Ecommerce\"/></itunes:category></itunes:category>"
               "<itunes:category text=\"Education\"/>")
        << QList<QStringList>{{u"Business"_s, u"Entrepreneurship"_s, u"Ecommerce"_s},
                              {u"Education"_s}};
    QTest::newRow("entities and nameless parent")
        << QByteArray("<itunes:category><itunes:category text=\"Religion &amp; Spirituality\"/>"
                      "</itunes:category>")
        << QList<QStringList>{{u"Religion & Spirituality"_s}};
    QTest::newRow("repeats add nothing")
        << QByteArray("<itunes:category text=\"Technology\"/>"
                      "<itunes:category text=\"Technology\"><itunes:category text=\"Podcasting\"/>"
                      "</itunes:category><itunes:category text=\"Technology\"/>")
        << QList<QStringList>{{u"Technology"_s, u"Podcasting"_s}};
    QTest::newRow("none") << QByteArray("<itunes:category/>") << QList<QStringList>{};
}

void TestFeedParser::itunesCategories()
{
    QFETCH(QByteArray, categories);
    QFETCH(QList<QStringList>, paths);
    const FeedParser::Result result = FeedParser::parse(
        "<rss xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel>" + categories +
            "</channel></rss>",
        kSource);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.categories, paths);
}

void TestFeedParser::movedAndPagedFeeds_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QUrl>("newFeedUrl");
    QTest::addColumn<QUrl>("selfUrl");
    QTest::addColumn<QUrl>("next");

    QTest::newRow("itunes:new-feed-url")
        << QByteArray("<rss><channel><itunes:new-feed-url>\n https://new.example/f \n"
                      "</itunes:new-feed-url></channel></rss>")
        << QUrl(u"https://new.example/f"_s) << QUrl() << QUrl();
    QTest::newRow("redirect/newLocation")
        << QByteArray("<rss><redirect><newLocation> https://moved.example/rss.xml </newLocation>"
                      "</redirect></rss>")
        << QUrl(u"https://moved.example/rss.xml"_s) << QUrl() << QUrl();
    QTest::newRow("new-feed-url before newLocation")
        << QByteArray("<rss><redirect><newLocation>https://a.example/</newLocation></redirect>"
                      "<channel><itunes:new-feed-url>https://b.example/</itunes:new-feed-url>"
                      "</channel></rss>")
        << QUrl(u"https://b.example/"_s) << QUrl() << QUrl();
    QTest::newRow("rss paging")
        << QByteArray("<rss xmlns:a=\"http://www.w3.org/2005/Atom\"><channel>"
                      "<a:link rel=\"self\" href=\"https://feeds.example/show/feed.xml?page=1\"/>"
                      "<a:link rel=\"first\" href=\"feed.xml\"/><a:link rel=\"next\" "
                      "href=\"feed.xml?page=2\"/></channel></rss>")
        << QUrl() << QUrl(u"https://feeds.example/show/feed.xml?page=1"_s)
        << QUrl(u"https://feeds.example/show/feed.xml?page=2"_s);
    QTest::newRow("atom paging")
        << QByteArray("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://a.example/\">"
                      "<link rel=\"self\" href=\"feed\"/><link rel=\"next\" href=\"feed?2\"/>"
                      "<link rel=\"alternate\" href=\"/\"/></feed>")
        << QUrl() << QUrl(u"https://a.example/feed"_s) << QUrl(u"https://a.example/feed?2"_s);
}

void TestFeedParser::movedAndPagedFeeds()
{
    QFETCH(QByteArray, document);
    QFETCH(QUrl, newFeedUrl);
    QFETCH(QUrl, selfUrl);
    QFETCH(QUrl, next);
    const FeedParser::Result result = FeedParser::parse(document, kSource);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.newFeedUrl, newFeedUrl);
    QCOMPARE(result.feed.podcast.selfUrl, selfUrl);
    QCOMPARE(result.feed.podcast.pagedFeedNext, next);
}

void TestFeedParser::podloveChapterTimes()
{
    const Episode episode = onlyEpisode(rssWithItem(
        "<guid>g</guid><psc:chapters xmlns:psc=\"http://podlove.org/simple-chapters\">"
        "<psc:chapter start=\"0\" title=\"A\"/><psc:chapter start=\"1:05\" title=\"B\"/>"
        "<psc:chapter start=\"1:00:00.250\" title=\" C \"/><psc:chapter title=\"no start\"/>"
        "<psc:chapter start=\"-3\" title=\"negative\"/></psc:chapters>"));
    QCOMPARE(episode.chapters.size(), 3);
    QCOMPARE(episode.chapters[0].startSecs, 0.0);
    QCOMPARE(episode.chapters[1].startSecs, 65.0);
    QCOMPARE(episode.chapters[2].startSecs, 3600.25);
    QCOMPARE(episode.chapters[2].title, u"C"_s);
}

void TestFeedParser::refusals_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("whitespace") << QByteArray(" \n\t\n") << u"empty"_s;
    QTest::newRow("html page") << fixture(u"html-page.html"_s)
                               << u"looks like an HTML page, not a podcast feed"_s;
    QTest::newRow("xhtml page")
        << QByteArray("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"
                      "<body/></html>")
        << u"looks like an HTML page"_s;
    QTest::newRow("bare html root")
        << QByteArray("<html><body/></html>") << u"looks like an HTML page"_s;
    QTest::newRow("unknown root") << fixture(u"unknown-root.xml"_s)
                                  << u"Unknown root element <opml>"_s;
    QTest::newRow("unknown namespaced root")
        << QByteArray("<foo xmlns=\"http://example.com/foo.xml\"><bar/></foo>")
        << u"Unknown root element <foo>"_s;
    QTest::newRow("unknown prefixed root")
        << QByteArray("<baz:foo xmlns:baz=\"http://example.com/baz.xml\"><baz:bar/></baz:foo>")
        << u"Unknown root element <baz:foo>"_s;
    QTest::newRow("feed in a foreign namespace")
        << QByteArray("<feed xmlns=\"http://example.com/not-atom\"/>")
        << u"Unknown root element <feed>"_s;
    QTest::newRow("malformed") << fixture(u"malformed.xml"_s) << u"line 5, column"_s;
    QTest::newRow("truncated") << QByteArray("<?xml version=\"1.0\"?>\n<rss><channel><title>Cut")
                               << u"ends before the feed does (line 2"_s;
    QTest::newRow("plain text") << QByteArray("Hello, world.") << u"XML"_s;
    QTest::newRow("json") << QByteArray("{\"version\": \"https://jsonfeed.org/version/1\"}")
                          << u"XML"_s;
    QTest::newRow("entity expansion limit")
        << fixture(u"entity-bomb.xml"_s) << u"entity expansion limit"_s;
}

void TestFeedParser::refusals()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, message);
    const FeedParser::Result result = FeedParser::parse(data, kSource);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, Error::Kind::NotAFeed);
    QVERIFY2(result.error.message.contains(message, Qt::CaseInsensitive),
             qPrintable(result.error.message));
    QVERIFY(result.feed.episodes.isEmpty());
}

void TestFeedParser::tooLarge()
{
    FeedParser::Options options;
    options.maxBytes = 100;
    const QByteArray data = rssWithItem("<title>" + QByteArray(200, 'x') + "</title>");
    const FeedParser::Result result = FeedParser::parse(data, kSource, options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, Error::Kind::InvalidInput);
    QVERIFY2(result.error.message.contains(u"limit of 100 bytes"_s),
             qPrintable(result.error.message));

    options.maxBytes = data.size();
    QVERIFY(FeedParser::parse(data, kSource, options).ok());
}

void TestFeedParser::errorNamesSourceAndLine()
{
    // The line counts the junk dropped before the declaration, so it matches the file.
    const QByteArray data = "\n\n<?xml version=\"1.0\"?>\n<rss><channel>\n</item></channel></rss>";
    const FeedParser::Result result = FeedParser::parse(data, kSource);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.url, kSource);
    QVERIFY2(result.error.message.contains(u"line 5"_s), qPrintable(result.error.message));
    QVERIFY(result.error.when.isValid());
}

void TestFeedParser::entityAmplificationRefused()
{
    // Each entity stays under the per-entity limit; thousands of references would not.
    QByteArray data = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"" +
                      QByteArray(4000, 'x') + "\">]><rss><channel><title>";
    for (int i = 0; i < 5000; ++i)
        data += "&big;";
    data += "</title></channel></rss>";
    QElapsedTimer timer;
    timer.start();
    const FeedParser::Result result = FeedParser::parse(data, kSource);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, Error::Kind::NotAFeed);
    QVERIFY2(result.error.message.contains(u"entities"_s), qPrintable(result.error.message));

    // A few references to a small entity are fine.
    const QByteArray modest = "<!DOCTYPE rss [<!ENTITY who \"Ann &amp; Bob\">]>"
                              "<rss><channel><title>&who;</title></channel></rss>";
    const FeedParser::Result ok = FeedParser::parse(modest, kSource);
    QVERIFY2(ok.ok(), qPrintable(ok.error.message));
    QCOMPARE(ok.feed.podcast.title, u"Ann & Bob"_s);
}

void TestFeedParser::quadraticMarkupRefused()
{
    // Qt's XML reader needs quadratic time for these shapes (about 6 s for 40,000 attributes on
    // one element); the parser refuses them up front.
    QByteArray attributes = "<rss><channel><title a0=\"0\"";
    for (int i = 1; i < 5000; ++i)
        attributes += " a" + QByteArray::number(i) + "=\"x\"";
    attributes += ">T</title></channel></rss>";
    const FeedParser::Result many = FeedParser::parse(attributes, kSource);
    QVERIFY(!many.ok());
    QVERIFY2(many.error.message.contains(u"5000 attributes"_s), qPrintable(many.error.message));

    QByteArray namespaces = "<rss><channel><title>T</title>";
    for (int i = 0; i < 12000; ++i)
        namespaces +=
            "<item xmlns:n" + QByteArray::number(i) + "=\"urn:x\"><title>i</title></item>";
    namespaces += "</channel></rss>";
    const FeedParser::Result declared = FeedParser::parse(namespaces, kSource);
    QVERIFY(!declared.ok());
    QVERIFY2(declared.error.message.contains(u"12000 XML namespaces"_s),
             qPrintable(declared.error.message));

    // Comments, CDATA and quoted values do not count, and ordinary feeds are far below.
    const QByteArray fine =
        "<rss xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
        "<channel><title a=\"1=2=3\">T</title><!-- x=1 y=2 -->"
        "<description><![CDATA[<p a=1 b=2>=</p>]]></description></channel></rss>";
    const FeedParser::Result ok = FeedParser::parse(fine, kSource);
    QVERIFY2(ok.ok(), qPrintable(ok.error.message));
}

void TestFeedParser::externalEntitiesNotFetched()
{
    QTemporaryFile secret;
    QVERIFY(secret.open());
    secret.write("TOP-SECRET");
    secret.flush();
    const QByteArray data = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY leak SYSTEM \"" +
                            QUrl::fromLocalFile(secret.fileName()).toEncoded() +
                            "\">]><rss><channel><title>A&leak;B</title></channel></rss>";
    const FeedParser::Result result = FeedParser::parse(data, kSource);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.feed.podcast.title.contains(u"SECRET"_s));
    QCOMPARE(result.feed.podcast.title, u"AB"_s);
}

void TestFeedParser::recovery_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("title");

    QTest::newRow("html named entities")
        << QByteArray("<rss><channel><title>Caf&eacute;&nbsp;Talk &mdash; &hellip;</title>"
                      "</channel></rss>")
        << u"Café Talk — …"_s;
    QTest::newRow("bare ampersand")
        << QByteArray("<rss><channel><title>Q & A</title></channel></rss>") << u"Q & A"_s;
    QTest::newRow("undeclared entity kept as text")
        << QByteArray("<rss><channel><title>a &gtgt; b</title></channel></rss>") << u"a &gtgt; b"_s;
    QTest::newRow("newline before declaration")
        << QByteArray("\n<?xml version=\"1.0\"?><rss><channel><title>NL</title></channel></rss>")
        << u"NL"_s;
    QTest::newRow("junk before declaration")
        << QByteArray("PHP Notice: x\n<?xml version=\"1.0\"?><rss><channel><title>J</title>"
                      "</channel></rss>")
        << u"J"_s;
    QTest::newRow("bom and whitespace") << fixture(u"bom-whitespace.xml"_s) << u"BOM and spaces"_s;
    QTest::newRow("undeclared itunes prefix")
        << QByteArray("<rss><channel><title>P</title><itunes:author>A</itunes:author>"
                      "</channel></rss>")
        << u"P"_s;
    QTest::newRow("bare less-than")
        << QByteArray("<rss><channel><title>1 < 2</title></channel></rss>") << u"1 < 2"_s;
    QTest::newRow("windows-1252 bytes in a utf-8 feed")
        << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                      "<rss><channel><title>\x93"
                      "Caf\xe9\x94</title></channel></rss>")
        << u"\u201CCafé\u201D"_s;
    QTest::newRow("control character")
        << QByteArray("<rss><channel><title>Bell\x07 rings</title></channel></rss>")
        << u"Bell rings"_s;
    QTest::newRow("unknown undeclared prefix")
        << QByteArray("<rss><channel><title>P</title><foo:bar>x</foo:bar></channel></rss>")
        << u"P"_s;
    QTest::newRow("bare ampersand in an attribute")
        << QByteArray("<rss><channel><title>A</title>"
                      "<itunes:image href=\"https://x.example/i.jpg?a=1&b=2\"/></channel></rss>")
        << u"A"_s;
    QTest::newRow("text before the first tag")
        << QByteArray("Warning: cache miss\n<rss><channel><title>W</title></channel></rss>")
        << u"W"_s;
    QTest::newRow("junk in an end tag")
        << QByteArray("<rss><channel><title>T</title junk></channel></rss>") << u"T"_s;
}

void TestFeedParser::recovery()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, title);
    const FeedParser::Result result = FeedParser::parse(data, kSource);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.title, title);
}

void TestFeedParser::recoveredFixture()
{
    const FeedParser::Result result = parseFixture(u"recoverable.xml"_s);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.title, u"Café Talk — Q&A"_s);
    QCOMPARE(result.feed.podcast.link, QUrl(u"https://recover.example/?a=1&b=2"_s));
    QCOMPARE(result.feed.episodes.size(), 1);
    const Episode &episode = result.feed.episodes[0];
    QCOMPARE(episode.title, u"Fish & Chips &gtgt; Sushi"_s);
    QCOMPARE(episode.durationSecs, 180); // the undeclared itunes: prefix still means iTunes
    QCOMPARE(episode.enclosure.url, QUrl(u"https://recover.example/ep.mp3?x=1&y=2"_s));
}

void TestFeedParser::encodings_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("httpCharset");
    QTest::addColumn<QString>("title");

    const QByteArray latin1Title = "<rss><channel><title>Gr\xfc\xdf Gott</title></channel></rss>";
    const QByteArray utf8Title =
        "<rss><channel><title>Gr\xc3\xbc\xc3\x9f Gott</title></channel></rss>";
    const auto declared = [](const QByteArray &encoding, const QByteArray &body) -> QByteArray {
        return "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n" + body;
    };

    QTest::newRow("windows-1252") << fixture(u"windows-1252.xml"_s) << QByteArray()
                                  << u"\u201CSmart\u201D quotes \u2013 café"_s;
    QTest::newRow("iso-8859-1") << declared("ISO-8859-1", latin1Title) << QByteArray()
                                << u"Grüß Gott"_s;
    // Latin-1 labels are read as windows-1252, as browsers do: 0x93/0x94 are curly quotes.
    QTest::newRow("iso-8859-1 label on windows-1252 bytes")
        << declared("iso-8859-1", "<rss><channel><title>\x93Hi\x94</title></channel></rss>")
        << QByteArray() << u"\u201CHi\u201D"_s;
    QTest::newRow("utf-8 declared")
        << declared("UTF-8", utf8Title) << QByteArray() << u"Grüß Gott"_s;
    QTest::newRow("no declaration means utf-8") << utf8Title << QByteArray() << u"Grüß Gott"_s;
    QTest::newRow("utf-8 bom") << "\xEF\xBB\xBF" + declared("utf-8", utf8Title) << QByteArray()
                               << u"Grüß Gott"_s;
    QStringEncoder utf16le(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    QTest::newRow("utf-16le with bom")
        << QByteArray(utf16le(u"<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                              "<rss><channel><title>Ünïcödé</title></channel></rss>"))
        << QByteArray() << u"Ünïcödé"_s;
    QStringEncoder utf16be(QStringEncoder::Utf16BE, QStringEncoder::Flag::WriteBom);
    QTest::newRow("utf-16be with bom")
        << QByteArray(utf16be(u"<rss><channel><title>Ünïcödé</title></channel></rss>"))
        << QByteArray() << u"Ünïcödé"_s;
    QTest::newRow("utf-16 declared on utf-8 bytes")
        << declared("UTF-16", utf8Title) << QByteArray() << u"Grüß Gott"_s;
    QTest::newRow("iso-8859-15 by name")
        << declared("ISO-8859-15", "<rss><channel><title>\xa4 5</title></channel></rss>")
        << QByteArray() << u"€ 5"_s;
    QTest::newRow("unknown encoding read as utf-8")
        << declared("x-made-up", utf8Title) << QByteArray() << u"Grüß Gott"_s;
    // The HTTP charset overrides the declaration (RFC 7303)…
    QTest::newRow("http charset without a declaration")
        << latin1Title << QByteArray("iso-8859-1") << u"Grüß Gott"_s;
    QTest::newRow("http charset over the declaration")
        << declared("UTF-8", latin1Title) << QByteArray("windows-1252") << u"Grüß Gott"_s;
    QTest::newRow("http utf-8 over a latin-1 declaration")
        << declared("ISO-8859-1", utf8Title) << QByteArray("utf-8") << u"Grüß Gott"_s;
    // …unless it is evidently wrong: a server's default Latin-1 on a valid UTF-8 document, UTF-8
    // on bytes that are not UTF-8, UTF-16 on a document readable as bytes.
    QTest::newRow("default latin-1 header on utf-8")
        << declared("UTF-8", utf8Title) << QByteArray("ISO-8859-1") << u"Grüß Gott"_s;
    QTest::newRow("utf-8 header on latin-1 bytes")
        << declared("ISO-8859-1", latin1Title) << QByteArray("utf-8") << u"Grüß Gott"_s;
    QTest::newRow("utf-16 header on utf-8 bytes")
        << utf8Title << QByteArray("utf-16") << u"Grüß Gott"_s;
    QTest::newRow("quoted, upper-case charset")
        << latin1Title << QByteArray("\"ISO-8859-1\"") << u"Grüß Gott"_s;
}

void TestFeedParser::encodings()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, httpCharset);
    QFETCH(QString, title);
    FeedParser::Options options;
    options.httpCharset = httpCharset;
    const FeedParser::Result result = FeedParser::parse(data, kSource, options);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.feed.podcast.title, title);
}

// The real-world corpus beside the project (see ../shared/corpus/feeds/SOURCES.md): every file,
// including the three that are not well-formed as published, must parse.
void TestFeedParser::corpusParses()
{
    QString shared = qEnvironmentVariable("SIDECAST_SHARED_DIR");
    if (shared.isEmpty())
        shared = QStringLiteral(SIDECAST_SOURCE_DIR "/../shared");
    const QDir dir(shared + u"/corpus/feeds"_s);
    const QStringList files = dir.entryList({u"*.xml"_s}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        QSKIP("the shared feed corpus is not available");
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const FeedParser::Result result =
            FeedParser::parse(file.readAll(), QUrl::fromLocalFile(file.fileName()));
        QVERIFY2(result.ok(), qPrintable(name + u": "_s + result.error.message));
        QVERIFY2(!result.feed.episodes.isEmpty(), qPrintable(name));
        qsizetype dated = 0;
        qsizetype playable = 0;
        for (const Episode &episode : result.feed.episodes) {
            QVERIFY2(!episode.guid.isEmpty(), qPrintable(name));
            dated += episode.published.isValid() ? 1 : 0;
            playable += episode.enclosure.isValid() ? 1 : 0;
        }
        QVERIFY2(dated == result.feed.episodes.size(), qPrintable(name));
        QVERIFY2(playable == result.feed.episodes.size(), qPrintable(name));
    }
}

// A parse holds the input, the values it makes and a small read buffer: a few times the size
// of the document at most, however large it is. The values weigh most for a feed of many small
// items (about 1.5 KiB an episode, of which a third is the Episode itself and a quarter its
// enclosure's QUrl), so that is what is measured: the peak may grow by 4x the document, not by
// the 2x more that decoding it all up front, or a second copy of it, would add.
void TestFeedParser::memoryStaysBounded_data()
{
    QTest::addColumn<QByteArray>("declaration");
    QTest::newRow("utf-8") << QByteArray("<?xml version=\"1.0\"?>");
    // Converted to UTF-8 as it is read, not all at once.
    QTest::newRow("latin-1") << QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
}

void TestFeedParser::memoryStaysBounded()
{
#ifdef Q_OS_LINUX
    QFETCH(QByteArray, declaration);
    const auto peakKiB = [] {
        QFile status(u"/proc/self/status"_s);
        if (!status.open(QIODevice::ReadOnly))
            return qint64(-1);
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
        return qint64(-1);
    };
    QByteArray data = declaration + "<rss><channel><title>Big</title>";
    // A small item, as in a large archive feed; the per-episode overhead weighs most here.
    const QByteArray item =
        "<item><title>Episode 123: A title of a usual length</title>\n"
        "<guid isPermaLink=\"false\">3602b6b4-68e4-47a6-81b9-323cc79ed87f</guid>\n"
        "<pubDate>Sun, 06 Feb 2016 15:30:00 +0100</pubDate><itunes:duration>41:07</itunes:duration>"
        "\n<description>Some plain notes about the episode: who talks, what about, and where to "
        "find more. Two sentences, as many feeds have.</description>\n"
        "<enclosure url=\"https://media.big.example/shows/2016/episode-123.mp3\" "
        "length=\"13463192\" type=\"audio/mpeg\"/>\n</item>\n";
    const qsizetype target = 32 * 1024 * 1024;
    data.reserve(target + item.size() + 64);
    while (data.size() < target)
        data += item;
    data += "</channel></rss>";
    // Start the peak afresh (Linux 4.0+), after handing memory freed by earlier rows back to
    // the system, so rows do not see each other's.
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5");
    clearRefs.close();
    const qint64 before = peakKiB();
    if (before < 0)
        QSKIP("no /proc/self/status");
    {
        const FeedParser::Result result = FeedParser::parse(data, kSource);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY(result.feed.episodes.size() > 50000);
    }
    const qint64 grownKiB = peakKiB() - before;
    const qint64 sizeKiB = data.size() / 1024;
    qInfo("parsing %lld KiB raised the peak by %lld KiB", sizeKiB, grownKiB);
    QVERIFY2(grownKiB < 4 * sizeKiB, qPrintable(u"%1 KiB for %2 KiB"_s.arg(grownKiB).arg(sizeKiB)));
#else
    QSKIP("measures the peak resident size through /proc");
#endif
}

QTEST_GUILESS_MAIN(TestFeedParser)
#include "tst_feedparser.moc"
