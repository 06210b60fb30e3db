// Starts the real application offscreen on a temporary library (which gets the demo podcast),
// opens an episode and checks what a listener would see: the notes beside the player, and Play
// making the position advance. Saves what it saw as a PNG in the build folder.

#include "app/appcontext.h"
#include "app/application.h"
#include "player/chaptercontroller.h"
#include "player/id3writer.h"
#include "player/playbackcontroller.h"
#include "storage/library.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;

namespace {

QQuickItem *findItem(QQuickItem *root, const QString &objectName)
{
    if (!root)
        return nullptr;
    if (root->objectName() == objectName && root->isVisible())
        return root;
    const QList<QQuickItem *> children = root->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

QPointF centerInWindow(QQuickItem *item)
{
    return item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
}

} // namespace

class TestUi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Application> m_app;
    QQuickWindow *m_window = nullptr;

    QQuickItem *item(const QString &name) { return findItem(m_window->contentItem(), name); }

    qint64 episodeIdByTitle(const QString &title)
    {
        Library *library = m_app->library();
        for (const Podcast &p : library->podcasts()) {
            for (const Episode &e : library->episodes(p.id)) {
                if (e.title == title)
                    return e.id;
            }
        }
        return 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Application::setUpStyle();
        m_app = std::make_unique<Application>();
        Application::Options options;
        options.libraryDirectory = m_dir.path();
        QString error;
        QVERIFY2(m_app->init(options, &error), qPrintable(error));
        QVERIFY(m_app->loadUi());
        m_window = m_app->window();
        QVERIFY(m_window);
        m_window->resize(1280, 800);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanupTestCase() { m_app.reset(); }

    void demoPodcastIsThereOnFirstStart()
    {
        const QList<Podcast> podcasts = m_app->library()->podcasts();
        QCOMPARE(podcasts.size(), 1);
        QCOMPARE(podcasts.first().title, QStringLiteral("52 Weeks of Cloud"));
        QVERIFY(podcasts.first().feedUrl.isLocalFile());
        QVERIFY(QFile::exists(podcasts.first().feedUrl.toLocalFile()));
        QTRY_VERIFY(item(QStringLiteral("podcastList")));
        QTRY_VERIFY(item(QStringLiteral("episodeList")));
        auto *episodes = item(QStringLiteral("episodeList"));
        QTRY_COMPARE(episodes->property("count").toInt(), 3);
    }

    void episodePageShowsNotesBesideThePlayer()
    {
        const qint64 id = episodeIdByTitle(QStringLiteral("Why I Like Rust Better Than Python"));
        QVERIFY(id > 0);
        QVERIFY(QMetaObject::invokeMethod(m_window, "openEpisode", Q_ARG(QVariant, QVariant(id)),
                                          Q_ARG(QVariant, QVariant(false))));
        QTRY_VERIFY(item(QStringLiteral("notesText")));
        QQuickItem *notes = item(QStringLiteral("notesText"));
        QQuickItem *player = item(QStringLiteral("playerPanel"));
        QVERIFY(player);
        const QString text = notes->property("text").toString();
        QVERIFY2(text.contains(QLatin1String("Memory Safety Architecture")),
                 qPrintable(text.left(500)));
        QVERIFY(text.contains(QLatin1String("<li")));
        QCOMPARE(item(QStringLiteral("episodeTitle"))->property("text").toString(),
                 QStringLiteral("Why I Like Rust Better Than Python"));
        QVERIFY(item(QStringLiteral("playButton")));
        QVERIFY(item(QStringLiteral("seekSlider")));

        // Wide window: the notes on the left, the player to their right, side by side.
        QTRY_VERIFY(notes->mapToScene(QPointF(0, 0)).x() + notes->width() <=
                    player->mapToScene(QPointF(0, 0)).x());
        QVERIFY(player->height() > 300);
        QVERIFY(m_window->grabWindow().save(QStringLiteral("tst_ui-episode-page.png")));
    }

    void narrowWindowStacksThePlayerAboveTheNotes()
    {
        m_window->resize(640, 900);
        QTRY_VERIFY(item(QStringLiteral("playerPanel")) &&
                    item(QStringLiteral("playerPanel"))->mapToScene(QPointF(0, 0)).y() +
                            item(QStringLiteral("playerPanel"))->height() <=
                        item(QStringLiteral("showNotes"))->mapToScene(QPointF(0, 0)).y() + 1);
        QVERIFY(m_window->grabWindow().save(QStringLiteral("tst_ui-episode-page-narrow.png")));
        m_window->resize(1280, 800);
        QTRY_VERIFY(item(QStringLiteral("showNotes"))->mapToScene(QPointF(0, 0)).y() <
                    item(QStringLiteral("playerPanel"))->mapToScene(QPointF(0, 0)).y() + 5);
    }

    void playMakesThePositionAdvance()
    {
        QQuickItem *play = item(QStringLiteral("playButton"));
        QVERIFY(play);
        PlaybackController *player = m_app->context()->player();
        QVERIFY(!player->isPlaying());
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier, centerInWindow(play).toPoint());
        QTRY_VERIFY_WITH_TIMEOUT(player->isPlaying(), 10000);
        QCOMPARE(player->title(), QStringLiteral("Why I Like Rust Better Than Python"));
        QTRY_VERIFY_WITH_TIMEOUT(player->position() > 1500, 15000);
        // The elapsed label follows.
        QTRY_VERIFY(item(QStringLiteral("elapsedLabel"))->property("text").toString() !=
                    QLatin1String("0:00"));

        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier, centerInWindow(play).toPoint());
        QTRY_VERIFY(!player->isPlaying());
        QVERIFY(m_app->library()->episode(player->episodeId())->positionMs > 1500);
    }

    void timestampInNotesSeeks()
    {
        const qint64 id = episodeIdByTitle(QStringLiteral("Websockets"));
        QVERIFY(QMetaObject::invokeMethod(m_window, "openEpisode", Q_ARG(QVariant, QVariant(id)),
                                          Q_ARG(QVariant, QVariant(false))));
        QTRY_VERIFY(item(QStringLiteral("notesText")) && item(QStringLiteral("notesText"))
                                                             ->property("text")
                                                             .toString()
                                                             .contains(QLatin1String("00:45")));
        QQuickItem *notes = item(QStringLiteral("notesText"));
        QVERIFY(notes->property("text").toString().contains(QLatin1String("sidecast:seek?t=45")));
        // Activating the link is what a click does; the page turns it into a seek and play.
        QVERIFY(QMetaObject::invokeMethod(notes, "linkActivated",
                                          Q_ARG(QString, QStringLiteral("sidecast:seek?t=20"))));
        PlaybackController *player = m_app->context()->player();
        QTRY_COMPARE(player->episodeId(), id);
        QTRY_VERIFY_WITH_TIMEOUT(player->isPlaying() && player->position() >= 20000, 15000);
        player->pause();
    }

    void addingABrokenAddressShowsAnError()
    {
        QVERIFY(QMetaObject::invokeMethod(
            m_window, "showPodcast",
            Q_ARG(QVariant, QVariant(m_app->library()->podcasts().first().id))));
        QSignalSpy failed(m_app->context(), &AppContext::subscribeFailed);
        QVERIFY(!m_app->context()->addPodcast(QStringLiteral("ftp://example.org/feed")));
        QCOMPARE(failed.count(), 1);
        QTRY_VERIFY(item(QStringLiteral("addPodcastError")));
        QVERIFY(item(QStringLiteral("addPodcastError"))
                    ->property("text")
                    .toString()
                    .contains(QLatin1String("ftp")));
        QCOMPARE(m_app->library()->podcasts().size(), 1);
    }

    void chaptersInThePlayer()
    {
        // An episode whose MP3 (a copy of the demo's Rust one, 70 s) carries ID3 chapters, the
        // second with its own artwork.
        const QString mp3 = m_dir.filePath(QStringLiteral("chaptered.mp3"));
        QVERIFY(QFile::copy(
            QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/audio/rust-vs-python.mp3"), mp3));
        QFile::setPermissions(mp3, QFile::ReadOwner | QFile::WriteOwner);
        QImage art(300, 300, QImage::Format_RGB32);
        art.fill(QColor(0xc0, 0x39, 0x2b));
        {
            QPainter p(&art);
            p.setPen(Qt::white);
            QFont font = p.font();
            font.setPixelSize(40);
            font.setBold(true);
            p.setFont(font);
            p.drawText(art.rect(), Qt::AlignCenter, QStringLiteral("Chapter\nartwork"));
        }
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(buffer.open(QIODevice::WriteOnly) && art.save(&buffer, "PNG"));
        QVERIFY(sidecast::test::writeId3Chapters(
            mp3,
            {{0, 20000, QStringLiteral("Delete what you know"), {}, {}, {}},
             {20000, 45000, QStringLiteral("Memory safety architecture"), {}, png, "image/png"},
             {45000, 70000, QStringLiteral("Concurrency engineering"), {}, {}, {}}}));
        Feed feed;
        feed.podcast.feedUrl = QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("ch.xml")));
        feed.podcast.title = QStringLiteral("Chaptered Show");
        feed.podcast.imageUrl =
            QUrl::fromLocalFile(QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/cover.png"));
        Episode e;
        e.guid = QStringLiteral("chaptered");
        e.title = QStringLiteral("Rust, in chapters");
        e.durationSecs = 70;
        e.notesHtml = QStringLiteral("<p>Three parts, as chapters inside the MP3.</p>");
        e.enclosure.url = QUrl::fromLocalFile(mp3);
        e.enclosure.mimeType = QStringLiteral("audio/mpeg");
        feed.episodes = {e};
        const auto added = m_app->library()->addPodcast(feed);
        QVERIFY(added.ok());
        const qint64 id = m_app->library()->episodes(added.podcastId).first().id;

        QVERIFY(QMetaObject::invokeMethod(m_window, "openEpisode", Q_ARG(QVariant, QVariant(id)),
                                          Q_ARG(QVariant, QVariant(false))));
        QTRY_VERIFY(item(QStringLiteral("chapterSection")));
        auto *list = item(QStringLiteral("chapterList"));
        QVERIFY(list);
        QTRY_COMPARE(list->property("count").toInt(), 3);
        // Not loaded yet: no chapter buttons, no current chapter.
        QVERIFY(!item(QStringLiteral("nextChapterButton")));
        QVERIFY(!item(QStringLiteral("currentChapterLabel")));

        // A click on the second chapter plays from its start.
        QQuickItem *second = nullptr;
        const auto findRow = [list](const QString &title) -> QQuickItem * {
            auto *content = list->property("contentItem").value<QQuickItem *>();
            const QList<QQuickItem *> rows =
                content ? content->childItems() : QList<QQuickItem *>();
            for (QQuickItem *row : rows) {
                if (row->property("title").toString() == title)
                    return row;
            }
            return nullptr;
        };
        QTRY_VERIFY((second = findRow(QStringLiteral("Memory safety architecture"))));
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier,
                          centerInWindow(second).toPoint());
        PlaybackController *player = m_app->context()->player();
        ChapterController *chapters = m_app->context()->chapters();
        QTRY_COMPARE(player->episodeId(), id);
        QTRY_VERIFY_WITH_TIMEOUT(player->isPlaying() && player->position() >= 20000, 15000);
        QTRY_COMPARE(chapters->currentTitle(), QStringLiteral("Memory safety architecture"));
        QTRY_VERIFY(item(QStringLiteral("currentChapterLabel")));
        QCOMPARE(item(QStringLiteral("currentChapterLabel"))->property("text").toString(),
                 QStringLiteral("Memory safety architecture"));
        QVERIFY(item(QStringLiteral("nextChapterButton")));
        // The chapter's artwork replaces the cover while it plays.
        QTRY_VERIFY(item(QStringLiteral("playerCover"))
                        ->property("source")
                        .toUrl()
                        .toString()
                        .startsWith(QLatin1String("data:image/png")));
        player->pause();
        QTest::qWait(300); // let the artwork decode before the picture is taken
        QVERIFY(m_window->grabWindow().save(QStringLiteral("tst_ui-chapters.png")));

        // Shift+Right: the next chapter; Shift+Left within 3 s of its start: back one.
        QTest::keyClick(m_window, Qt::Key_Right, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(player->position() >= 45000, 15000);
        QTRY_COMPARE(chapters->currentTitle(), QStringLiteral("Concurrency engineering"));
        QTRY_VERIFY(item(QStringLiteral("playerCover"))->property("source").toUrl() ==
                    feed.podcast.imageUrl);
        QTest::keyClick(m_window, Qt::Key_Left, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(player->position() >= 20000 && player->position() < 45000, 15000);
        QTRY_COMPARE(chapters->currentTitle(), QStringLiteral("Memory safety architecture"));

        m_window->resize(640, 900);
        QTRY_VERIFY(item(QStringLiteral("chapterSection")) &&
                    item(QStringLiteral("chapterSection"))->height() > 60);
        QTest::qWait(100);
        QVERIFY(m_window->grabWindow().save(QStringLiteral("tst_ui-chapters-narrow.png")));
        m_window->resize(1280, 800);
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
