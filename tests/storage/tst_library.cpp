#include "core/feed/feedparser.h"
#include "storage/library.h"
#include "storage/migrations.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;

namespace {

Episode makeEpisode(const QString &guid, const QString &title, const QDateTime &published,
                    int durationSecs)
{
    Episode e;
    e.guid = guid;
    e.title = title;
    e.published = published;
    e.durationSecs = durationSecs;
    e.summary = title + QStringLiteral(" summary");
    e.notesHtml = QStringLiteral("<p>Notes of ") + title + QStringLiteral("</p>");
    e.enclosure.url =
        QUrl(QStringLiteral("https://example.org/audio/") + guid + QStringLiteral(".mp3"));
    e.enclosure.mimeType = QStringLiteral("audio/mpeg");
    e.enclosure.length = 1000;
    return e;
}

Feed makeFeed(const QString &feedUrl = QStringLiteral("https://example.org/feed.xml"))
{
    Feed f;
    f.podcast.feedUrl = QUrl(feedUrl);
    f.podcast.title = QStringLiteral("Test Show");
    f.podcast.author = QStringLiteral("Someone");
    f.podcast.imageUrl = QUrl(QStringLiteral("https://example.org/cover.png"));
    const QDateTime base(QDate(2025, 2, 1), QTime(12, 0), Qt::UTC);
    // Document order is not date order: the library sorts.
    f.episodes = {
        makeEpisode(QStringLiteral("b"), QStringLiteral("Second"), base.addDays(7), 600),
        makeEpisode(QStringLiteral("c"), QStringLiteral("Third"), base.addDays(14), 900),
        makeEpisode(QStringLiteral("a"), QStringLiteral("First"), base, 300),
    };
    return f;
}

// A feed of `count` episodes e0..e{count-1}, one a day, each with its own guid and file.
Feed bigFeed(int count)
{
    Feed f = makeFeed();
    f.episodes.clear();
    const QDateTime base(QDate(2024, 1, 1), QTime(6, 0), Qt::UTC);
    for (int i = count - 1; i >= 0; --i)
        f.episodes.append(makeEpisode(QStringLiteral("e%1").arg(i),
                                      QStringLiteral("Episode %1").arg(i), base.addDays(i), 60));
    return f;
}

// The fixture with every extension the parser reads (tests/data/feeds/podcast20.xml).
Feed everythingFeed()
{
    const QString path = QStringLiteral(SIDECAST_TEST_DATA_DIR "/feeds/podcast20.xml");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(path));
    FeedParser::Result result = FeedParser::parse(file.readAll(), QUrl::fromLocalFile(path));
    if (!result.ok())
        qFatal("fixture does not parse: %s", qPrintable(result.error.message));
    return result.feed;
}

// Everything the feed says about the show, as stored and read back.
void compareShow(const Podcast &stored, const Podcast &parsed)
{
    QCOMPARE(stored.feedUrl, parsed.feedUrl);
    QCOMPARE(stored.title, parsed.title);
    QCOMPARE(stored.link, parsed.link);
    QCOMPARE(stored.description, parsed.description);
    QCOMPARE(stored.author, parsed.author);
    QCOMPARE(stored.imageUrl, parsed.imageUrl);
    QCOMPARE(stored.language, parsed.language);
    QCOMPARE(stored.descriptionHtml, parsed.descriptionHtml);
    QCOMPARE(stored.subtitle, parsed.subtitle);
    QCOMPARE(stored.ownerName, parsed.ownerName);
    QCOMPARE(stored.ownerEmail, parsed.ownerEmail);
    QCOMPARE(stored.categories, parsed.categories);
    QCOMPARE(stored.explicitContent, parsed.explicitContent);
    QCOMPARE(stored.showType, parsed.showType);
    QCOMPARE(stored.locked, parsed.locked);
    QCOMPARE(stored.podcastGuid, parsed.podcastGuid);
    QCOMPARE(stored.medium, parsed.medium);
    QCOMPARE(stored.funding, parsed.funding);
    QCOMPARE(stored.persons, parsed.persons);
    QCOMPARE(stored.newFeedUrl, parsed.newFeedUrl);
    QCOMPARE(stored.selfUrl, parsed.selfUrl);
    QCOMPARE(stored.pagedFeedNext, parsed.pagedFeedNext);
}

// The scalars the episode list carries.
void compareListedEpisode(const Episode &stored, const Episode &parsed)
{
    QCOMPARE(stored.guid, parsed.guid);
    QCOMPARE(stored.title, parsed.title);
    QCOMPARE(stored.link, parsed.link);
    QCOMPARE(stored.published, parsed.published);
    QCOMPARE(stored.durationSecs, parsed.durationSecs);
    QCOMPARE(stored.summary, parsed.summary);
    QCOMPARE(stored.imageUrl, parsed.imageUrl);
    QCOMPARE(stored.enclosure, parsed.enclosure);
    QCOMPARE(stored.subtitle, parsed.subtitle);
    QCOMPARE(stored.author, parsed.author);
    QCOMPARE(stored.season, parsed.season);
    QCOMPARE(stored.episodeNumber, parsed.episodeNumber);
    QCOMPARE(stored.episodeType, parsed.episodeType);
    QCOMPARE(stored.explicitContent, parsed.explicitContent);
}

// And everything else, which episode(id) reads.
void compareEpisode(const Episode &stored, const Episode &parsed)
{
    compareListedEpisode(stored, parsed);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(stored.notesHtml, parsed.notesHtml);
    QCOMPARE(stored.enclosures, parsed.enclosures);
    QCOMPARE(stored.chaptersUrl, parsed.chaptersUrl);
    QCOMPARE(stored.chaptersType, parsed.chaptersType);
    QCOMPARE(stored.chapters, parsed.chapters);
    QCOMPARE(stored.transcripts, parsed.transcripts);
    QCOMPARE(stored.persons, parsed.persons);
    QCOMPARE(stored.soundbites, parsed.soundbites);
    QCOMPARE(stored.alternateEnclosures, parsed.alternateEnclosures);
}

QStringList titles(const QList<Episode> &episodes)
{
    QStringList out;
    for (const Episode &e : episodes)
        out << e.title;
    return out;
}

} // namespace

class TestLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void opensAndMigrates()
    {
        Library library;
        Error error;
        QVERIFY2(library.open(m_dir->path(), &error), qPrintable(error.message));
        QCOMPARE(library.schemaVersion(), storage::latestSchemaVersion());
        QVERIFY(QFile::exists(m_dir->filePath(Library::databaseFileName())));
        QVERIFY(library.podcasts().isEmpty());
        // Opening again is a no-op migration.
        library.close();
        QVERIFY(library.open(m_dir->path(), &error));
        QCOMPARE(library.schemaVersion(), storage::latestSchemaVersion());
    }

    void migratesALibraryOfSchema2()
    {
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            db.setDatabaseName(m_dir->filePath(Library::databaseFileName()));
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const storage::Migration &step : storage::migrations()) {
                if (step.version > 2)
                    break;
                for (const QString &statement : step.statements)
                    QVERIFY2(q.exec(statement), qPrintable(statement));
            }
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 2")));
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO podcasts (id, feed_url, title, added_at)"
                                      " VALUES (1, 'https://example.org/feed.xml', 'Old', 1)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO episodes (podcast_id, identity, guid, title, enclosure_url,"
                " position_ms) VALUES (1, 'a', 'a', 'First', 'https://example.org/audio/a.mp3',"
                " 4242)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));

        Library library;
        Error error;
        QVERIFY2(library.open(m_dir->path(), &error), qPrintable(error.message));
        QCOMPARE(library.schemaVersion(), storage::latestSchemaVersion());
        const auto state = library.refreshState(1);
        QVERIFY(state);
        QVERIFY(state->etag.isEmpty());
        QVERIFY(!state->ended);
        // The first refresh after the upgrade keeps the position (the guid changed too).
        Feed feed = makeFeed();
        feed.episodes = {makeEpisode(QStringLiteral("new-a"), QStringLiteral("First"),
                                     QDateTime(QDate(2025, 2, 1), QTime(12, 0), Qt::UTC), 300)};
        feed.episodes[0].enclosure.url = QUrl(QStringLiteral("https://example.org/audio/a.mp3"));
        QVERIFY(library.mergeFeed(1, feed).ok());
        const QList<Episode> episodes = library.episodes(1);
        QCOMPARE(episodes.size(), 1);
        QCOMPARE(episodes.first().positionMs, 4242);
        QCOMPARE(episodes.first().guid, QStringLiteral("new-a"));
    }

    void usesWalAndForeignKeys()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        QVERIFY(library.addPodcast(makeFeed()).ok());
        library.close();
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(m_dir->filePath(Library::databaseFileName()));
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index'"
                                          " AND name = 'episodes_by_podcast_date'")));
            QVERIFY(q.next());
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    }

    void refusesNewerSchema()
    {
        {
            Library library;
            QVERIFY(library.open(m_dir->path()));
        }
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(m_dir->filePath(Library::databaseFileName()));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        Library library;
        Error error;
        QVERIFY(!library.open(m_dir->path(), &error));
        QVERIFY2(error.message.contains(QLatin1String("newer")), qPrintable(error.message));
    }

    void addsPodcastWithEpisodesNewestFirst()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        QSignalSpy changed(&library, &Library::podcastsChanged);
        const Library::MergeResult r = library.addPodcast(makeFeed());
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.added, 3);
        QCOMPARE(changed.count(), 1);

        const QList<Podcast> podcasts = library.podcasts();
        QCOMPARE(podcasts.size(), 1);
        QCOMPARE(podcasts.first().title, QStringLiteral("Test Show"));
        QCOMPARE(podcasts.first().episodeCount, 3);
        QCOMPARE(podcasts.first().unplayedCount, 3);
        QCOMPARE(podcasts.first().imageUrl, QUrl(QStringLiteral("https://example.org/cover.png")));

        const QList<Episode> episodes = library.episodes(r.podcastId);
        QCOMPARE(titles(episodes), (QStringList{QStringLiteral("Third"), QStringLiteral("Second"),
                                                QStringLiteral("First")}));
        QVERIFY(episodes.first().notesHtml.isEmpty()); // the list leaves the notes out
        const auto full = library.episode(episodes.first().id);
        QVERIFY(full);
        QCOMPARE(full->notesHtml, QStringLiteral("<p>Notes of Third</p>"));
        QCOMPARE(full->durationSecs, 900);
        QCOMPARE(full->published, QDateTime(QDate(2025, 2, 15), QTime(12, 0), Qt::UTC));
        QCOMPARE(full->enclosure.url, QUrl(QStringLiteral("https://example.org/audio/c.mp3")));
        QCOMPARE(library.episodes(r.podcastId, 2, 1).size(), 2);
        QCOMPARE(library.episodes(r.podcastId, 2, 1).first().title, QStringLiteral("Second"));
    }

    void refusesDuplicateSubscriptionAndChangesNothing()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const qint64 id = library.addPodcast(makeFeed()).podcastId;
        Feed again = makeFeed();
        again.podcast.title = QStringLiteral("Renamed");
        again.episodes.append(
            makeEpisode(QStringLiteral("d"), QStringLiteral("Fourth"), QDateTime(), 1));
        const Library::MergeResult r = library.addPodcast(again);
        QVERIFY(!r.ok());
        QCOMPARE(r.error.kind, Error::Kind::Duplicate);
        QCOMPARE(library.podcasts().size(), 1);
        QCOMPARE(library.podcast(id)->title, QStringLiteral("Test Show"));
        QCOMPARE(library.episodes(id).size(), 3);
    }

    void failedAddLeavesNothingBehind()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        Feed broken = makeFeed();
        broken.podcast.feedUrl = QUrl();
        QVERIFY(!library.addPodcast(broken).ok());
        QVERIFY(library.podcasts().isEmpty());
    }

    void positionsSurviveReopen()
    {
        qint64 episodeId = 0;
        {
            Library library;
            QVERIFY(library.open(m_dir->path()));
            const qint64 podcastId = library.addPodcast(makeFeed()).podcastId;
            episodeId = library.episodes(podcastId).at(1).id;
            QSignalSpy state(&library, &Library::episodeStateChanged);
            QVERIFY(library.savePosition(episodeId, 123456));
            QCOMPARE(state.count(), 1);
            QCOMPARE(state.first().at(1).toLongLong(), 123456);
        }
        Library reopened;
        QVERIFY(reopened.open(m_dir->path()));
        const auto e = reopened.episode(episodeId);
        QVERIFY(e);
        QCOMPARE(e->positionMs, 123456);
        QVERIFY(e->inProgress());
        QVERIFY(!e->played);
    }

    void playedResetsPosition()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const qint64 podcastId = library.addPodcast(makeFeed()).podcastId;
        const qint64 episodeId = library.episodes(podcastId).first().id;
        QVERIFY(library.savePosition(episodeId, 5000));
        QVERIFY(library.setPlayed(episodeId, true));
        QCOMPARE(library.episode(episodeId)->positionMs, 0);
        QVERIFY(library.episode(episodeId)->played);
        QCOMPARE(library.podcast(podcastId)->unplayedCount, 2);
        QVERIFY(library.setPlayed(episodeId, false));
        QVERIFY(!library.episode(episodeId)->played);
        QVERIFY(!library.savePosition(987654, 1)); // no such episode
    }

    void mergeKeepsListeningState()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const qint64 podcastId = library.addPodcast(makeFeed()).podcastId;
        const qint64 second = library.episodes(podcastId).at(1).id;
        QVERIFY(library.savePosition(second, 42000));
        const qint64 third = library.episodes(podcastId).at(0).id;
        QVERIFY(library.setPlayed(third, true));

        Feed refreshed = makeFeed();
        refreshed.episodes[0].title = QStringLiteral("Second (edited)");
        refreshed.episodes.append(makeEpisode(QStringLiteral("d"), QStringLiteral("Fourth"),
                                              QDateTime(QDate(2025, 3, 1), QTime(8, 0), Qt::UTC),
                                              60));
        refreshed.episodes.append(refreshed.episodes.first()); // a feed that repeats an item
        const Library::MergeResult r = library.mergeFeed(podcastId, refreshed);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.added, 1);
        QCOMPARE(r.updated, 1);
        QCOMPARE(r.unchanged, 2);
        QCOMPARE(library.episodes(podcastId).size(), 4);
        QCOMPARE(library.episode(second)->title, QStringLiteral("Second (edited)"));
        QCOMPARE(library.episode(second)->positionMs, 42000);
        QVERIFY(library.episode(third)->played);
    }

    void guidsThatAllChangeKeepEveryPosition()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        Feed feed = bigFeed(100);
        const qint64 podcastId = library.addPodcast(feed).podcastId;
        QHash<QString, qint64> positionOf; // by enclosure URL
        const QList<Episode> before = library.episodes(podcastId);
        QCOMPARE(before.size(), 100);
        for (qsizetype i = 0; i < before.size(); ++i) {
            const Episode &e = before.at(i);
            QVERIFY(library.savePosition(e.id, 1000 * (i + 1)));
            positionOf.insert(e.enclosure.url.toString(), 1000 * (i + 1));
        }
        QVERIFY(library.setStarred(before.at(3).id, true));
        QVERIFY(library.setPlayed(before.at(4).id, true));

        // The publisher moves to a new system: every guid changes, the media stays.
        for (Episode &e : feed.episodes)
            e.guid = QStringLiteral("new-") + e.guid;
        Library::MergeResult r = library.mergeFeed(podcastId, feed);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.added, 0);
        QCOMPARE(r.updated, 100); // the guid is feed data and is updated
        QCOMPARE(r.removed, 0);
        const QList<Episode> after = library.episodes(podcastId);
        QCOMPARE(after.size(), 100);
        for (const Episode &e : after) {
            QVERIFY(e.guid.startsWith(QLatin1String("new-")));
            if (e.id == before.at(4).id) {
                QVERIFY(e.played);
                continue;
            }
            QCOMPARE(e.positionMs, positionOf.value(e.enclosure.url.toString()));
        }
        QVERIFY(library.episode(before.at(3).id)->starred);

        // Then the media moves to another host too: title and date still recognise them.
        for (Episode &e : feed.episodes)
            e.enclosure.url = QUrl(e.enclosure.url.toString().replace(
                QLatin1String("example.org"), QLatin1String("cdn.example.net")));
        for (Episode &e : feed.episodes)
            e.guid = QStringLiteral("third-") + e.guid;
        r = library.mergeFeed(podcastId, feed);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.added, 0);
        QCOMPARE(library.episodes(podcastId).size(), 100);
        QCOMPARE(library.episode(before.at(10).id)->positionMs, 11000);
        QCOMPARE(library.episode(before.at(10).id)->enclosure.url.host(),
                 QStringLiteral("cdn.example.net"));

        // And a refresh of the same feed changes nothing.
        r = library.mergeFeed(podcastId, feed);
        QCOMPARE(r.updated, 0);
        QCOMPARE(r.unchanged, 100);
    }

    void aGuidRepeatedForDifferentMediaIdentifiesNone()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        Feed feed = bigFeed(5);
        for (Episode &e : feed.episodes)
            e.guid = QStringLiteral("https://example.org/"); // a broken generator
        const qint64 podcastId = library.addPodcast(feed).podcastId;
        QCOMPARE(library.episodes(podcastId).size(), 5);
        const qint64 third = library.episodes(podcastId).at(2).id;
        QVERIFY(library.savePosition(third, 777));
        for (int round = 0; round < 2; ++round) {
            const Library::MergeResult r = library.mergeFeed(podcastId, feed);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QCOMPARE(r.added, 0);
        }
        QCOMPARE(library.episodes(podcastId).size(), 5);
        QCOMPARE(library.episode(third)->positionMs, 777);

        // The same item twice (same guid, same file) is one episode.
        feed.episodes.append(feed.episodes.first());
        Feed repeated = bigFeed(3);
        repeated.episodes.append(repeated.episodes.first());
        const qint64 other = library
                                 .addPodcast([&] {
                                     Feed f = repeated;
                                     f.podcast.feedUrl = QUrl(QStringLiteral("https://x.test/r"));
                                     return f;
                                 }())
                                 .podcastId;
        QCOMPARE(library.episodes(other).size(), 3);
    }

    void episodesGoneFromTheFeedStayOnlyWithState()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const qint64 podcastId = library.addPodcast(bigFeed(8)).podcastId;
        const QList<Episode> all = library.episodes(podcastId); // newest first: e7 .. e0
        QVERIFY(library.savePosition(all.at(0).id, 5));
        QVERIFY(library.setPlayed(all.at(1).id, true));
        QVERIFY(library.setStarred(all.at(2).id, true));
        QVERIFY(library.setDownloadPath(all.at(3).id, QStringLiteral("/tmp/e.mp3")));
        QVERIFY(library.setQueue({all.at(4).id}));

        // An empty feed is a broken server, not a podcast that deleted everything.
        Feed empty = bigFeed(0);
        QCOMPARE(library.mergeFeed(podcastId, empty).removed, 0);
        QCOMPARE(library.episodes(podcastId).size(), 8);

        // The feed now lists only one new episode.
        Feed shorter = bigFeed(0);
        shorter.episodes.append(makeEpisode(QStringLiteral("fresh"), QStringLiteral("Fresh"),
                                            QDateTime(QDate(2026, 1, 1), QTime(), Qt::UTC), 5));
        const Library::MergeResult r = library.mergeFeed(podcastId, shorter);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.added, 1);
        QCOMPARE(r.removed, 3);
        QList<qint64> kept;
        for (const Episode &e : library.episodes(podcastId))
            kept << e.id;
        QCOMPARE(kept.size(), 6);
        for (int i = 0; i < 5; ++i)
            QVERIFY2(kept.contains(all.at(i).id), qPrintable(QString::number(i)));
        QCOMPARE(library.episode(all.at(0).id)->positionMs, 5);
        QVERIFY(library.episode(all.at(3).id)->downloadPath == QLatin1String("/tmp/e.mp3"));
        QCOMPARE(library.queue(), QList<qint64>{all.at(4).id});
    }

    void aTakenIdentityDoesNotBreakTheMerge()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        Feed feed = bigFeed(2);
        const qint64 podcastId = library.addPodcast(feed).podcastId;
        // e0 changes its guid (matched by its media); then a new item reuses e0's old guid.
        feed.episodes[1].guid = QStringLiteral("renamed");
        QVERIFY(library.mergeFeed(podcastId, feed).ok());
        Episode reuse = makeEpisode(QStringLiteral("e0"), QStringLiteral("Reuse"),
                                    QDateTime(QDate(2026, 2, 1), QTime(), Qt::UTC), 5);
        reuse.enclosure.url = QUrl(QStringLiteral("https://example.org/audio/other.mp3"));
        feed.episodes.append(reuse);
        const Library::MergeResult r = library.mergeFeed(podcastId, feed);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.added, 1);
        QCOMPARE(library.episodes(podcastId).size(), 3);
    }

    void refreshBookkeeping()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const qint64 a = library.addPodcast(makeFeed()).podcastId;
        const qint64 b =
            library.addPodcast(makeFeed(QStringLiteral("https://example.org/b.xml"))).podcastId;

        Library::RefreshMark mark;
        mark.etag = "\"v1\"";
        mark.lastModified = "Tue, 01 Apr 2025 10:00:00 GMT";
        mark.bodyHash = "abc";
        QVERIFY(library.markRefreshed(a, mark));
        auto state = library.refreshState(a);
        QVERIFY(state);
        QCOMPARE(state->etag, QByteArray("\"v1\""));
        QCOMPARE(state->lastModified, mark.lastModified);
        QCOMPARE(state->bodyHash, QByteArray("abc"));
        QVERIFY(!state->failing);

        // A move to an address another podcast has is refused; a free one is taken.
        mark.movedTo = QUrl(QStringLiteral("https://example.org/b.xml"));
        QVERIFY(library.markRefreshed(a, mark));
        QCOMPARE(library.podcast(a)->feedUrl, QUrl(QStringLiteral("https://example.org/feed.xml")));
        mark.movedTo = QUrl(QStringLiteral("https://new.example.org/feed"));
        QVERIFY(library.markRefreshed(a, mark));
        QCOMPARE(library.podcast(a)->feedUrl, mark.movedTo);

        const Error gone = Error::make(Error::Kind::Http, QUrl(QStringLiteral("https://g.test/")),
                                       QStringLiteral("410 Gone"), 410);
        QVERIFY(library.markRefreshFailed(b, gone, true, false));
        QVERIFY(library.podcast(b)->ended);
        QCOMPARE(library.podcast(b)->lastError, QStringLiteral("410 Gone"));
        QCOMPARE(library.refreshStates().size(), 1); // ended podcasts are not refreshed
        QCOMPARE(library.refreshStates(true).size(), 2);
        QVERIFY(library.refreshState(b)->failing);
        const QList<Library::ErrorLogEntry> log = library.errorLog();
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().podcastId, b);
        QCOMPARE(log.first().podcastTitle, QStringLiteral("Test Show"));
        QCOMPARE(log.first().error.httpStatus, 410);
        QCOMPARE(log.first().error.url, gone.url);
        QVERIFY(log.first().error.when.isValid());

        QVERIFY(library.markRefreshFailed(a, gone, false, true));
        QVERIFY(library.podcast(a)->needsCredentials);
        QVERIFY(library.setHasCredentials(a, true));
        QVERIFY(!library.podcast(a)->needsCredentials);
        QVERIFY(library.refreshState(a)->hasCredentials);
        // A good refresh clears the failure.
        QVERIFY(library.markRefreshed(a, {}));
        QVERIFY(library.podcast(a)->lastError.isEmpty());
    }

    void newEpisodesAcrossPodcasts()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const qint64 a = library.addPodcast(bigFeed(3)).podcastId;
        Feed other = makeFeed(QStringLiteral("https://example.org/other.xml"));
        const qint64 b = library.addPodcast(other).podcastId;
        QCOMPARE(library.newEpisodes().size(), 6);
        QVERIFY(library.savePosition(library.episodes(a).first().id, 10));
        QVERIFY(library.setPlayed(library.episodes(b).first().id, true));
        const QList<Episode> fresh = library.newEpisodes(10);
        QCOMPARE(fresh.size(), 4);
        for (qsizetype i = 1; i < fresh.size(); ++i)
            QVERIFY(fresh.at(i - 1).published >= fresh.at(i).published);
        QCOMPARE(library.newEpisodes(2, 1).size(), 2);
    }

    void episodesWithoutGuidUseEnclosure()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        Feed f = makeFeed();
        for (Episode &e : f.episodes)
            e.guid.clear();
        const qint64 podcastId = library.addPodcast(f).podcastId;
        QCOMPARE(library.episodes(podcastId).size(), 3);
        QVERIFY(library.mergeFeed(podcastId, f).ok());
        QCOMPARE(library.episodes(podcastId).size(), 3);
        QVERIFY(library.episodeIdForEnclosureUrl(
            QUrl(QStringLiteral("https://example.org/audio/a.mp3"))));
    }

    void removeCascades()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const qint64 podcastId = library.addPodcast(makeFeed()).podcastId;
        const qint64 episodeId = library.episodes(podcastId).first().id;
        QVERIFY(library.removePodcast(podcastId));
        QVERIFY(library.podcasts().isEmpty());
        QVERIFY(!library.episode(episodeId));
        QVERIFY(!library.removePodcast(podcastId));
    }

    void audioEffectsAndSilenceSavedPerPodcast()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const qint64 podcastId = library.addPodcast(makeFeed()).podcastId;
        const qint64 other =
            library.addPodcast(makeFeed(QStringLiteral("https://example.org/other.xml"))).podcastId;
        QVERIFY(!library.podcastAudioEffects(podcastId).trimSilence);
        QVERIFY(!library.podcastAudioEffects(podcastId).voiceBoost);
        QVERIFY(library.setPodcastTrimSilence(podcastId, true));
        QVERIFY(library.setPodcastVoiceBoost(other, true));
        QVERIFY(!library.setPodcastTrimSilence(424242, true));

        const QList<Episode> episodes = library.episodes(podcastId);
        QVERIFY(library.addEpisodeSilenceSaved(episodes.at(0).id, 1500));
        QVERIFY(library.addEpisodeSilenceSaved(episodes.at(0).id, 500));
        QVERIFY(library.addEpisodeSilenceSaved(episodes.at(1).id, 250));
        QVERIFY(library.addEpisodeSilenceSaved(library.episodes(other).first().id, 99));
        QCOMPARE(library.episodeSilenceSavedMs(episodes.at(0).id), 2000);
        QCOMPARE(library.podcastSilenceSavedMs(podcastId), 2250);
        QCOMPARE(library.podcastSilenceSavedMs(other), 99);

        // A refresh of the feed keeps both, like the rest of the listening state.
        QVERIFY(library.mergeFeed(podcastId, makeFeed()).ok());
        library.close();
        QVERIFY(library.open(m_dir->path()));
        QVERIFY(library.podcastAudioEffects(podcastId).trimSilence);
        QVERIFY(!library.podcastAudioEffects(podcastId).voiceBoost);
        QVERIFY(library.podcastAudioEffects(other).voiceBoost);
        QCOMPARE(library.podcastSilenceSavedMs(podcastId), 2250);
    }

    void migratesASchema2Library()
    {
        // A library as the first release left it (schema 2), with one podcast and episode.
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("schema2"));
            db.setDatabaseName(m_dir->filePath(Library::databaseFileName()));
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const storage::Migration &step : storage::migrations()) {
                if (step.version > 2)
                    break;
                for (const QString &statement : step.statements)
                    QVERIFY2(q.exec(statement), qPrintable(statement));
            }
            QVERIFY(q.exec(QStringLiteral("INSERT INTO podcasts (id, feed_url, added_at)"
                                          " VALUES (1, 'https://example.org/feed.xml', 0)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO episodes (id, podcast_id, identity)"
                                          " VALUES (1, 1, 'a')")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 2")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("schema2"));

        Library library;
        Error error;
        QVERIFY2(library.open(m_dir->path(), &error), qPrintable(error.message));
        QCOMPARE(library.schemaVersion(), storage::latestSchemaVersion());
        QVERIFY(library.schemaVersion() >= 6);
        QVERIFY(!library.podcastAudioEffects(1).trimSilence);
        QCOMPARE(library.episodeSilenceSavedMs(1), 0);
        QVERIFY(library.setPodcastVoiceBoost(1, true));
        QVERIFY(library.addEpisodeSilenceSaved(1, 10));
        QCOMPARE(library.podcastSilenceSavedMs(1), 10);
    }

    void chaptersDocumentsSurviveReopenAndGoWithTheirEpisode()
    {
        const QUrl url(QStringLiteral("https://example.org/ep1.chapters.json"));
        const QByteArray body = R"({"version":"1.2.0","chapters":[]})";
        const QDateTime when(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
        qint64 podcastId = 0;
        qint64 episodeId = 0;
        {
            Library library;
            QVERIFY(library.open(m_dir->path()));
            podcastId = library.addPodcast(makeFeed()).podcastId;
            episodeId = library.episodes(podcastId).first().id;
            QVERIFY(!library.chaptersDocument(episodeId));
            QVERIFY(library.saveChaptersDocument(episodeId, url, "old", when.addDays(-1)));
            QVERIFY(library.saveChaptersDocument(episodeId, url, body, when));
            QVERIFY(!library.saveChaptersDocument(987654, url, body)); // no such episode
        }
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const auto doc = library.chaptersDocument(episodeId);
        QVERIFY(doc);
        QCOMPARE(doc->url, url);
        QCOMPARE(doc->body, body);
        QCOMPARE(doc->fetchedAt, when);
        QVERIFY(library.removePodcast(podcastId));
        QVERIFY(!library.chaptersDocument(episodeId));
    }

    void settingsAndErrorLog()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        QCOMPARE(library.setting(QStringLiteral("k"), QStringLiteral("fallback")),
                 QStringLiteral("fallback"));
        QVERIFY(library.setSetting(QStringLiteral("k"), QStringLiteral("v1")));
        QVERIFY(library.setSetting(QStringLiteral("k"), QStringLiteral("v2")));
        QCOMPARE(library.setting(QStringLiteral("k")), QStringLiteral("v2"));

        QVERIFY(library.logError(Error::make(Error::Kind::Http,
                                             QUrl(QStringLiteral("https://x.test/f")),
                                             QStringLiteral("The server answered 404"), 404)));
        const QList<Error> errors = library.recentErrors();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().kind, Error::Kind::Http);
        QCOMPARE(errors.first().httpStatus, 404);
        QCOMPARE(errors.first().message, QStringLiteral("The server answered 404"));
    }

    void storesEverythingTheParserGives()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        const Feed feed = everythingFeed();
        QVERIFY(!feed.podcast.persons.isEmpty() && !feed.episodes[0].alternateEnclosures.isEmpty());
        const Library::MergeResult added = library.addPodcast(feed);
        QVERIFY2(added.ok(), qPrintable(added.error.message));

        const std::optional<Podcast> show = library.podcast(added.podcastId);
        QVERIFY(show);
        compareShow(*show, feed.podcast);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(library.podcasts().size(), 1);
        compareShow(library.podcasts().constFirst(), feed.podcast);
        if (QTest::currentTestFailed())
            return;

        const QList<Episode> listed = library.episodes(added.podcastId);
        QCOMPARE(listed.size(), feed.episodes.size());
        for (const Episode &parsed : feed.episodes) {
            const auto it = std::find_if(listed.cbegin(), listed.cend(),
                                         [&](const Episode &e) { return e.guid == parsed.guid; });
            QVERIFY(it != listed.cend());
            compareListedEpisode(*it, parsed);
            if (QTest::currentTestFailed())
                return;
            const std::optional<Episode> stored = library.episode(it->id);
            QVERIFY(stored);
            compareEpisode(*stored, parsed);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void mergeUpdatesWhatTheFeedSays()
    {
        Library library;
        QVERIFY(library.open(m_dir->path()));
        Feed feed = everythingFeed();
        const qint64 podcastId = library.addPodcast(feed).podcastId;
        const qint64 episodeId = library.episodes(podcastId).constLast().id; // the oldest

        feed.podcast.locked = std::nullopt;
        feed.podcast.funding.clear();
        feed.podcast.newFeedUrl = QUrl(QStringLiteral("https://moved.example/feed.xml"));
        feed.podcast.categories = {{QStringLiteral("Arts")}};
        Episode &episode = feed.episodes[0];
        episode.explicitContent = false;
        episode.season = 3;
        episode.chapters.removeLast();
        episode.transcripts.clear();
        episode.persons[0].role = QStringLiteral("guest host");
        QVERIFY(library.mergeFeed(podcastId, feed).ok());

        compareShow(*library.podcast(podcastId), feed.podcast);
        if (QTest::currentTestFailed())
            return;
        const QList<Episode> listed = library.episodes(podcastId);
        const auto it = std::find_if(listed.cbegin(), listed.cend(),
                                     [&](const Episode &e) { return e.guid == episode.guid; });
        QVERIFY(it != listed.cend());
        compareEpisode(*library.episode(it->id), episode);
        QVERIFY(library.episode(episodeId)); // the other one is still there
    }

    // A library written by the previous version (schema 2) gains the new columns; what it held
    // stays, and what it never had reads as "the feed does not say" until the next refresh.
    void migratesFromSchema2()
    {
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            db.setDatabaseName(m_dir->filePath(Library::databaseFileName()));
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const storage::Migration &step : storage::migrations()) {
                if (step.version > 2)
                    break;
                for (const QString &statement : step.statements)
                    QVERIFY2(q.exec(statement), qPrintable(q.lastError().text()));
            }
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 2")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO podcasts (id, feed_url, title, added_at) VALUES"
                               " (1, 'https://old.example/feed.xml', 'Old Show', 1700000000)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO episodes (id, podcast_id, identity, guid, title, published,"
                " enclosure_url, position_ms) VALUES (7, 1, 'g1', 'g1', 'Old Episode',"
                " 1700000000, 'https://old.example/1.mp3', 42000)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));

        Library library;
        Error error;
        QVERIFY2(library.open(m_dir->path(), &error), qPrintable(error.message));
        QCOMPARE(library.schemaVersion(), storage::latestSchemaVersion());
        const std::optional<Podcast> show = library.podcast(1);
        QVERIFY(show);
        QCOMPARE(show->title, QStringLiteral("Old Show"));
        QVERIFY(show->categories.isEmpty());
        QVERIFY(!show->explicitContent);
        QVERIFY(!show->locked);
        const std::optional<Episode> episode = library.episode(7);
        QVERIFY(episode);
        QCOMPARE(episode->title, QStringLiteral("Old Episode"));
        QCOMPARE(episode->positionMs, 42000);
        QCOMPARE(episode->season, 0);
        QVERIFY(episode->chapters.isEmpty());
        QVERIFY(episode->enclosures.isEmpty());
        QVERIFY(!episode->explicitContent);

        // The next refresh fills the new columns in and keeps the listening state.
        Feed feed = makeFeed(QStringLiteral("https://old.example/feed.xml"));
        feed.episodes = {makeEpisode(QStringLiteral("g1"), QStringLiteral("Old Episode"),
                                     QDateTime::fromSecsSinceEpoch(1700000000, QTimeZone::utc()),
                                     60)};
        feed.episodes[0].enclosure.url = QUrl(QStringLiteral("https://old.example/1.mp3"));
        feed.episodes[0].enclosures = {feed.episodes[0].enclosure};
        feed.episodes[0].season = 2;
        QVERIFY(library.mergeFeed(1, feed).ok());
        QCOMPARE(library.episode(7)->season, 2);
        QCOMPARE(library.episode(7)->enclosures.size(), 1);
        QCOMPARE(library.episode(7)->positionMs, 42000);
    }

    void unwritableFolderIsAClearError()
    {
        Library library;
        Error error;
        QVERIFY(!library.open(QStringLiteral("/proc/sidecast-cannot-be-here"), &error));
        QVERIFY(!error.message.isEmpty());
        QVERIFY(!library.isOpen());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestLibrary)
#include "tst_library.moc"
