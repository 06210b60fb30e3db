// One suite for every real MediaBackend, with real audio: built once per backend
// (tst_backend_qt, tst_backend_gstreamer; SIDECAST_TEST_BACKEND names it). The bundled demo MP3s
// and a sox-made tone play headless (GStreamer falls back to a clocked fake sink without a sound
// card), so positions advance in real time.
//
// Where Qt 6.4's QMediaPlayer falls short, the Qt run asserts what is true and says so in a skip.

#include "player/playbackcontroller.h"
#include "player/qtmediabackend.h"
#include "storage/library.h"
#include "support/httpserver.h"
#ifdef SIDECAST_HAVE_GSTREAMER
#include "player/gstmediabackend.h"
#endif

#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QTemporaryDir>
#include <QVersionNumber>
#include <QtTest>

#include <memory>

using namespace sidecast;

namespace {

const QString kBackend = QStringLiteral(SIDECAST_TEST_BACKEND);
const QString kSpeech =
    QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/audio/websockets.mp3"); // ~32 s
// 4 s of 440 Hz, made by sox at build time (tests/player/CMakeLists.txt).
const QString kTone = QStringLiteral(SIDECAST_TEST_AUDIO_DIR "/tone440-4s.wav");

constexpr int kLoadTimeoutMs = 10000;

bool isReady(MediaBackend::Status status)
{
    return status == MediaBackend::Status::Loaded || status == MediaBackend::Status::Buffered ||
           status == MediaBackend::Status::Buffering;
}

// Position gained per wall-clock millisecond over about `ms`: 1.0 at normal speed.
double measureSpeed(const MediaBackend &backend, int ms)
{
    QElapsedTimer clock;
    const qint64 from = backend.position();
    clock.start();
    QTest::qWait(ms);
    return double(backend.position() - from) / double(clock.elapsed());
}

} // namespace

class TestMediaBackend : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MediaBackend> makeBackend() const
    {
#ifdef SIDECAST_HAVE_GSTREAMER
        if (kBackend == QLatin1String("gstreamer"))
            return std::make_unique<GstMediaBackend>();
#endif
        return std::make_unique<QtMediaBackend>();
    }

    bool isQt() const
    {
        return kBackend == QLatin1String("qt");
    }

    // Ready (the contract allows seeking from then on), playing and past `ms` of the media.
    // Qt 6.4 drops a seek made while it still reports LoadingMedia, even if it plays already.
    static bool startPlaying(MediaBackend &backend, const QString &file, qint64 pastMs = 300)
    {
        backend.setSource(QUrl::fromLocalFile(file));
        backend.play();
        return QTest::qWaitFor(
            [&] {
                return isReady(backend.status()) &&
                       backend.state() == MediaBackend::State::Playing &&
                       backend.position() > pastMs;
            },
            kLoadTimeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kSpeech), qPrintable(kSpeech));
        const auto backend = makeBackend();
        QCOMPARE(backend->name(), kBackend);
        qInfo().noquote() << "backend:" << kBackend;
    }

    void playsAndAdvances()
    {
        const auto backend = makeBackend();
        QSignalSpy positions(backend.get(), &MediaBackend::positionChanged);
        backend->setSource(QUrl::fromLocalFile(kSpeech));
        QCOMPARE(backend->source(), QUrl::fromLocalFile(kSpeech));
        backend->play();
        QTRY_COMPARE_WITH_TIMEOUT(backend->state(), MediaBackend::State::Playing, kLoadTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() > 1200, kLoadTimeoutMs);
        QVERIFY(isReady(backend->status()));
        QVERIFY(backend->isSeekable());
        QVERIFY(positions.count() >= 3); // reported while playing, not only when asked
        const double speed = measureSpeed(*backend, 1000);
        QVERIFY2(speed > 0.75 && speed < 1.25, qPrintable(QString::number(speed)));
    }

    void durationIsKnownOnLoad_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("minMs");
        QTest::addColumn<qint64>("maxMs");
        QTest::newRow("speech mp3") << kSpeech << qint64(30000) << qint64(34000);
        QTest::newRow("tone wav") << kTone << qint64(3950) << qint64(4050);
    }

    void durationIsKnownOnLoad()
    {
        QFETCH(QString, file);
        QFETCH(qint64, minMs);
        QFETCH(qint64, maxMs);
        if (!QFile::exists(file))
            QSKIP("the tone was not generated (sox missing at build time)");
        const auto backend = makeBackend();
        QSignalSpy durations(backend.get(), &MediaBackend::durationChanged);
        backend->setSource(QUrl::fromLocalFile(file)); // loading alone, no play()
        QTRY_VERIFY_WITH_TIMEOUT(isReady(backend->status()), kLoadTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(backend->duration() > 0, kLoadTimeoutMs);
        QVERIFY2(backend->duration() >= minMs && backend->duration() <= maxMs,
                 qPrintable(QString::number(backend->duration())));
        QVERIFY(!durations.isEmpty());
        QCOMPARE(backend->state(), MediaBackend::State::Stopped);
        QCOMPARE(backend->position(), 0);
    }

    void seekWhilePlaying()
    {
        const auto backend = makeBackend();
        QVERIFY(startPlaying(*backend, kSpeech));
        backend->setPosition(20000);
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() >= 20000, 5000);
        QVERIFY2(backend->position() < 21500, qPrintable(QString::number(backend->position())));
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() >= 20600, 5000);
        QCOMPARE(backend->state(), MediaBackend::State::Playing);
        // And back.
        backend->setPosition(2000);
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() < 3500, 5000);
        QVERIFY(backend->position() >= 2000);
    }

    void pauseHoldsPosition()
    {
        const auto backend = makeBackend();
        QVERIFY(startPlaying(*backend, kSpeech, 1000));
        backend->pause();
        QTRY_COMPARE_WITH_TIMEOUT(backend->state(), MediaBackend::State::Paused, 5000);
        QTest::qWait(200); // let the last position report land
        const qint64 pausedAt = backend->position();
        QVERIFY(pausedAt >= 1000);
        QTest::qWait(800);
        QVERIFY2(qAbs(backend->position() - pausedAt) < 150,
                 qPrintable(QStringLiteral("%1 -> %2").arg(pausedAt).arg(backend->position())));
        backend->play();
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() > pausedAt + 400, 5000);
    }

    void seekWhilePaused()
    {
        const auto backend = makeBackend();
        QVERIFY(startPlaying(*backend, kSpeech));
        backend->pause();
        QTRY_COMPARE_WITH_TIMEOUT(backend->state(), MediaBackend::State::Paused, 5000);
        backend->setPosition(15000);
        QTRY_VERIFY_WITH_TIMEOUT(qAbs(backend->position() - 15000) < 300, 5000);
        QTest::qWait(700);
        QVERIFY2(qAbs(backend->position() - 15000) < 300,
                 qPrintable(QString::number(backend->position())));
        QCOMPARE(backend->state(), MediaBackend::State::Paused);
        backend->play();
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() > 15500, 5000);
        QVERIFY(backend->position() < 17500);
    }

    void rateSetBeforePlayHoldsThroughSeeks()
    {
        const auto backend = makeBackend();
        backend->setPlaybackRate(2.0);
        QCOMPARE(backend->playbackRate(), 2.0);
        QVERIFY(startPlaying(*backend, kSpeech));
        const double speed = measureSpeed(*backend, 1500);
        qInfo() << "speed at rate 2 set before play:" << speed;
        if (isQt() && QLibraryInfo::version() < QVersionNumber(6, 10)) {
            // What is true there: the media plays at 1x although the backend reports rate 2.
            QVERIFY2(speed > 0.75 && speed < 1.25, qPrintable(QString::number(speed)));
            QSKIP("Qt Multimedia before 6.10 ignores a playback rate set before play() (it plays "
                  "at 1x, as just measured); the GStreamer backend is the default there.");
        }
        QVERIFY2(speed > 1.6 && speed < 2.4, qPrintable(QString::number(speed)));

        backend->setPosition(10000);
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() >= 10000 && backend->position() < 12000, 5000);
        QTest::qWait(200);
        const double afterSeek = measureSpeed(*backend, 1500);
        qInfo() << "speed after a seek:" << afterSeek;
        QVERIFY2(afterSeek > 1.6 && afterSeek < 2.4, qPrintable(QString::number(afterSeek)));
        QCOMPARE(backend->playbackRate(), 2.0);
    }

    void rateChangesWhilePlaying()
    {
        const auto backend = makeBackend();
        QVERIFY(startPlaying(*backend, kSpeech));
        const double normal = measureSpeed(*backend, 1000);
        QVERIFY2(normal > 0.75 && normal < 1.25, qPrintable(QString::number(normal)));
        backend->setPlaybackRate(2.0);
        QTest::qWait(200);
        const double fast = measureSpeed(*backend, 1500);
        qInfo() << "speed after switching to rate 2 while playing:" << fast;
        QVERIFY2(fast > 1.6 && fast < 2.4, qPrintable(QString::number(fast)));
        backend->setPlaybackRate(1.0);
        QTest::qWait(200);
        const double back = measureSpeed(*backend, 1000);
        QVERIFY2(back > 0.75 && back < 1.25, qPrintable(QString::number(back)));
    }

    void endOfMediaIsReported()
    {
        if (!QFile::exists(kTone))
            QSKIP("the tone was not generated (sox missing at build time)");
        const auto backend = makeBackend();
        QSignalSpy statuses(backend.get(), &MediaBackend::statusChanged);
        QVERIFY(startPlaying(*backend, kTone, 100));
        backend->setPosition(3000);
        QTRY_COMPARE_WITH_TIMEOUT(backend->status(), MediaBackend::Status::EndOfMedia, 8000);
        QCOMPARE(backend->state(), MediaBackend::State::Stopped);
        QVERIFY(
            statuses.contains(QVariantList{QVariant::fromValue(MediaBackend::Status::EndOfMedia)}));
        // Playing again starts over.
        backend->play();
        QTRY_COMPARE_WITH_TIMEOUT(backend->state(), MediaBackend::State::Playing, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() > 200 && backend->position() < 2500, 5000);
    }

    void streamsOverHttp()
    {
        test::HttpServer server;
        QVERIFY(server.listen());
        server.routeFile("/episode.mp3", kSpeech, "audio/mpeg");
        const auto backend = makeBackend();
        backend->setSource(server.url(QStringLiteral("/episode.mp3")));
        backend->play();
        QTRY_VERIFY_WITH_TIMEOUT(isReady(backend->status()) && backend->position() > 1000,
                                 kLoadTimeoutMs);
        QCOMPARE(backend->state(), MediaBackend::State::Playing);
        QTRY_VERIFY_WITH_TIMEOUT(backend->duration() > 30000, kLoadTimeoutMs);
        QVERIFY(server.hits("/episode.mp3") >= 1);
    }

    void missingFileIsAnError()
    {
        const auto backend = makeBackend();
        const QString path = QStringLiteral("/nonexistent/sidecast/audio.mp3");
        QSignalSpy errors(backend.get(), &MediaBackend::errorOccurred);
        backend->setSource(QUrl::fromLocalFile(path));
        backend->play();
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), kLoadTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(backend->status(), MediaBackend::Status::Invalid, kLoadTimeoutMs);
        QVERIFY(backend->state() != MediaBackend::State::Playing);
        QVERIFY(!backend->errorString().isEmpty());
        const QString message = errors.first().first().toString();
        qInfo().noquote() << "error:" << message;
        QVERIFY(!message.isEmpty());
        if (isQt())
            return; // Qt 6.4 says only "Resource not found."
        QCOMPARE(message, QStringLiteral("Could not open %1: file not found").arg(path));
        QCOMPARE(backend->errorString(), message);
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
        e.enclosure.url = QUrl::fromLocalFile(kSpeech);
        feed.episodes = {e};
        const qint64 podcastId = library.addPodcast(feed).podcastId;
        const qint64 episodeId = library.episodes(podcastId).first().id;
        QVERIFY(library.savePosition(episodeId, 20000));

        const auto backend = makeBackend();
        {
            PlaybackController player(backend.get(), &library);
            QVERIFY(player.playEpisode(episodeId));
            QTRY_VERIFY_WITH_TIMEOUT(player.isPlaying() && backend->position() >= 20000, 15000);
            QVERIFY(backend->position() < 21500);
            QTRY_VERIFY_WITH_TIMEOUT(backend->position() >= 21000, 10000);
            player.pause();
            QVERIFY(library.episode(episodeId)->positionMs >= 21000);
        }
        // Playing to the end marks the episode played.
        {
            PlaybackController player(backend.get(), &library);
            QVERIFY(player.playEpisode(episodeId));
            QTRY_VERIFY_WITH_TIMEOUT(player.isPlaying(), 10000);
            player.seek(30500);
            QTRY_VERIFY_WITH_TIMEOUT(library.episode(episodeId)->played, 15000);
        }
    }
};

QTEST_GUILESS_MAIN(TestMediaBackend)
#include "tst_mediabackend.moc"
