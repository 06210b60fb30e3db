// ChapterModel under QAbstractItemModelTester: an episode's listed chapters, the current one
// following the player when it plays that episode, and a click playing from a chapter.

#include "app/chaptermodel.h"
#include "player/chaptercontroller.h"
#include "player/chapterprovider.h"
#include "player/fakebackend.h"
#include "player/playbackcontroller.h"
#include "storage/library.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;
using sidecast::test::FakeBackend;

class TestChapterModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    qint64 m_chaptered = 0; // notes with chapters at 0, 60, 120 s (of 180)
    qint64 m_plain = 0;

    QStringList column(const QAbstractItemModel &model, int role) const
    {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r)
            out << model.data(model.index(r, 0), role).toString();
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_library = std::make_unique<Library>();
        QVERIFY(m_library->open(m_dir->path()));
        Feed feed;
        feed.podcast.feedUrl = QUrl(QStringLiteral("https://example.org/feed"));
        feed.podcast.title = QStringLiteral("Show");
        Episode a;
        a.guid = QStringLiteral("a");
        a.title = QStringLiteral("Chaptered");
        a.durationSecs = 180;
        a.notesHtml = QStringLiteral("<ul><li>00:00 Welcome</li><li>01:00</li>"
                                     "<li>02:00 Goodbye</li></ul>");
        a.enclosure.url = QUrl(QStringLiteral("https://example.org/a.mp3"));
        Episode b = a;
        b.guid = QStringLiteral("b");
        b.title = QStringLiteral("Plain");
        b.notesHtml.clear();
        b.enclosure.url = QUrl(QStringLiteral("https://example.org/b.mp3"));
        feed.episodes = {a, b};
        const auto added = m_library->addPodcast(feed);
        QVERIFY(added.ok());
        for (const Episode &e : m_library->episodes(added.podcastId))
            (e.guid == QLatin1String("a") ? m_chaptered : m_plain) = e.id;
    }

    void cleanup()
    {
        m_library.reset();
        m_dir.reset();
    }

    void listsAnEpisodesChapters()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        ChapterProvider provider(m_library.get());
        ChapterController controller(&player, &provider);
        ChapterModel model(m_library.get(), &provider, &controller);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&model, &ChapterModel::countChanged);
        QCOMPARE(model.rowCount(), 0);
        model.setEpisodeId(m_chaptered);
        QCOMPARE(count.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.source(), QStringLiteral("notes"));
        QCOMPARE(column(model, ChapterModel::TitleRole),
                 (QStringList{QStringLiteral("Welcome"), QStringLiteral("Chapter 2"),
                              QStringLiteral("Goodbye")}));
        QCOMPARE(
            column(model, ChapterModel::StartMsRole),
            (QStringList{QStringLiteral("0"), QStringLiteral("60000"), QStringLiteral("120000")}));
        // The last one ends with the episode (its duration from the feed).
        QCOMPARE(column(model, ChapterModel::EndMsRole),
                 (QStringList{QStringLiteral("60000"), QStringLiteral("120000"),
                              QStringLiteral("180000")}));
        QCOMPARE(column(model, ChapterModel::IsCurrentRole),
                 (QStringList{QStringLiteral("false"), QStringLiteral("false"),
                              QStringLiteral("false")}));
        QCOMPARE(model.currentIndex(), -1);
        const QHash<int, QByteArray> roles = model.roleNames();
        for (const char *name : {"title", "startMs", "endMs", "imageUrl", "url", "isCurrent"})
            QVERIFY2(roles.values().contains(name), name);

        model.setEpisodeId(m_plain);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.source(), QString());
    }

    void followsThePlayerWithoutResets()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        ChapterProvider provider(m_library.get());
        ChapterController controller(&player, &provider);
        ChapterModel model(m_library.get(), &provider, &controller);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEpisodeId(m_chaptered);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy current(&model, &ChapterModel::currentIndexChanged);

        QVERIFY(player.playEpisode(m_chaptered));
        backend.finishLoading(179500);
        QCOMPARE(reset.count(), 0); // the same chapters: the rows stay
        QCOMPARE(model.currentIndex(), 0);
        QVERIFY(model.data(model.index(0), ChapterModel::IsCurrentRole).toBool());
        // The media's own duration ends the last chapter now.
        QCOMPARE(model.data(model.index(2), ChapterModel::EndMsRole).toLongLong(), 179500);

        changed.clear();
        current.clear();
        backend.movePositionTo(61000);
        QCOMPARE(model.currentIndex(), 1);
        QCOMPARE(current.count(), 1);
        QVERIFY(!model.data(model.index(0), ChapterModel::IsCurrentRole).toBool());
        QVERIFY(model.data(model.index(1), ChapterModel::IsCurrentRole).toBool());
        QCOMPARE(changed.count(), 2); // the old row and the new one
        backend.movePositionTo(62000);
        QCOMPARE(current.count(), 1);

        // Another episode in the player: this list stays, without a current chapter.
        QVERIFY(player.playEpisode(m_plain));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.currentIndex(), -1);
        QCOMPARE(reset.count(), 0);
    }

    void playChapterLoadsSeeksAndPlays()
    {
        FakeBackend backend;
        PlaybackController player(&backend, m_library.get());
        ChapterProvider provider(m_library.get());
        ChapterController controller(&player, &provider);
        ChapterModel model(m_library.get(), &provider, &controller);
        model.setEpisodeId(m_chaptered);
        QVERIFY(player.playEpisode(m_plain));
        backend.finishLoading(180000);

        QVERIFY(model.playChapter(2));
        QCOMPARE(player.episodeId(), m_chaptered);
        QVERIFY(player.isPlaying());
        QCOMPARE(player.position(), 120000); // waiting for the media to load
        backend.finishLoading(180000);
        QCOMPARE(backend.seeks.last(), 120000);
        QCOMPARE(model.currentIndex(), 2);

        QVERIFY(model.playChapter(0)); // already loaded: a seek
        QCOMPARE(backend.seeks.last(), 0);
        QVERIFY(!model.playChapter(3));
        QVERIFY(!model.playChapter(-1));
    }
};

QTEST_MAIN(TestChapterModel)
#include "tst_chaptermodel.moc"
