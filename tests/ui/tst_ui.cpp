// Starts the real application offscreen on a temporary library (which gets the demo podcast),
// opens an episode and checks what a listener would see: the notes beside the player, and Play
// making the position advance. Saves what it saw as a PNG in the build folder.

#include "app/appcontext.h"
#include "app/application.h"
#include "app/errorlogmodel.h"
#include "app/queuemodel.h"
#include "net/refresher.h"
#include "player/chaptercontroller.h"
#include "player/id3writer.h"
#include "player/playbackcontroller.h"
#include "player/queue.h"
#include "storage/library.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
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
        options.desktopIntegration = false; // no MPRIS or sleep lock on a developer's desktop bus
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

    void effectsPopupSwitchesTheEffectsForThePodcast()
    {
        PlaybackController *player = m_app->context()->player();
        QVERIFY(player->episodeId() > 0);
        const qint64 podcastId = player->podcastId();
        QTRY_VERIFY(item(QStringLiteral("effectsButton")));
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier,
                          centerInWindow(item(QStringLiteral("effectsButton"))).toPoint());
        QTRY_VERIFY(item(QStringLiteral("trimSilenceSwitch")));
        if (!player->audioEffectsSupported()) {
            QVERIFY(item(QStringLiteral("effectsUnsupported")));
            QVERIFY(!item(QStringLiteral("trimSilenceSwitch"))->isEnabled());
            QTest::keyClick(m_window, Qt::Key_Escape);
            QSKIP("this run's media backend has no audio effects; the popup says so");
        }
        QVERIFY(!player->trimSilence());
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier,
                          centerInWindow(item(QStringLiteral("trimSilenceSwitch"))).toPoint());
        QTRY_VERIFY(player->trimSilence());
        QVERIFY(m_app->library()->podcastAudioEffects(podcastId).trimSilence);
        QVERIFY(item(QStringLiteral("effectsScope"))
                    ->property("text")
                    .toString()
                    .contains(player->podcastTitle()));
        const QString saved =
            item(QStringLiteral("effectsSavedLabel"))->property("text").toString();
        QVERIFY2(saved.startsWith(QStringLiteral("Trimmed silence saved 0:00 in this episode · ")),
                 qPrintable(saved));
        QVERIFY(item(QStringLiteral("silenceSavedSummary"))); // under the controls too
        QTest::qWait(300);                                    // the switch's animation
        QVERIFY(m_window->grabWindow().save(QStringLiteral("tst_ui-effects.png")));

        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier,
                          centerInWindow(item(QStringLiteral("trimSilenceSwitch"))).toPoint());
        QTRY_VERIFY(!player->trimSilence());
        QVERIFY(!m_app->library()->podcastAudioEffects(podcastId).trimSilence);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!item(QStringLiteral("trimSilenceSwitch")));
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
    void upNextPageListsTheQueue()
    {
        AppContext *context = m_app->context();
        const qint64 rust = episodeIdByTitle(QStringLiteral("Why I Like Rust Better Than Python"));
        const qint64 zig =
            episodeIdByTitle(QStringLiteral("Memory Allocation Strategies with Zig"));
        context->queue()->clear();
        context->queue()->playLast(zig);
        context->queue()->playNext(rust);
        QCOMPARE(context->player()->queue()->episodeIds(), (QList<qint64>{rust, zig}));
        context->showQueue();
        QTRY_VERIFY(item(QStringLiteral("queueList")));
        QTRY_COMPARE(item(QStringLiteral("queueList"))->property("count").toInt(), 2);
        QVERIFY(context->queue()->totalRemainingMs() > 0);
        QVERIFY(m_window->grabWindow().save(QStringLiteral("tst_ui-up-next.png")));
        QVERIFY(item(QStringLiteral("upNextEntry"))
                    ->property("text")
                    .toString()
                    .contains(QLatin1String("2")));
        context->queue()->clear();
        QTRY_COMPARE(item(QStringLiteral("queueList"))->property("count").toInt(), 0);
    }

    void keyboardControlsThePlayer()
    {
        PlaybackController *player = m_app->context()->player();
        QVERIFY(player->hasEpisode());
        // Make sure no text field holds the keyboard.
        m_window->contentItem()->forceActiveFocus();
        const double rate = player->rate();
        QTest::keyClick(m_window, Qt::Key_BracketRight);
        QTRY_COMPARE(player->rate(), rate + 0.1);
        QTest::keyClick(m_window, Qt::Key_BracketLeft);
        QTRY_COMPARE(player->rate(), rate);
        const bool muted = player->isMuted();
        QTest::keyClick(m_window, Qt::Key_M);
        QTRY_COMPARE(player->isMuted(), !muted);
        QTest::keyClick(m_window, Qt::Key_M);
        QTRY_COMPARE(player->isMuted(), muted);
        QVERIFY(!player->isPlaying());
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(player->isPlaying(), 10000);
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY(!player->isPlaying());
    }
    void opmlImportAndExportFromTheUi()
    {
        AppContext *context = m_app->context();
        const QString fixture = QStringLiteral(SIDECAST_TEST_DATA_DIR "/feeds/rss-itunes.xml");
        QFile opml(m_dir.filePath(QStringLiteral("import.opml")));
        QVERIFY(opml.open(QIODevice::WriteOnly));
        opml.write("<opml version=\"2.0\"><body><outline text=\"Fixture\" type=\"rss\" xmlUrl=\"" +
                   QUrl::fromLocalFile(fixture).toEncoded() +
                   "\"/><outline text=\"Gone\" type=\"rss\" "
                   "xmlUrl=\"file:///nonexistent/x.xml\"/></body></opml>");
        opml.close();
        QSignalSpy imported(context, &AppContext::opmlImported);
        context->importOpml(QUrl::fromLocalFile(opml.fileName()));
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 15000);
        const QString summary = imported.first().at(0).toString();
        QVERIFY2(summary.contains(QLatin1String("Added 1 podcast.")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("Gone")), qPrintable(summary));
        QCOMPARE(m_app->library()->podcasts().size(), 2);
        QTRY_VERIFY(item(QStringLiteral("opmlMessage")));
        QVERIFY(item(QStringLiteral("opmlMessage"))
                    ->property("text")
                    .toString()
                    .contains(QLatin1String("Added 1")));

        QSignalSpy exported(context, &AppContext::opmlExported);
        const QString out = m_dir.filePath(QStringLiteral("export.opml"));
        QVERIFY(context->exportOpml(QUrl::fromLocalFile(out)));
        QCOMPARE(exported.count(), 1);
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        QVERIFY(bytes.contains("52 Weeks of Cloud"));
        QVERIFY(bytes.contains(QUrl::fromLocalFile(fixture).toEncoded()));
        QVERIFY(!context->exportOpml(QUrl::fromLocalFile(QStringLiteral("/proc/nope/x.opml"))));
    }

    void refreshButtonAndErrorLog()
    {
        AppContext *context = m_app->context();
        Refresher *refresher = context->refresher();
        QTRY_VERIFY_WITH_TIMEOUT(!refresher->isRunning(), 15000); // the refresh on start
        QSignalSpy finished(refresher, &Refresher::finished);
        QQuickItem *button = item(QStringLiteral("refreshButton"));
        QVERIFY(button);
        QTRY_VERIFY(button->isEnabled());
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier,
                          centerInWindow(button).toPoint());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 15000);
        QCOMPARE(refresher->done(), refresher->total());
        QVERIFY(refresher->total() >= 1);

        const qint64 podcastId = m_app->library()->podcasts().first().id;
        QVERIFY(m_app->library()->logError(
            Error::make(Error::Kind::Http, QUrl(QStringLiteral("https://feeds.example.org/x")),
                        QStringLiteral("The server answered “503 Service Unavailable”."), 503),
            podcastId));
        context->errorLog()->reload();
        QQuickItem *entry = nullptr;
        QTRY_VERIFY((entry = item(QStringLiteral("errorsEntry"))));
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier,
                          centerInWindow(entry).toPoint());
        QQuickItem *list = nullptr;
        QTRY_VERIFY((list = item(QStringLiteral("errorList"))));
        QTRY_VERIFY(list->property("count").toInt() >= 1);
        QVERIFY(m_window->grabWindow().save(QStringLiteral("tst_ui-error-log.png")));
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
    void everyPlayerControlIsReachableByTab()
    {
        const qint64 id = episodeIdByTitle(QStringLiteral("Why I Like Rust Better Than Python"));
        QVERIFY(QMetaObject::invokeMethod(m_window, "openEpisode", Q_ARG(QVariant, QVariant(id)),
                                          Q_ARG(QVariant, QVariant(false))));
        QTRY_VERIFY(item(QStringLiteral("playerPanel")));
        // The skip buttons act on the loaded episode (and are disabled for any other).
        QVERIFY(m_app->context()->player()->loadEpisode(id));
        m_window->requestActivate();
        m_window->contentItem()->forceActiveFocus();
        QSet<QString> reached;
        for (int i = 0; i < 80; ++i) {
            QTest::keyClick(m_window, Qt::Key_Tab);
            if (QQuickItem *focused = m_window->activeFocusItem())
                reached.insert(focused->objectName());
        }
        const QStringList wanted = {
            QStringLiteral("addPodcastField"),   QStringLiteral("seekSlider"),
            QStringLiteral("skipBackButton"),    QStringLiteral("playButton"),
            QStringLiteral("skipForwardButton"), QStringLiteral("speedButton"),
            QStringLiteral("sleepTimerButton"),  QStringLiteral("muteButton"),
            QStringLiteral("volumeSlider"),      QStringLiteral("backButton"),
        };
        for (const QString &name : wanted)
            QVERIFY2(reached.contains(name),
                     qPrintable(name + QStringLiteral(" is not reachable by Tab")));
    }
    void newEpisodesAcrossPodcasts()
    {
        QQuickItem *entry = nullptr;
        QTRY_VERIFY((entry = item(QStringLiteral("newEpisodesEntry"))));
        QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier,
                          centerInWindow(entry).toPoint());
        const int expected = int(m_app->library()->newEpisodes(500).size());
        QTRY_VERIFY(item(QStringLiteral("episodeList")) &&
                    item(QStringLiteral("episodeList"))->property("count").toInt() == expected);
        QVERIFY(m_window->grabWindow().save(QStringLiteral("tst_ui-new-episodes.png")));
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
