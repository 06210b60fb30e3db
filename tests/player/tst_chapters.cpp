// The player's chapters: ChapterProvider picks the best source (JSON > Podlove > ID3 > notes) and
// fetches JSON once; ChapterController follows the position of a PlaybackController on a fake
// backend (current chapter, previous/next, artwork) and ends the sleep timer's chapter.

#include "fakebackend.h"
#include "id3writer.h"
#include "net/chapterfetcher.h"
#include "player/chaptercontroller.h"
#include "player/chapterprovider.h"
#include "player/playbackcontroller.h"
#include "player/sleeptimer.h"
#include "storage/library.h"
#include "support/httpserver.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;
using sidecast::test::FakeBackend;
using sidecast::test::HttpServer;

namespace {

const QString kDemoMp3 = QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/audio/websockets.mp3");
const QUrl kCover(QStringLiteral("https://example.org/cover.jpg"));

// A chapter list in the notes: chapters at 0, 60 and 120 s.
const QString kNotes = QStringLiteral("<p>Chapters:</p><ul><li>00:00 Welcome</li>"
                                      "<li>01:00 The news</li><li>02:00 Goodbye</li></ul>");

QStringList titles(const QList<Chapter> &chapters)
{
    QStringList out;
    for (const Chapter &c : chapters)
        out << c.title;
    return out;
}

Chapter chapter(double start, const QString &title)
{
    Chapter c;
    c.startSecs = start;
    c.title = title;
    return c;
}

} // namespace

class TestChapters : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    QString m_mp3;         // a copy of the demo MP3 with CHAP frames
    qint64 m_localId = 0;  // enclosure: m_mp3, notes with a chapter list
    qint64 m_remoteId = 0; // enclosure on a web server, notes with a chapter list
    qint64 m_plainId = 0;  // no chapters anywhere

    QByteArray png() const
    {
        QFile f(QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/cover.png"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    Episode episode(qint64 id) const { return *m_library->episode(id); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_mp3 = m_dir->filePath(QStringLiteral("chapters.mp3"));
        QVERIFY(QFile::copy(kDemoMp3, m_mp3));
        QFile::setPermissions(m_mp3, QFile::ReadOwner | QFile::WriteOwner);
        // 0–10 s "Opening", 10–20 s "Middle" with its own image, 20–30 s "Closing".
        QVERIFY(sidecast::test::writeId3Chapters(
            m_mp3, {{0, 10000, QStringLiteral("Opening"), {}, {}, {}},
                    {10000, 20000, QStringLiteral("Middle"), QStringLiteral("https://x.test/m"),
                     png(), "image/png"},
                    {20000, 30000, QStringLiteral("Closing"), {}, {}, {}}}));

        m_library = std::make_unique<Library>();
        QVERIFY(m_library->open(m_dir->path()));
        Feed feed;
        feed.podcast.feedUrl = QUrl(QStringLiteral("https://example.org/feed"));
        feed.podcast.title = QStringLiteral("Show");
        feed.podcast.imageUrl = kCover;
        const auto add = [&feed](const QString &guid, const QUrl &media, const QString &notes) {
            Episode e;
            e.guid = guid;
            e.title = guid;
            e.durationSecs = 180;
            e.notesHtml = notes;
            e.enclosure.url = media;
            feed.episodes.append(e);
        };
        add(QStringLiteral("local"), QUrl::fromLocalFile(m_mp3), kNotes);
        add(QStringLiteral("remote"), QUrl(QStringLiteral("https://example.org/r.mp3")), kNotes);
        add(QStringLiteral("plain"), QUrl(QStringLiteral("https://example.org/p.mp3")),
            QStringLiteral("<p>Nothing to see at 12:30.</p>"));
        const auto added = m_library->addPodcast(feed);
        QVERIFY(added.ok());
        for (const Episode &e : m_library->episodes(added.podcastId)) {
            (e.guid == QLatin1String("local")    ? m_localId
             : e.guid == QLatin1String("remote") ? m_remoteId
                                                 : m_plainId) = e.id;
        }
    }

    void cleanup()
    {
        m_library.reset();
        m_dir.reset();
    }

    // --- ChapterProvider -------------------------------------------------------------------

    void sourcesInOrder()
    {
        ChapterProvider provider(m_library.get());
        EpisodeChapters found = provider.chapters(m_plainId);
        QCOMPARE(found.source, ChapterSource::None);
        QVERIFY(found.chapters.isEmpty());

        found = provider.chapters(m_remoteId); // a web enclosure: its file is not read
        QCOMPARE(found.source, ChapterSource::Notes);
        QCOMPARE(titles(found.chapters),
                 (QStringList{QStringLiteral("Welcome"), QStringLiteral("The news"),
                              QStringLiteral("Goodbye")}));

        found = provider.chapters(m_localId); // ID3 before the notes
        QCOMPARE(found.source, ChapterSource::Id3);
        QCOMPARE(titles(found.chapters),
                 (QStringList{QStringLiteral("Opening"), QStringLiteral("Middle"),
                              QStringLiteral("Closing")}));
    }

    void podloveBeatsId3()
    {
        ChapterProvider provider(m_library.get());
        Episode e = episode(m_localId);
        e.chapters = {chapter(0, QStringLiteral("Inline one")), chapter(5, QStringLiteral("Two"))};
        const EpisodeChapters found = provider.chapters(e);
        QCOMPARE(found.source, ChapterSource::Podlove);
        QCOMPARE(titles(found.chapters).first(), QStringLiteral("Inline one"));
    }

    void jsonIsFetchedOnceAndBeatsTheRest()
    {
        HttpServer server;
        QVERIFY(server.listen());
        server.route("/c.json", [](const HttpServer::Request &) {
            HttpServer::Response r;
            r.body = R"({"version": "1.2.0", "chapters": [{"startTime": 0, "title": "J1"},
                        {"startTime": 30, "title": "J2"}]})";
            r.addHeader("Content-Type", "application/json+chapters");
            return r;
        });
        Episode e = episode(m_localId);
        e.chaptersUrl = server.url(QStringLiteral("/c.json"));
        e.chapters = {chapter(0, QStringLiteral("Inline")), chapter(5, QStringLiteral("Two"))};
        {
            ChapterProvider provider(m_library.get());
            QSignalSpy changed(&provider, &ChapterProvider::chaptersChanged);
            // Until the JSON is there, the next best source stands in.
            QCOMPARE(provider.chapters(e).source, ChapterSource::Podlove);
            QVERIFY(provider.isFetching(e.id));
            QVERIFY(changed.wait(15000));
            QCOMPARE(changed.first().first().toLongLong(), e.id);
            const EpisodeChapters found = provider.chapters(e);
            QCOMPARE(found.source, ChapterSource::Json);
            QCOMPARE(titles(found.chapters),
                     (QStringList{QStringLiteral("J1"), QStringLiteral("J2")}));
            QCOMPARE(ChapterProvider::sourceName(found.source), QStringLiteral("json"));
        }
        // Next start: from the library at once.
        ChapterProvider provider(m_library.get());
        QCOMPARE(provider.chapters(e).source, ChapterSource::Json);
        QVERIFY(!provider.isFetching(e.id));
        QCOMPARE(server.hits("/c.json"), 1);
    }

    void failedJsonFallsBackAndIsLogged()
    {
        HttpServer server;
        QVERIFY(server.listen());
        Episode e = episode(m_remoteId);
        e.chaptersUrl = server.url(QStringLiteral("/gone.json"));
        ChapterProvider provider(m_library.get());
        QSignalSpy changed(&provider, &ChapterProvider::chaptersChanged);
        QCOMPARE(provider.chapters(e).source, ChapterSource::Notes);
        QVERIFY(QTest::qWaitFor([&] { return !provider.isFetching(e.id); }, 15000));
        QCOMPARE(changed.count(), 0); // nothing better came
        QCOMPARE(provider.chapters(e).source, ChapterSource::Notes);
        QCOMPARE(server.hits("/gone.json"), 1); // not again in this run
        const QList<Error> errors = m_library->recentErrors();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().httpStatus, 404);
        QVERIFY(!m_library->chaptersDocument(e.id));
    }

    void emptyJsonFallsBack()
    {
        HttpServer server;
        QVERIFY(server.listen());
        HttpServer::Response empty;
        empty.body = R"({"version": "1.2.0", "chapters": []})";
        server.route("/empty.json", empty);
        Episode e = episode(m_remoteId);
        e.chaptersUrl = server.url(QStringLiteral("/empty.json"));
        ChapterProvider provider(m_library.get());
        QCOMPARE(provider.chapters(e).source, ChapterSource::Notes);
        QVERIFY(QTest::qWaitFor([&] { return !provider.isFetching(e.id); }, 15000));
        QCOMPARE(provider.chapters(e).source, ChapterSource::Notes);
        QVERIFY(m_library->chaptersDocument(e.id)); // kept: it was read fine
    }

    // --- ChapterController -----------------------------------------------------------------

    void followsThePosition()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        ChapterProvider provider(m_library.get());
        ChapterController chapters(&player, &provider);
        QVERIFY(!chapters.hasChapters());
        QCOMPARE(chapters.currentIndex(), -1);

        QSignalSpy changed(&chapters, &ChapterController::chaptersChanged);
        QSignalSpy current(&chapters, &ChapterController::currentChanged);
        QSignalSpy artwork(&chapters, &ChapterController::artworkUrlChanged);
        QVERIFY(player.playEpisode(m_localId));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(chapters.episodeId(), m_localId);
        QCOMPARE(chapters.count(), 3);
        QCOMPARE(chapters.sourceName(), QStringLiteral("id3"));
        backend.finishLoading(32000);
        QCOMPARE(chapters.currentIndex(), 0);
        QCOMPARE(chapters.currentTitle(), QStringLiteral("Opening"));
        QCOMPARE(chapters.artworkUrl(), kCover);

        current.clear();
        artwork.clear();
        backend.movePositionTo(5000);
        QCOMPARE(current.count(), 0); // same chapter: no signal
        backend.movePositionTo(12000);
        QCOMPARE(current.count(), 1);
        QCOMPARE(chapters.currentIndex(), 1);
        QCOMPARE(chapters.currentTitle(), QStringLiteral("Middle"));
        QCOMPARE(chapters.currentUrl(), QUrl(QStringLiteral("https://x.test/m")));
        // The chapter's image replaces the cover while the chapter lasts.
        QCOMPARE(artwork.count(), 1);
        QVERIFY(chapters.artworkUrl().toString().startsWith(QLatin1String("data:image/png")));
        backend.movePositionTo(21000);
        QCOMPARE(chapters.currentTitle(), QStringLiteral("Closing"));
        QCOMPARE(chapters.artworkUrl(), kCover);
        QCOMPARE(artwork.count(), 2);
        // Past the last chapter's own end.
        backend.movePositionTo(31000);
        QCOMPARE(chapters.currentIndex(), -1);
        QVERIFY(chapters.currentTitle().isEmpty());

        // Another episode without chapters clears them.
        QVERIFY(player.playEpisode(m_plainId));
        QVERIFY(!chapters.hasChapters());
        QCOMPARE(chapters.currentIndex(), -1);
        QCOMPARE(chapters.artworkUrl(), kCover);
    }

    void previousAndNext()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        ChapterProvider provider(m_library.get());
        ChapterController chapters(&player, &provider);
        QVERIFY(player.playEpisode(m_remoteId)); // notes: 0, 60, 120 s
        backend.finishLoading(180000);
        QCOMPARE(chapters.sourceName(), QStringLiteral("notes"));

        QVERIFY(chapters.nextChapter());
        QCOMPARE(backend.seeks.last(), 60000);
        QCOMPARE(chapters.currentTitle(), QStringLiteral("The news"));
        // A player reports a position just short of where it was sent: next still moves on.
        backend.movePositionTo(59980);
        QVERIFY(chapters.nextChapter());
        QCOMPARE(backend.seeks.last(), 120000);
        QVERIFY(!chapters.nextChapter()); // in the last one
        QCOMPARE(backend.seeks.last(), 120000);

        backend.movePositionTo(150000); // 30 s into "Goodbye": back to its start
        QVERIFY(chapters.previousChapter());
        QCOMPARE(backend.seeks.last(), 120000);
        backend.movePositionTo(122000); // within 3 s: the one before
        QVERIFY(chapters.previousChapter());
        QCOMPARE(backend.seeks.last(), 60000);
        QVERIFY(chapters.previousChapter());
        QCOMPARE(backend.seeks.last(), 0);

        QVERIFY(chapters.seekToChapter(2));
        QCOMPARE(backend.seeks.last(), 120000);
        QVERIFY(!chapters.seekToChapter(3));
        QVERIFY(!chapters.seekToChapter(-1));
    }

    void withoutChaptersNavigationDoesNothing()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        ChapterProvider provider(m_library.get());
        ChapterController chapters(&player, &provider);
        QVERIFY(!chapters.nextChapter()); // nothing loaded
        QVERIFY(player.playEpisode(m_plainId));
        backend.finishLoading(180000);
        backend.movePositionTo(50000);
        QVERIFY(!chapters.nextChapter());
        QVERIFY(!chapters.previousChapter());
        QVERIFY(backend.seeks.isEmpty());
        QCOMPARE(chapters.chapterEndMs(), -1);
    }

    void sleepTimerStopsAtTheEndOfTheChapter()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        ChapterProvider provider(m_library.get());
        ChapterController chapters(&player, &provider);
        SleepTimer timer(&player, m_library.get());
        // As AppContext wires them.
        timer.setChapterEndProvider([&chapters] { return chapters.chapterEndMs(); });
        connect(&chapters, &ChapterController::chaptersChanged, &timer,
                &SleepTimer::updateChapterEnd);
        QSignalSpy expired(&timer, &SleepTimer::expired);

        QVERIFY(player.playEpisode(m_remoteId)); // chapters at 0, 60, 120 s
        backend.finishLoading(180000);
        backend.movePositionTo(30000);
        timer.startEndOfChapter();
        QCOMPARE(timer.remainingMs(), 30000);
        // A seek into the next chapter: its end counts now.
        player.seek(70000);
        QCOMPARE(timer.remainingMs(), 50000);
        timer.advance(250);
        QCOMPARE(expired.count(), 0);
        // Playing on across the end: the next chapter's end must not take its place.
        backend.movePositionTo(119900);
        timer.advance(250);
        QCOMPARE(expired.count(), 0);
        backend.movePositionTo(120150);
        QCOMPARE(timer.remainingMs(), 0);
        timer.advance(250);
        QCOMPARE(expired.count(), 1);
        QVERIFY(!player.isPlaying());
    }
};

QTEST_MAIN(TestChapters)
#include "tst_chapters.moc"
