// Parses every feed of the real-world corpus (shared/corpus/feeds, described in SOURCES.md there)
// and checks the episode count and spot values of the first and last episode in document order.
//
// Every expected value below was written down by hand from the feed file itself, by the rules of
// shared/specs/feed-json.md; none was copied from the parser's output. Where the two disagree,
// the row is the truth.

#include "core/feed/feedparser.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

// What one episode should read as.
struct Spot
{
    QString title;
    QString guid;
    qint64 published = 0; // Unix seconds, UTC; 0 when the feed gives no usable date
    qint64 duration = 0;  // whole seconds; 0 when the feed gives none
    QString enclosure;
};

struct CorpusFeed
{
    const char *file;
    QString title; // the channel title
    int count;     // <item> elements, in document order, duplicates included
    Spot first;
    Spot last;
};

// Dates were converted with `date -u -d '<pubDate>' +%s`; zone names are the North American
// ones (PST -0800, PDT -0700, EST -0500).
const QList<CorpusFeed> &corpus()
{
    static const QList<CorpusFeed> feeds = {
        {"argl-podcast-feeds-99-percent-invisible.xml",
         u"99% Invisible"_s,
         212,
         {u"199- The Yin and Yang of Basketball"_s, u"http://99percentinvisible.prx.org/?p=1080"_s,
          1455069584, // Wed, 10 Feb 2016 01:59:44 +0000
          1286,       // 21:26
          u"http://feeds.99percentinvisible.org/~r/99percentinvisible/~5/oD_bLx-oY6M/"
          "199-The-Yin-and-Yang-of-Basketball.mp3"_s},
         {u"99% Invisible-01- 99% Noise"_s,
          u"http://invisible99.podbean.com/2010/09/23/99-invisible-01-99-noise/"_s,
          1285275921, // Thu, 23 Sep 2010 21:05:21 +0000
          261,        // 4:21
          u"http://feeds.99percentinvisible.org/~r/99percentinvisible/~5/KNgjQGUCJ8g/"
          "01-99-Percent-Noise.mp3"_s}},

        // No <guid> and no itunes:duration anywhere: the guid falls back to the enclosure URL.
        // Titles end in a space, which collapsing removes.
        {"argl-podcast-feeds-radiolemans.xml",
         u"RadioLeMans.com"_s,
         805,
         {u"Michelin Post Race Tech: Liqui-Moly Bathurst 12h"_s,
          u"http://audio.rpix.org.uk/2016/races/2016_bathurst_prt.mp3"_s,
          1454769000, // Sun, 06 Feb 2016 15:30:00 +0100
          0, u"http://audio.rpix.org.uk/2016/races/2016_bathurst_prt.mp3"_s},
         {u"Sportscar Season review 2013"_s,
          u"http://audio.rpix.org.uk/wec/2013/2013_wec_review.mp3"_s,
          1388613960, // Wed, 01 Jan 2014 23:06:00 +0100
          0, u"http://audio.rpix.org.uk/wec/2013/2013_wec_review.mp3"_s}},

        // The last item's pubDate and duration are CDATA, the date in PDT.
        {"fivethirtyeight-archive-politics.xml",
         u"FiveThirtyEight Politics Archive"_s,
         958,
         {u"Reaction Podcast: Trump Goes Long"_s, u"81f79872-960d-11ef-a9d8-fb4760ac80b5"_s,
          1741164774, // Wed, 05 Mar 2025 08:52:54 -0000
          1952,
          u"https://www.podtrac.com/pts/redirect.mp3/pscrb.fm/rss/p/traffic.megaphone.fm/"
          "ESP3625668942.mp3?updated=1741165125"_s},
         {u"Welcome to FiveThirtyEight Elections"_s,
          u"https://fivethirtyeight.com/features/"
          "introducing-fivethirtyeights-new-elections-podcast/"_s,
          1453446000, // Fri, 22 Jan 2016 00:00:00 PDT
          102,        // 01:42
          u"https://www.podtrac.com/pts/redirect.mp3/traffic.megaphone.fm/ESP4458873976.mp3"_s}},

        {"gnome-podcasts-deprogram-2026.xml",
         u"The Deprogram"_s,
         385,
         {u"Episode 220 - Epstein and Eugenics"_s, u"Buzzsprout-18674372"_s,
          1770980400, // Fri, 13 Feb 2026 05:00:00 -0600
          6803,
          u"https://www.buzzsprout.com/1890340/episodes/"
          "18674372-episode-220-epstein-and-eugenics.mp3"_s},
         {u"Episode 2: American Exceptionalism"_s, u"Buzzsprout-9571891"_s,
          1637251200, // Thu, 18 Nov 2021 10:00:00 -0600
          5356,
          u"https://www.buzzsprout.com/1890340/episodes/"
          "13804800-episode-2-american-exceptionalism.mp3"_s}},

        {"gnome-podcasts-linux-unplugged-2020.xml",
         u"LINUX Unplugged"_s,
         384,
         {u"384: Born To Run Fedora"_s, u"189424ce-542a-437a-98bb-a14563d3760b"_s,
          1608088500, // Tue, 15 Dec 2020 19:15:00 -0800
          3903,       // 1:05:03
          u"https://aphid.fireside.fm/d/1437767933/f31a453c-fa15-491f-8618-3f71f1d565e5/"
          "189424ce-542a-437a-98bb-a14563d3760b.mp3"_s},
         {u"Episode 1: Too Much Choice | LU1"_s, u"6FC4A444-BE24-44A5-B776-FD83DF695250"_s,
          1376359539, // Mon, 12 Aug 2013 19:05:39 -0700
          4284,       // 1:11:24
          u"https://aphid.fireside.fm/d/1437767933/f31a453c-fa15-491f-8618-3f71f1d565e5/"
          "1c572137-1d75-4eb6-a07b-0bd4859d6e1a.mp3"_s}},

        // The guids are CDATA.
        {"gnome-podcasts-reply-all.xml",
         u"Reply All"_s,
         187,
         {u"#170 A Song of Impotent Rage"_s, u"c1645ae8-e2c3-11e9-be80-6f7293d044ba"_s,
          1608202800, // Thu, 17 Dec 2020 11:00:00 -0000
          2299, u"https://traffic.megaphone.fm/GLT2160338052.mp3?updated=1608164714"_s},
         {u"Welcome to Reply All"_s, u"375dea10-7e83-11ea-8b7f-bb7e062ac6bf"_s,
          1414576800, // Wed, 29 Oct 2014 10:00:00 -0000
          89, u"https://traffic.megaphone.fm/GLT7023135335.mp3"_s}},

        // ISO-8859-1 bytes: "Sèries", "Víctor", "càmeres" are single high bytes in the file.
        {"gnome-podcasts-series-i-cinema.xml",
         u"Sèries i Cinema"_s,
         50,
         {u"S'estrena, per fi, un dels millors films del 2021, \"Drive my car\""_s,
          u"https://audios.ccma.cat/multimedia/mp3/5/2/1643994008925.mp3"_s,
          1643991600, // Fri, 04 Feb 2022 17:20:00 +0100
          331,        // 00:05:31
          u"https://audios.ccma.cat/multimedia/mp3/5/2/1643994008925.mp3"_s},
         {u"Metratge trobat, per Víctor Esquirol: les càmeres les carrega la bruixa"_s,
          u"https://audios.ccma.cat/multimedia/mp3/8/0/1637417418308.mp3"_s,
          1637838000, // Thu, 25 Nov 2021 12:00:00 +0100
          3594,       // 00:59:54
          u"https://audios.ccma.cat/multimedia/mp3/8/0/1637417418308.mp3"_s}},

        {"gnome-podcasts-street-fight-radio.xml",
         u"Street Fight Radio"_s,
         500,
         {u"Now We're Cooking! - Tourgasm"_s, u"tag:soundcloud,2010:tracks/1416842044"_s,
          1672923621, // Thu, 05 Jan 2023 13:00:21 +0000
          4761,       // 01:19:21
          u"https://feeds.soundcloud.com/stream/"
          "1416842044-streetfightwcrs-now-were-cooking-tourgasm.mp3"_s},
         {u"Strict Compliance Or Strict Defiance"_s, u"tag:soundcloud,2010:tracks/396596097"_s,
          1518130045, // Thu, 08 Feb 2018 22:47:25 +0000
          6675,       // 01:51:15
          u"https://feeds.soundcloud.com/stream/"
          "396596097-streetfightwcrs-strict-compliance-or-strict-defiance.mp3"_s}},

        {"metalove-accidental-tech-podcast.xml",
         u"Accidental Tech Podcast"_s,
         100,
         {u"308: Left-Handed Streaming Service"_s,
          u"513abd71e4b0fe58c655c105:513abd71e4b0fe58c655c111:5c36c483575d1f35e821f4fd"_s,
          1547149170, // Thu, 10 Jan 2019 19:39:30 +0000
          6261,       // 01:44:21
          u"http://traffic.libsyn.com/atpfm/atp308.mp3"_s},
         {u"209: Making Sausage-Making Glamorous"_s,
          u"513abd71e4b0fe58c655c105:513abd71e4b0fe58c655c111:58a52a66725e252edfa0c4f3"_s,
          1487284930, // Thu, 16 Feb 2017 22:42:10 +0000
          7615,       // 02:06:55
          u"http://traffic.libsyn.com/atpfm/atp209.mp3"_s}},

        // The last item also has <itunes:title>Alle Fuzzies freuen sich</itunes:title>; the
        // episode title is the RSS <title>.
        {"metalove-freak-show.xml",
         u"Freak Show"_s,
         30,
         {u"FS229 Telefonischturm"_s, u"podlove-2019-01-10t02:08:54+00:00-24a0bc0354f209e"_s,
          1547087258, // Thu, 10 Jan 2019 02:27:38 +0000
          18970,      // 05:16:10
          u"https://tracking.feedpress.it/link/13454/10973421/fs229-telefonischturm.mp3"_s},
         {u"FS200 Alle Fuzzies freuen sich"_s,
          u"podlove-2017-06-14t23:53:26+00:00-3d9ecc198d0b7cc"_s,
          1497488191, // Thu, 15 Jun 2017 00:56:31 +0000
          13608,      // 03:46:48
          u"https://tracking.feedpress.it/link/13454/6025851/fs200-alle-fuzzies-freuen-sich.mp3"_s}},

        {"node-podcast-parser-rtve.xml",
         u"Tiempo de valientes. El diario de Julián Martínez"_s,
         6,
         {u"El Ministerio del Tiempo - Tiempo de valientes: capítulo 6"_s,
          u"http://rtve.es/a/3472786"_s,
          1458595800, // Mon, 21 Mar 2016 21:30:00 GMT
          148,        // 00:02:28
          u"http://mvod.lvlt.rtve.es/resources/TE_STIEVAL/mp3/2/4/1454604673442.mp3"_s},
         {u"El Ministerio del Tiempo - Tiempo de valientes: capítulo 1"_s,
          u"http://rtve.es/a/3472759"_s,
          1455562800, // Mon, 15 Feb 2016 19:00:00 GMT
          223,        // 00:03:43
          u"http://mvod.lvlt.rtve.es/resources/TE_STIEVAL/mp3/7/6/1454604641167.mp3"_s}},

        // Dates in PST. The last item's guid is empty (<guid isPermaLink="false"/>), so its
        // identity falls back to the enclosure URL.
        {"node-podcast-parser-se-radio.xml",
         u"Software Engineering Radio - The Podcast for Professional Software Developers"_s,
         249,
         {u"SE-Radio Episode 248: Axel Rauschmayer on JavaScript and ECMAScript 6"_s,
          u"http://www.se-radio.net/?p=1939"_s,
          1454004412, // Thu, 28 Jan 2016 10:06:52 PST
          3793,       // 1:03:13
          u"http://feedproxy.google.com/~r/se-radio/~5/_V8a9ATpdxk/"
          "SE-Radio-Episode-248-Axel-Rauschmayer-on-JavaScript-and-ECMAScript-6.mp3"_s},
         {u"Episode 0: About"_s,
          u"http://feedproxy.google.com/~r/se-radio/~5/HP4FT84Qos8/seradio-episode0-about.mp3"_s,
          1137801600, // Fri, 20 Jan 2006 16:00:00 PST
          323,        // 5:23
          u"http://feedproxy.google.com/~r/se-radio/~5/HP4FT84Qos8/seradio-episode0-about.mp3"_s}},

        // The channel also holds a <podcast:liveItem>, which is not an episode. The first item
        // has no itunes:duration.
        {"partytime-mike-neumann-show.xml",
         u"The Mike Neumann Show"_s,
         54,
         {u"Social Media"_s, u"ab86b7b7-79e2-43f4-9f58-8d2584b103ec"_s,
          1726340758, // Sat, 14 Sep 2024 19:05:58 +0000
          0,
          u"https://op3.dev/e,pg=7a2d292c-8656-5fcf-88d2-31b10e54d7c7/mikeneumann.show/assets/"
          "static/themnshow054-20240914-FINAL.mp3"_s},
         {u"Hello World"_s, u"themnshow001"_s,
          1650327632, // Tue, 19 Apr 2022 00:20:32 +0000
          1274,
          u"https://op3.dev/e,7a2d292c-8656-5fcf-88d2-31b10e54d7c7/mikeneumann.show/assets/"
          "static/themnshow001-20220409-Final.mp3"_s}},

        // Not well-formed (&gtgt; in the show notes, no XML declaration): recovered, not
        // refused. No itunes:duration.
        {"partytime-no-agenda.xml",
         u"No Agenda"_s,
         29,
         {u"1393: \"Space Wake\""_s, u"http://1393.noagendanotes.com"_s,
          1635106944, // Sun, 24 Oct 2021 20:22:24 +0000
          0, u"https://mp3s.nashownotes.com/NA-1393-2021-10-24-Final.mp3"_s},
         {u"1365: \"Vaccine Poverty\""_s, u"http://1365.noagendanotes.com"_s,
          1626640764, // Sun, 18 Jul 2021 20:39:24 GMT
          0, u"https://mp3s.nashownotes.com/NA-1365-2021-07-18-Final.mp3"_s}},

        // No itunes:duration. The last item's guid really is a date string.
        {"partytime-podcasting20.xml",
         u"Podcasting 2.0"_s,
         56,
         {u"Episode 57: Rebel Rubes"_s, u"PC2057"_s,
          1633719332, // Fri, 08 Oct 2021 18:55:32 +0000
          0, u"https://mp3s.nashownotes.com/PC20-57-2021-10-08-Final.mp3"_s},
         {u"Episode 2: We Have Liftoff!"_s, u"Fri, 11 Sep 2020 18:51:09 GMT"_s,
          1599850269, // Fri, 11 Sep 2020 18:51:09 GMT
          0, u"https://mp3s.nashownotes.com/PC20-02-2020-09-11-Final.mp3"_s}},

        {"podcast-archiver-lautsprecher.xml",
         u"Der Lautsprecher"_s,
         5,
         {u"LS019 hr2 der Tag - ein Gespräch mit Florian Schwinn"_s,
          u"podlove-2019-04-02t13:22:40+00:00-827d6a227051dd9"_s,
          1554221002, // Tue, 02 Apr 2019 16:03:22 +0000
          3453,       // 00:57:33
          u"https://der-lautsprecher.de/podlove/file/405/s/feed/c/m4a/"
          "ls019-hr2-der-tag-ein-gespraech-mit-florian-schwinn.m4a"_s},
         {u"LS015 Der Sender bin ich"_s, u"podlove-2015-01-23t14:23:43+00:00-a70b7fa2cc57856"_s,
          1422027552, // Fri, 23 Jan 2015 15:39:12 +0000
          5055,       // 01:24:15
          u"https://der-lautsprecher.de/podlove/file/259/s/feed/c/m4a/"
          "ls015-der-sender-bin-ich.m4a"_s}},

        // A newline precedes the XML declaration: recovered, not refused.
        {"rss-parser-dasding-endorphine.xml",
         u"Endorphine für Delfine"_s,
         32,
         {u"Die mit Alice Merton und der Wespen-Taschen Psychologie"_s,
          u"3602b6b4-68e4-47a6-81b9-323cc79ed87f"_s,
          1602775620, // Thu, 15 Oct 2020 17:27:00 +0200
          2744,       // 45:44
          u"https://avdlswr-a.akamaihd.net/dasding/podcasts/endorphine-fuer-delfine/"
          "1320514.m.mp3"_s},
         {u"Trailer ist da!"_s, u"6559373a-7861-4317-b2bf-deba0761a0d8"_s,
          1584354480, // Mon, 16 Mar 2020 11:28:00 +0100
          94,         // 01:34
          u"https://avdlswr-a.akamaihd.net/dasding/podcasts/endorphine-fuer-delfine/"
          "1213219.m.mp3"_s}},

        // Dates in PST; itunes:duration redeclares xmlns:itunes on the element itself.
        {"rss-parser-giant-bombcast.xml",
         u"Giant Bombcast"_s,
         730,
         {u"Giant Bombcast 603: Call of Tuesday"_s, u"1600-2823"_s,
          1569969000, // Tue, 01 Oct 2019 14:30:00 PST
          10475,
          u"https://dts.podtrac.com/redirect.mp3/www.giantbomb.com/podcasts/download/2823/"
          "603__Call_of_Tuesday-10-01-2019-6277737276.mp3"_s},
         {u"Giant Bombcast Arrow Pointing Down Podcast Beta"_s, u"1600-20"_s,
          1203328440, // Mon, 18 Feb 2008 01:54:00 PST
          5283,
          u"https://dts.podtrac.com/redirect.mp3/www.giantbomb.com/podcasts/download/20/"
          "arrowpointingdownpodcast-021808.mp3"_s}},

        // A newline precedes the XML declaration. The itunes prefix is bound to
        // http://www.itunes.com/DTDs/Podcast-1.0.dtd (wrong case, as in Apple's early
        // examples); the publisher plainly means iTunes, so the durations count. The first
        // pubDate has no weekday and an EST zone.
        {"rss-parser-taverncast.xml",
         u"Taverncast - Happy Hour in Your Head - Since 2005"_s,
         131,
         {u"Taverncast 62 - Temporal Anomaly"_s, u"http://taverncast.com/shows/taverncast-62.mp3"_s,
          1446915600, // 07 Nov 2015 12:00:00 EST
          4190,       // 1:09:50
          u"http://www.podtrac.com/pts/redirect.mp3?http://www.taverncast.com/shows/"
          "taverncast-62.mp3"_s},
         {u"Taverncast 1: Welcome to the Bar"_s,
          u"http://www.taverncast.com/shows/taverncast-2005-07-18.mp3"_s,
          1121709600, // Mon, 18 Jul 2005 18:00:00 GMT
          2377,       // 00:39:37
          u"http://www.podtrac.com/pts/redirect.mp3?http://dl.affiliates.futureus.com/"
          "taverncast/taverncast-2005-07-18.mp3"_s}},
    };
    return feeds;
}

QString describeTime(qint64 secs)
{
    if (secs == 0)
        return u"0"_s;
    return QString::number(secs) + u" ("_s +
           QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(Qt::ISODate) + u')';
}

// One line per field that differs, so a failing row shows everything that is wrong at once.
QStringList compareSpot(const QString &which, const sidecast::Episode &episode, const Spot &want)
{
    QStringList problems;
    const auto mismatch = [&](const QString &field, const QString &expected,
                              const QString &actual) -> QString {
        return which + u'.' + field + u": expected \""_s + expected + u"\", got \""_s + actual +
               u'"';
    };
    if (episode.title != want.title)
        problems << mismatch(u"title"_s, want.title, episode.title);
    if (episode.guid != want.guid)
        problems << mismatch(u"guid"_s, want.guid, episode.guid);
    const qint64 published = episode.published.isValid() ? episode.published.toSecsSinceEpoch() : 0;
    if (published != want.published)
        problems << mismatch(u"published"_s, describeTime(want.published), describeTime(published));
    if (episode.durationSecs != want.duration)
        problems << mismatch(u"duration"_s, QString::number(want.duration),
                             QString::number(episode.durationSecs));
    const QString enclosure = episode.enclosure.url.toString(QUrl::FullyEncoded);
    if (enclosure != want.enclosure)
        problems << mismatch(u"enclosure"_s, want.enclosure, enclosure);
    return problems;
}

} // namespace

Q_DECLARE_METATYPE(Spot)

class TstCorpus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tableCoversEveryFeed();
    void feed_data();
    void feed();

private:
    QString m_dir;
};

void TstCorpus::initTestCase()
{
    const QString shared = qEnvironmentVariable("SIDECAST_SHARED_DIR");
    if (shared.isEmpty())
        QSKIP("SIDECAST_SHARED_DIR is not set: point it at the shared/ folder that holds "
              "corpus/feeds (ctest sets it from the CMake cache variable SIDECAST_SHARED_DIR; "
              "configure with -DSIDECAST_SHARED_DIR=/path/to/shared)");
    m_dir = QDir(shared).filePath(u"corpus/feeds"_s);
    if (!QFileInfo(m_dir).isDir())
        QSKIP(qPrintable(u"The feed corpus folder "_s + m_dir +
                         u" does not exist: set SIDECAST_SHARED_DIR to the shared/ folder that "
                         "holds corpus/feeds (ctest sets it from the CMake cache variable "
                         "SIDECAST_SHARED_DIR; configure with "
                         "-DSIDECAST_SHARED_DIR=/path/to/shared)"_s));
}

// A feed added to the corpus without a row here, or a row whose file went away, fails.
void TstCorpus::tableCoversEveryFeed()
{
    const QStringList onDisk = QDir(m_dir).entryList({u"*.xml"_s}, QDir::Files, QDir::Name);
    QStringList inTable;
    for (const CorpusFeed &feed : corpus())
        inTable << QString::fromLatin1(feed.file);
    inTable.sort();
    QCOMPARE(inTable, onDisk);
}

void TstCorpus::feed_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("title");
    QTest::addColumn<int>("count");
    QTest::addColumn<Spot>("first");
    QTest::addColumn<Spot>("last");
    for (const CorpusFeed &feed : corpus())
        QTest::newRow(feed.file) << QString::fromLatin1(feed.file) << feed.title << feed.count
                                 << feed.first << feed.last;
}

void TstCorpus::feed()
{
    QFETCH(QString, file);
    QFETCH(QString, title);
    QFETCH(int, count);
    QFETCH(Spot, first);
    QFETCH(Spot, last);

    const QString path = QDir(m_dir).filePath(file);
    QFile in(path);
    QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path + u": "_s + in.errorString()));
    const QByteArray bytes = in.readAll();

    const sidecast::FeedParser::Result result =
        sidecast::FeedParser::parse(bytes, QUrl::fromLocalFile(path));
    QVERIFY2(result.ok(), qPrintable(u"refused: "_s + result.error.message));

    const sidecast::Feed &feed = result.feed;
    QStringList problems;
    if (feed.podcast.title != title)
        problems << u"podcast.title: expected \""_s + title + u"\", got \""_s + feed.podcast.title +
                        u'"';
    if (feed.episodes.size() != count)
        problems << u"episode count: expected "_s + QString::number(count) + u", got "_s +
                        QString::number(feed.episodes.size());
    if (!feed.episodes.isEmpty()) {
        problems << compareSpot(u"first"_s, feed.episodes.constFirst(), first);
        problems << compareSpot(u"last"_s, feed.episodes.constLast(), last);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n   "_s)));
}

QTEST_GUILESS_MAIN(TstCorpus)
#include "tst_corpus.moc"
