// The audio effects as a listener gets them: the GStreamer backend plays into the null sink of a
// private PulseAudio daemon (tests/support/pulserecorder.h), and the recordings are measured.
//  - Voice boost: quiet speech comes out louder, loud speech never clips.
//  - Silence trimming: the 3 s gaps between tones come out about a quarter second long, the tones
//    whole, at 1x and at 2x.
//  - Both on a real episode: no pause left longer than the kept quarter second, nothing clipped.

#include "player/gstmediabackend.h"
#include "support/pulserecorder.h"

#include <QElapsedTimer>
#include <QtTest>

#include <cmath>
#include <vector>

using namespace sidecast;
using sidecast::test::PulseRecorder;

namespace {

const QString kQuietSpeech = QStringLiteral(SIDECAST_TEST_AUDIO_DIR "/speech-quiet.wav");
const QString kLoudSpeech = QStringLiteral(SIDECAST_TEST_AUDIO_DIR "/speech-loud.wav");
// 440 Hz for 1 s, 3 s of silence, 1 s, 3 s, 1 s.
const QString kGaps = QStringLiteral(SIDECAST_TEST_AUDIO_DIR "/tone-gaps.wav");
const QString kDemo = QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/audio/websockets.mp3");
constexpr int kRate = PulseRecorder::kSampleRate;

struct Levels
{
    double energyDb = -200; // total energy, so it does not depend on the silence around
    double rmsDb = -200;    // over the 10 ms windows that are not silent
    double peakDb = -200;
    int clipped = 0; // samples at full scale
};

double dB(double value)
{
    return value > 0 ? 20 * std::log10(value) : -200;
}

Levels measure(const std::vector<qint16> &pcm)
{
    Levels levels;
    double energy = 0;
    double loudEnergy = 0;
    size_t loudSamples = 0;
    int peak = 0;
    constexpr size_t window = kRate / 100;
    for (size_t start = 0; start + window <= pcm.size(); start += window) {
        double e = 0;
        for (size_t i = start; i < start + window; ++i) {
            const int v = pcm[i];
            e += double(v) * v;
            peak = std::max(peak, std::abs(v));
            if (v >= 32767 || v <= -32768)
                ++levels.clipped;
        }
        energy += e;
        if (std::sqrt(e / window) > 32768 * 0.001) { // above -60 dBFS
            loudEnergy += e;
            loudSamples += window;
        }
    }
    levels.energyDb = 10 * std::log10(std::max(energy, 1.0) / (32768.0 * 32768.0));
    if (loudSamples > 0)
        levels.rmsDb = dB(std::sqrt(loudEnergy / double(loudSamples)) / 32768.0);
    levels.peakDb = dB(peak / 32768.0);
    return levels;
}

// Runs of loud 10 ms windows (the tones), as [start, end) in ms of the recording.
QList<QPair<int, int>> loudRuns(const std::vector<qint16> &pcm)
{
    QList<QPair<int, int>> runs;
    constexpr size_t window = kRate / 100;
    int start = -1;
    int at = 0;
    for (size_t from = 0; from + window <= pcm.size(); from += window, at += 10) {
        double e = 0;
        for (size_t i = from; i < from + window; ++i)
            e += double(pcm[i]) * pcm[i];
        const bool loud = std::sqrt(e / window) > 1000; // the tone is at half scale
        if (loud && start < 0)
            start = at;
        if (!loud && start >= 0) {
            runs.append({start, at});
            start = -1;
        }
    }
    if (start >= 0)
        runs.append({start, at});
    return runs;
}

} // namespace

class TestEffectsRecorded : public QObject
{
    Q_OBJECT

private:
    PulseRecorder m_pulse;

    struct Played
    {
        std::vector<qint16> pcm;
        qint64 savedMs = 0;
        qint64 wallMs = 0;
    };

    Played play(const QString &file, bool trim, bool boost, double rate = 1.0)
    {
        Played played;
        const QByteArray raw = m_pulse.record([&] {
            GstMediaBackend backend;
            if (!backend.supportsAudioEffects()) {
                qWarning() << "the GStreamer backend has no audio effects";
                return false;
            }
            backend.setTrimSilence(trim);
            backend.setVoiceBoost(boost);
            backend.setPlaybackRate(rate);
            backend.setSource(QUrl::fromLocalFile(file));
            QElapsedTimer clock;
            clock.start();
            backend.play();
            const bool ended = QTest::qWaitFor(
                [&] {
                    return backend.status() == MediaBackend::Status::EndOfMedia ||
                           backend.status() == MediaBackend::Status::Invalid;
                },
                60000);
            played.wallMs = clock.elapsed();
            played.savedMs = backend.silenceSavedMs();
            if (!ended || backend.status() != MediaBackend::Status::EndOfMedia) {
                qWarning().noquote() << file << "did not play to its end:" << backend.errorString();
                return false;
            }
            return true;
        });
        played.pcm = test::pcmSamples(raw);
        return played;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString missing = PulseRecorder::missingTools(); !missing.isEmpty())
            QSKIP(qPrintable(QStringLiteral("recording needs PulseAudio: ") + missing));
        if (!GstMediaBackend::isAvailable())
            QSKIP("GStreamer's playbin is not installed");
        QString error;
        QVERIFY2(m_pulse.start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_pulse.stop(); }

    void voiceBoostMakesQuietSpeechLouder()
    {
        if (!QFile::exists(kQuietSpeech))
            QSKIP("the test speech was not generated (espeak-ng or sox missing at build time)");
        const Played off = play(kQuietSpeech, false, false);
        const Played on = play(kQuietSpeech, false, true);
        QVERIFY2(!off.pcm.empty() && !on.pcm.empty(), "no recording");
        const Levels a = measure(off.pcm);
        const Levels b = measure(on.pcm);
        qInfo("quiet speech, off: energy %.1f dB, RMS %.1f dBFS, peak %.1f dBFS", a.energyDb,
              a.rmsDb, a.peakDb);
        qInfo("quiet speech, on:  energy %.1f dB, RMS %.1f dBFS, peak %.1f dBFS (%+.1f dB)",
              b.energyDb, b.rmsDb, b.peakDb, b.energyDb - a.energyDb);
        QVERIFY2(a.peakDb < -28 && a.peakDb > -32, "the quiet speech is made at -30 dBFS");
        QVERIFY2(b.energyDb - a.energyDb > 6.0, "voice boost should raise quiet speech clearly");
        QVERIFY(b.peakDb < 0);
        QCOMPARE(b.clipped, 0);
    }

    void voiceBoostNeverClipsLoudSpeech()
    {
        if (!QFile::exists(kLoudSpeech))
            QSKIP("the test speech was not generated (espeak-ng or sox missing at build time)");
        const Played off = play(kLoudSpeech, false, false);
        const Played on = play(kLoudSpeech, false, true);
        QVERIFY2(!off.pcm.empty() && !on.pcm.empty(), "no recording");
        const Levels a = measure(off.pcm);
        const Levels b = measure(on.pcm);
        qInfo("loud speech, off: RMS %.1f dBFS, peak %.2f dBFS", a.rmsDb, a.peakDb);
        qInfo("loud speech, on:  RMS %.1f dBFS, peak %.2f dBFS, %d clipped samples", b.rmsDb,
              b.peakDb, b.clipped);
        QVERIFY2(b.peakDb < -1.0, qPrintable(QString::number(b.peakDb))); // limiter at -2 dBFS
        QCOMPARE(b.clipped, 0);
        // Already loud: it stays about as loud (compressed), not quieter nor much louder.
        QVERIFY2(std::abs(b.rmsDb - a.rmsDb) < 6.0, qPrintable(QString::number(b.rmsDb - a.rmsDb)));
    }

    void trimmedGapsBecomeAQuarterSecond_data()
    {
        QTest::addColumn<double>("rate");
        QTest::newRow("1x") << 1.0;
        QTest::newRow("2x") << 2.0;
    }

    void trimmedGapsBecomeAQuarterSecond()
    {
        QFETCH(double, rate);
        if (!QFile::exists(kGaps))
            QSKIP("the test tones were not generated (sox missing at build time)");
        const Played played = play(kGaps, true, false, rate);
        QVERIFY2(!played.pcm.empty(), "no recording");
        const QList<QPair<int, int>> runs = loudRuns(played.pcm);
        QString shape;
        for (qsizetype i = 0; i < runs.size(); ++i) {
            if (i > 0)
                shape += QStringLiteral(" | gap %1 | ").arg(runs[i].first - runs[i - 1].second);
            shape += QStringLiteral("tone %1").arg(runs[i].second - runs[i].first);
        }
        qInfo().noquote() << QStringLiteral("%1x: %2 ms; saved %3 ms; played in %4 ms")
                                 .arg(rate)
                                 .arg(shape)
                                 .arg(played.savedMs)
                                 .arg(played.wallMs);
        QCOMPARE(runs.size(), 3);
        for (const auto &run : runs) // every tone whole
            QVERIFY2(std::abs((run.second - run.first) * rate - 1000) <= 60, qPrintable(shape));
        for (qsizetype i = 1; i < runs.size(); ++i) { // each 3 s gap now ~250 ms of media
            const double gap = (runs[i].first - runs[i - 1].second) * rate;
            QVERIFY2(gap >= 150 && gap <= 400, qPrintable(shape));
        }
        QVERIFY2(std::abs(played.savedMs - 5500) <= 100,
                 qPrintable(QString::number(played.savedMs)));
    }

    void realSpeechWithBothEffects()
    {
        // The demo episode (32 s of a real podcast: leading and trailing silence, pauses of
        // 0.3 to 2 s between sentences) with both effects on, as the app plays it.
        const Played played = play(kDemo, true, true);
        QVERIFY2(!played.pcm.empty(), "no recording");
        const Levels levels = measure(played.pcm);
        // Pauses in the recording: runs of 10 ms windows under -50 dBFS between sounds.
        QList<int> pauses;
        constexpr size_t window = kRate / 100;
        int run = 0;
        bool heardSomething = false;
        for (size_t from = 0; from + window <= played.pcm.size(); from += window) {
            double e = 0;
            for (size_t i = from; i < from + window; ++i)
                e += double(played.pcm[i]) * played.pcm[i];
            if (std::sqrt(e / window) >= 32768 * 0.00316) {
                if (heardSomething && run > 0)
                    pauses.append(run * 10);
                heardSomething = true;
                run = 0;
            } else {
                ++run;
            }
        }
        int longest = 0;
        for (int pause : pauses)
            longest = std::max(longest, pause);
        qInfo("demo episode, trim + boost: %lld ms cut, played in %lld ms; RMS %.1f dBFS, peak "
              "%.2f dBFS, longest pause %d ms",
              played.savedMs, played.wallMs, levels.rmsDb, levels.peakDb, longest);
        // Untrimmed it has ~12.5 s of silence, of which pauses over 0.5 s: 2.0, 1.6 and three
        // of 0.85 s (measured from a recording without effects).
        QVERIFY2(played.savedMs > 10000, qPrintable(QString::number(played.savedMs)));
        QVERIFY2(longest <= 400, qPrintable(QString::number(longest)));
        QVERIFY(levels.peakDb < 0);
        QCOMPARE(levels.clipped, 0);
    }
};

QTEST_GUILESS_MAIN(TestEffectsRecorded)
#include "tst_effects_recorded.moc"
