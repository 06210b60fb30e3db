// Speed without chipmunks: the default backend plays a 440 Hz tone at 1x and at 2x into the null
// sink of a private PulseAudio daemon (tests/support/pulserecorder.h), and the recordings are
// analysed: at 2x the tone must still be 440 Hz and last half as long.

#include "player/mediabackendfactory.h"
#include "support/pulserecorder.h"

#include <QtTest>

#include <complex>
#include <numbers>
#include <vector>

using namespace sidecast;
using sidecast::test::PulseRecorder;

namespace {

const QString kTone = QStringLiteral(SIDECAST_TEST_AUDIO_DIR "/tone440-4s.wav");
constexpr qint64 kToneMs = 4000;
constexpr int kSampleRate = PulseRecorder::kSampleRate;

struct ToneAnalysis
{
    bool found = false;
    double frequencyHz = 0;    // the strongest frequency between 300 and 900 Hz (DFT)
    double zeroCrossingHz = 0; // the same from upward zero crossings, as a cross-check
    qint64 spanMs = 0;         // from the first to the last loud 10 ms window
    double peakRms = 0;
};

// |DFT| of samples at frequency hz, with a Hann window.
double magnitudeAt(const std::vector<double> &samples, double hz)
{
    const std::complex<double> step = std::polar(1.0, -2.0 * std::numbers::pi * hz / kSampleRate);
    std::complex<double> phasor = 1.0;
    std::complex<double> sum = 0.0;
    for (double sample : samples) {
        sum += sample * phasor;
        phasor *= step;
    }
    return std::abs(sum);
}

ToneAnalysis analyse(const QByteArray &raw)
{
    ToneAnalysis result;
    const std::vector<qint16> pcm = test::pcmSamples(raw);

    // Loudness in 10 ms windows; the tone is what is clearly above the silence around it.
    constexpr size_t window = kSampleRate / 100;
    std::vector<double> rms;
    for (size_t start = 0; start + window <= pcm.size(); start += window) {
        double energy = 0;
        for (size_t i = start; i < start + window; ++i)
            energy += double(pcm[i]) * pcm[i];
        rms.push_back(std::sqrt(energy / window));
    }
    for (double value : rms)
        result.peakRms = std::max(result.peakRms, value);
    if (result.peakRms < 1000) // the tone is made at half scale: RMS ~11500
        return result;
    const double threshold = result.peakRms * 0.3;
    size_t first = 0;
    while (rms[first] < threshold)
        ++first;
    size_t last = rms.size() - 1;
    while (rms[last] < threshold)
        --last;
    const size_t spanWindows = last - first + 1;
    result.spanMs = qint64(spanWindows) * 10;

    // The frequency from the steady middle, clear of the edges.
    const size_t margin = spanWindows / 10;
    const size_t from = (first + margin) * window;
    const size_t to = std::min((last + 1 - margin) * window, from + 2 * kSampleRate);
    if (to <= from + window)
        return result;
    std::vector<double> middle(to - from);
    for (size_t i = 0; i < middle.size(); ++i) {
        const double hann =
            0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(i) / double(middle.size() - 1));
        middle[i] = pcm[from + i] * hann;
    }
    double best = 0;
    double bestHz = 0;
    for (double hz = 300; hz <= 900; hz += 1.0) {
        if (const double m = magnitudeAt(middle, hz); m > best) {
            best = m;
            bestHz = hz;
        }
    }
    for (double hz = bestHz - 1.5; hz <= bestHz + 1.5; hz += 0.05) {
        if (const double m = magnitudeAt(middle, hz); m > best) {
            best = m;
            result.frequencyHz = hz;
        }
    }
    if (result.frequencyHz == 0)
        result.frequencyHz = bestHz;

    // Upward zero crossings, placed between samples by linear interpolation.
    double firstCrossing = -1;
    double lastCrossing = -1;
    int crossings = 0;
    for (size_t i = from + 1; i < to; ++i) {
        const double a = pcm[i - 1];
        const double b = pcm[i];
        if (a < 0 && b >= 0) {
            const double at = double(i - 1) + (-a / (b - a));
            if (firstCrossing < 0)
                firstCrossing = at;
            lastCrossing = at;
            ++crossings;
        }
    }
    if (crossings > 1)
        result.zeroCrossingHz = (crossings - 1) / ((lastCrossing - firstCrossing) / kSampleRate);
    result.found = true;
    return result;
}

} // namespace

class TestPitch : public QObject
{
    Q_OBJECT

private:
    PulseRecorder m_pulse;
    ToneAnalysis m_normal;

    // Plays the tone at rate through the default backend while recording the sink's monitor.
    QByteArray recordTone(double rate)
    {
        return m_pulse.record([rate] {
            const std::unique_ptr<MediaBackend> backend = createMediaBackend();
            qInfo().noquote() << "backend:" << backend->name() << "rate:" << rate;
            backend->setPlaybackRate(rate);
            backend->setSource(QUrl::fromLocalFile(kTone));
            backend->play();
            const bool ended = QTest::qWaitFor(
                [&] {
                    return backend->status() == MediaBackend::Status::EndOfMedia ||
                           backend->status() == MediaBackend::Status::Invalid;
                },
                20000);
            if (!ended || backend->status() != MediaBackend::Status::EndOfMedia) {
                qWarning().noquote()
                    << "the tone did not play to its end:" << backend->errorString();
                return false;
            }
            return true;
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString missing = PulseRecorder::missingTools(); !missing.isEmpty())
            QSKIP(qPrintable(QStringLiteral("the pitch test records from PulseAudio: ") + missing));
        if (!QFile::exists(kTone))
            QSKIP("the test tone was not generated (sox missing at build time)");
        QString error;
        QVERIFY2(m_pulse.start(&error), qPrintable(error));
        qunsetenv("SIDECAST_MEDIA_BACKEND"); // the default backend is the one under test
    }

    void cleanupTestCase() { m_pulse.stop(); }

    void normalSpeedIsTheReference()
    {
        const QByteArray recording = recordTone(1.0);
        QVERIFY2(!recording.isEmpty(), "no recording at 1x");
        m_normal = analyse(recording);
        qInfo("1x: %.2f Hz (zero crossings %.2f Hz), tone %lld ms, RMS %.0f", m_normal.frequencyHz,
              m_normal.zeroCrossingHz, m_normal.spanMs, m_normal.peakRms);
        QVERIFY2(m_normal.found, "no tone in the recording at 1x");
        QVERIFY(qAbs(m_normal.frequencyHz - 440) <= 10);
        QVERIFY2(qAbs(m_normal.spanMs - kToneMs) <= kToneMs / 10,
                 qPrintable(QString::number(m_normal.spanMs)));
    }

    void doubleSpeedKeepsThePitch()
    {
        if (!m_normal.found)
            QSKIP("needs the 1x reference");
        const QByteArray recording = recordTone(2.0);
        QVERIFY2(!recording.isEmpty(), "no recording at 2x");
        const ToneAnalysis fast = analyse(recording);
        const double ratio = double(fast.spanMs) / double(m_normal.spanMs);
        qInfo("2x: %.2f Hz (zero crossings %.2f Hz), tone %lld ms = %.3f of 1x, RMS %.0f",
              fast.frequencyHz, fast.zeroCrossingHz, fast.spanMs, ratio, fast.peakRms);
        QVERIFY2(fast.found, "no tone in the recording at 2x");
        QVERIFY2(qAbs(fast.frequencyHz - 440) <= 10,
                 qPrintable(QStringLiteral("the tone came out at %1 Hz").arg(fast.frequencyHz)));
        QVERIFY2(qAbs(ratio - 0.5) <= 0.5 * 0.15,
                 qPrintable(QStringLiteral("duration ratio %1").arg(ratio)));
    }
};

QTEST_GUILESS_MAIN(TestPitch)
#include "tst_pitch.moc"
