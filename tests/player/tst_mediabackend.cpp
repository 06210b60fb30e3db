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
// 440 Hz for 1 s, 3 s of silence, 1 s, 3 s, 1 s: 9 s, of which silence trimming should cut
// 2 x 2.75 s (each gap keeps about 0.25 s).
const QString kGaps = QStringLiteral(SIDECAST_TEST_AUDIO_DIR "/tone-gaps.wav");
constexpr qint64 kGapsMs = 9000;
constexpr qint64 kGapsCutMs = 5500;

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

    // The audio effects exist on the GStreamer backend only; elsewhere the test skips, saying so.
    bool skipWithoutEffects(const MediaBackend &backend)
    {
        if (backend.supportsAudioEffects())
            return false;
        if (!isQt()) {
            QTest::qFail("the GStreamer backend should support the audio effects", __FILE__,
                         __LINE__);
            return true;
        }
        QTest::qSkip("Qt Multimedia gives no access to the audio it plays: silence trimming and "
                     "voice boost are GStreamer backend features (supportsAudioEffects() is false)",
                     __FILE__, __LINE__);
        return true;
    }

    // Plays to the end; the wall-clock time it took, or -1.
    static qint64 playToEnd(MediaBackend &backend, int timeoutMs = 20000)
    {
        QElapsedTimer clock;
        clock.start();
        backend.play();
        if (!QTest::qWaitFor(
                [&] {
                    return backend.status() == MediaBackend::Status::EndOfMedia ||
                           backend.status() == MediaBackend::Status::Invalid;
                },
                timeoutMs) ||
            backend.status() != MediaBackend::Status::EndOfMedia)
            return -1;
        return clock.elapsed();
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

    void audioEffectsAreReported()
    {
        const auto backend = makeBackend();
        QCOMPARE(backend->supportsAudioEffects(), !isQt());
        backend->setTrimSilence(true);
        backend->setVoiceBoost(true);
        QCOMPARE(backend->trimSilence(), !isQt());
        QCOMPARE(backend->voiceBoost(), !isQt());
        QCOMPARE(backend->silenceSavedMs(), 0);
        if (isQt())
            QSKIP("Qt Multimedia gives no access to the audio it plays: the Qt backend reports "
                  "the audio effects unsupported and ignores them, as just checked");
    }

    void silenceTrimmingEndsSoonerAndCountsTheCut_data()
    {
        QTest::addColumn<double>("rate");
        QTest::newRow("1x") << 1.0;
        QTest::newRow("2x") << 2.0;
    }

    void silenceTrimmingEndsSoonerAndCountsTheCut()
    {
        QFETCH(double, rate);
        if (!QFile::exists(kGaps))
            QSKIP("the test tones were not generated (sox missing at build time)");
        const auto backend = makeBackend();
        if (skipWithoutEffects(*backend))
            return;
        QSignalSpy saved(backend.get(), &MediaBackend::silenceSavedMsChanged);
        backend->setTrimSilence(true);
        backend->setPlaybackRate(rate);
        backend->setSource(QUrl::fromLocalFile(kGaps));
        QTRY_VERIFY_WITH_TIMEOUT(isReady(backend->status()), kLoadTimeoutMs);
        QCOMPARE(backend->duration(), kGapsMs); // the media is what it is; only playing is shorter
        const qint64 wall = playToEnd(*backend);
        QVERIFY(wall > 0);
        const qint64 cut = backend->silenceSavedMs();
        qInfo("at %.0fx: 9 s of media played in %lld ms of wall-clock time, %lld ms cut", rate,
              wall, cut);
        // Exact to the trimmer's 10 ms blocks; the expected figure is the gaps minus what is kept.
        QVERIFY2(qAbs(cut - kGapsCutMs) <= 100, qPrintable(QString::number(cut)));
        QVERIFY(!saved.isEmpty());
        QCOMPARE(saved.last().first().toLongLong(), cut);
        // Untrimmed this takes 9 s / rate; trimmed, 3.5 s / rate plus start-up. Only a bound far
        // from both, so a busy machine cannot fail it.
        QVERIFY2(wall < qint64((kGapsMs - kGapsCutMs / 2) / rate),
                 qPrintable(QString::number(wall)));
        QCOMPARE(backend->position(), kGapsMs); // the end is the media's end

        // A new source counts from zero.
        backend->setSource(QUrl::fromLocalFile(kTone));
        QCOMPARE(backend->silenceSavedMs(), 0);
        QCOMPARE(saved.last().first().toLongLong(), 0);
    }

    void switchingEffectsWhilePlayingKeepsThePlace()
    {
        const auto backend = makeBackend();
        if (skipWithoutEffects(*backend))
            return;
        QVERIFY(startPlaying(*backend, kSpeech, 1000));
        // Every 150 ms one of the effects changes; the position must only ever move on steadily.
        QElapsedTimer clock;
        clock.start();
        qint64 last = backend->position();
        qint64 lastAt = clock.elapsed();
        for (int step = 0; step < 12; ++step) {
            if (step % 2 == 0)
                backend->setTrimSilence(!backend->trimSilence());
            else
                backend->setVoiceBoost(!backend->voiceBoost());
            QTest::qWait(150);
            const qint64 now = backend->position();
            const qint64 at = clock.elapsed();
            // Forward, at about the wall-clock pace; trimming may skip a pause, never more.
            QVERIFY2(now > last, qPrintable(QStringLiteral("%1 -> %2").arg(last).arg(now)));
            QVERIFY2(now - last < (at - lastAt) + 3000,
                     qPrintable(QStringLiteral("%1 -> %2").arg(last).arg(now)));
            last = now;
            lastAt = at;
            QCOMPARE(backend->state(), MediaBackend::State::Playing);
        }
        QVERIFY(isReady(backend->status()));
    }

    void seekingWhileTrimming()
    {
        if (!QFile::exists(kGaps))
            QSKIP("the test tones were not generated (sox missing at build time)");
        const auto backend = makeBackend();
        if (skipWithoutEffects(*backend))
            return;
        backend->setTrimSilence(true);
        QVERIFY(startPlaying(*backend, kGaps, 200));
        // Into the middle tone (4 s .. 5 s): the position is media time, as without trimming.
        backend->setPosition(4300);
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() >= 4300, 5000);
        QVERIFY2(backend->position() < 4900, qPrintable(QString::number(backend->position())));
        // Into the first gap, 2.5 s before the middle tone: most of it is skipped, so the tone
        // comes in well under 2.5 s.
        backend->setPosition(1500);
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() < 2000, 5000);
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(backend->position() > 4000, 5000);
        qInfo() << "from 1.5 s in the gap to the tone at 4 s in" << clock.elapsed() << "ms";
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        // And back out: trimming off, the rest plays at the normal pace.
        backend->setTrimSilence(false);
        QTRY_COMPARE_WITH_TIMEOUT(backend->status(), MediaBackend::Status::EndOfMedia, 10000);
        QCOMPARE(backend->position(), kGapsMs);
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
