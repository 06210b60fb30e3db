// The real backend with real audio: the bundled demo MP3 plays headless, the position advances,
// seeking works, and a controller resumes a saved position once the media is ready.

#include "player/playbackcontroller.h"
#include "player/qtmediabackend.h"
#include "storage/library.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;

namespace {
const QString kAudio = QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/audio/websockets.mp3");
}

class TestQtMediaBackend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(kAudio), qPrintable(kAudio)); }

    void playsAndAdvances()
    {
        QtMediaBackend backend;
        QSignalSpy status(&backend, &MediaBackend::statusChanged);
        backend.setSource(QUrl::fromLocalFile(kAudio));
        backend.play();
        QTRY_VERIFY_WITH_TIMEOUT(backend.state() == MediaBackend::State::Playing, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(backend.position() > 1200, 15000);
        QVERIFY(backend.duration() > 30000);
        QVERIFY(backend.duration() < 34000);
        QVERIFY(backend.isSeekable());

        backend.setPosition(20000);
        QTRY_VERIFY_WITH_TIMEOUT(backend.position() >= 20000, 5000);
        backend.pause();
        QTRY_VERIFY_WITH_TIMEOUT(backend.state() == MediaBackend::State::Paused, 5000);
        const qint64 pausedAt = backend.position();
        QTest::qWait(700);
        QVERIFY(qAbs(backend.position() - pausedAt) < 150);
    }

    void missingFileIsAnError()
    {
        QtMediaBackend backend;
        QSignalSpy errors(&backend, &MediaBackend::errorOccurred);
        backend.setSource(QUrl::fromLocalFile(QStringLiteral("/nonexistent/sidecast/audio.mp3")));
        backend.play();
        QTRY_VERIFY_WITH_TIMEOUT(
            errors.count() > 0 || backend.status() == MediaBackend::Status::Invalid, 10000);
    }

    void controllerResumesSavedPosition()
    {
        QTemporaryDir dir;
        Library library;
        QVERIFY(library.open(dir.path()));
        Feed feed;
        feed.podcast.feedUrl = QUrl(QStringLiteral("file:///demo.xml"));
        feed.podcast.title = QStringLiteral("Demo");
        Episode e;
        e.guid = QStringLiteral("ws");
        e.title = QStringLiteral("Websockets");
        e.durationSecs = 32;
        e.enclosure.url = QUrl::fromLocalFile(kAudio);
        feed.episodes = {e};
        const qint64 podcastId = library.addPodcast(feed).podcastId;
        const qint64 episodeId = library.episodes(podcastId).first().id;
        QVERIFY(library.savePosition(episodeId, 20000));

        QtMediaBackend backend;
        {
            PlaybackController player(&backend, &library);
            QVERIFY(player.playEpisode(episodeId));
            QTRY_VERIFY_WITH_TIMEOUT(player.isPlaying() && backend.position() >= 20000, 15000);
            QTRY_VERIFY_WITH_TIMEOUT(backend.position() >= 21000, 10000);
            player.pause();
            QVERIFY(library.episode(episodeId)->positionMs >= 21000);
        }
        // Playing to the end marks the episode played.
        {
            PlaybackController player(&backend, &library);
            QVERIFY(player.playEpisode(episodeId));
            QTRY_VERIFY_WITH_TIMEOUT(player.isPlaying(), 10000);
            player.seek(30500);
            QTRY_VERIFY_WITH_TIMEOUT(library.episode(episodeId)->played, 15000);
        }
    }
};

QTEST_GUILESS_MAIN(TestQtMediaBackend)
#include "tst_qtmediabackend.moc"
