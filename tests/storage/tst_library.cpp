#include "storage/library.h"
#include "storage/migrations.h"

#include <QSqlDatabase>
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
        QCOMPARE(r.updated, 3);
        QCOMPARE(library.episodes(podcastId).size(), 4);
        QCOMPARE(library.episode(second)->title, QStringLiteral("Second (edited)"));
        QCOMPARE(library.episode(second)->positionMs, 42000);
        QVERIFY(library.episode(third)->played);
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
