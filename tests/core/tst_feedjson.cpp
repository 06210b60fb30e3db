// The JSON of shared/specs/feed-json.md, as `sidecast-cli parse` prints it.

#include "core/feed/feedjson.h"
#include "core/feed/feedparser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QTimeZone>

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

// The keys feed-json.md lists, at each level.
const QStringList kFeedKeys = {u"format"_s,
                               u"title"_s,
                               u"link"_s,
                               u"self_url"_s,
                               u"new_feed_url"_s,
                               u"description"_s,
                               u"description_html"_s,
                               u"image"_s,
                               u"language"_s,
                               u"author"_s,
                               u"owner"_s,
                               u"categories"_s,
                               u"explicit"_s,
                               u"type"_s,
                               u"locked"_s,
                               u"podcast_guid"_s,
                               u"medium"_s,
                               u"funding"_s,
                               u"persons"_s,
                               u"paged_feed_next"_s,
                               u"episodes"_s};
const QStringList kEpisodeKeys = {u"guid"_s,
                                  u"title"_s,
                                  u"link"_s,
                                  u"published"_s,
                                  u"duration"_s,
                                  u"description"_s,
                                  u"description_html"_s,
                                  u"subtitle"_s,
                                  u"image"_s,
                                  u"author"_s,
                                  u"season"_s,
                                  u"episode"_s,
                                  u"episode_type"_s,
                                  u"explicit"_s,
                                  u"enclosures"_s,
                                  u"chapters_url"_s,
                                  u"chapters_type"_s,
                                  u"chapters"_s,
                                  u"transcripts"_s,
                                  u"persons"_s,
                                  u"soundbites"_s,
                                  u"alternate_enclosures"_s};

QSet<QString> keySet(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return {keys.cbegin(), keys.cend()};
}

QSet<QString> keySet(const QStringList &keys)
{
    return {keys.cbegin(), keys.cend()};
}

// Where two JSON values differ, as paths ("episodes[0].title"), for a readable failure.
void collectDiffs(const QString &path, const QJsonValue &actual, const QJsonValue &expected,
                  QStringList &diffs)
{
    if (actual.isObject() && expected.isObject()) {
        const QJsonObject a = actual.toObject();
        const QJsonObject e = expected.toObject();
        QSet<QString> keys = keySet(a);
        keys.unite(keySet(e));
        for (const QString &key : std::as_const(keys))
            collectDiffs(path + u'.' + key, a.value(key), e.value(key), diffs);
        return;
    }
    if (actual.isArray() && expected.isArray() &&
        actual.toArray().size() == expected.toArray().size()) {
        for (qsizetype i = 0; i < actual.toArray().size(); ++i)
            collectDiffs(path + u"[%1]"_s.arg(i), actual.toArray().at(i), expected.toArray().at(i),
                         diffs);
        return;
    }
    if (actual != expected) {
        const auto show = [](const QJsonValue &v) {
            return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
        };
        diffs << path + u": "_s + show(actual) + u" expected "_s + show(expected);
    }
}

} // namespace

class TestFeedJson : public QObject
{
    Q_OBJECT

private slots:
    void everyKeyOfAnEmptyFeed();
    void fixtureAsSpecified();
    void numbers();
    void formatNames_data();
    void formatNames();
};

void TestFeedJson::everyKeyOfAnEmptyFeed()
{
    Feed feed;
    feed.podcast.title = u"T"_s;
    feed.episodes.append(Episode{});
    const QJsonObject json = feedjson::toJson(feed);
    QCOMPARE(keySet(json), keySet(kFeedKeys));
    for (const QString &key : kFeedKeys) {
        if (key == u"title"_s || key == u"episodes"_s)
            continue;
        const QJsonValue value = json.value(key);
        QVERIFY2(value.isNull() || value == QJsonArray(), qPrintable(key));
    }
    const QJsonObject episode = json.value(u"episodes"_s).toArray().at(0).toObject();
    QCOMPARE(keySet(episode), keySet(kEpisodeKeys));
    for (const QString &key : kEpisodeKeys) {
        const QJsonValue value = episode.value(key);
        if (key == u"published"_s || key == u"duration"_s)
            QCOMPARE(value.toInteger(-1), 0); // 0 when missing, never null
        else
            QVERIFY2(value.isNull() || value == QJsonArray(), qPrintable(key));
    }
}

// Every field of every extension, against JSON written by hand from the feed and the spec.
void TestFeedJson::fixtureAsSpecified()
{
    const FeedParser::Result result = FeedParser::parse(
        fixture(u"podcast20.xml"_s), QUrl::fromLocalFile(fixturePath(u"podcast20.xml"_s)));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const QJsonObject actual = feedjson::toJson(result.feed);
    const QJsonObject expected = QJsonDocument::fromJson(fixture(u"podcast20.json"_s)).object();
    QVERIFY(!expected.isEmpty());
    QStringList diffs;
    collectDiffs(u"feed"_s, actual, expected, diffs);
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(u'\n')));
}

void TestFeedJson::numbers()
{
    Episode episode;
    episode.durationSecs = 737;
    episode.episodeNumber = 12;
    episode.season = 3;
    Enclosure unknownLength;
    unknownLength.url = QUrl(u"https://x.example/a.mp3"_s);
    episode.enclosures = {unknownLength};
    Chapter chapter;
    chapter.startSecs = 62.5;
    episode.chapters = {chapter};
    QJsonObject json = feedjson::toJson(episode);
    QCOMPARE(json.value(u"duration"_s).toInteger(), 737);
    QCOMPARE(json.value(u"episode"_s).toInteger(), 12);
    QCOMPARE(json.value(u"season"_s).toInteger(), 3);
    QCOMPARE(json.value(u"enclosures"_s).toArray().at(0).toObject().value(u"length"_s).toInteger(),
             -1); // the struct's 0 (unknown) is -1 in JSON
    QCOMPARE(json.value(u"chapters"_s).toArray().at(0).toObject().value(u"start"_s).toDouble(),
             62.5);
    // Whole numbers print without a fraction, the rest with one.
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    QVERIFY2(text.contains("\"episode\":12,"), text.constData());
    episode.episodeNumber = 12.5;
    QCOMPARE(feedjson::toJson(episode).value(u"episode"_s).toDouble(), 12.5);
    episode.published = QDateTime::fromSecsSinceEpoch(1708070400, QTimeZone::utc());
    QCOMPARE(feedjson::toJson(episode).value(u"published"_s).toInteger(), 1708070400);
}

void TestFeedJson::formatNames_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("format");
    QTest::newRow("rss2") << QByteArray("<rss><channel/></rss>") << u"rss2"_s;
    QTest::newRow("atom") << QByteArray("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>")
                          << u"atom"_s;
    QTest::newRow("rss1") << QByteArray("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
                                        "22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
                                        "<channel/></rdf:RDF>")
                          << u"rss1"_s;
}

void TestFeedJson::formatNames()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, format);
    const FeedParser::Result result = FeedParser::parse(document, QUrl(u"https://x.example/f"_s));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(feedjson::toJson(result.feed).value(u"format"_s).toString(), format);
    QCOMPARE(feedjson::toJson(result.feed).value(u"title"_s).toString(), u"f"_s);
}

QTEST_GUILESS_MAIN(TestFeedJson)
#include "tst_feedjson.moc"
