// Speed without chipmunks: the default backend plays a 440 Hz tone at 1x and at 2x into a
// PulseAudio null sink of a private daemon started here, parecord records the sink's monitor, and
// the recordings are analysed: at 2x the tone must still be 440 Hz and last half as long.
//
// The daemon runs as whoever runs the test, root included: PulseAudio only warns about root when
// it is not in system mode. Everything it writes (socket, state, cookie) stays in a temporary
// directory, and it dies with the test (PR_SET_PDEATHSIG) even if the test itself is killed.

#include "player/mediabackendfactory.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <complex>
#include <cstring>
#include <numbers>
#include <vector>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace sidecast;

namespace {

const QString kTone = QStringLiteral(SIDECAST_TEST_AUDIO_DIR "/tone440-4s.wav");
constexpr qint64 kToneMs = 4000;
constexpr int kSampleRate = 44100;
const QString kSink = QStringLiteral("sidecast_test");

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
    std::vector<qint16> pcm(size_t(raw.size()) / sizeof(qint16));
    std::memcpy(pcm.data(), raw.constData(), pcm.size() * sizeof(qint16));

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

// A child process that is stopped when this object goes, and killed with the test process.
class Child
{
public:
    Child()
    {
#ifdef Q_OS_LINUX
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
    }
    ~Child()
    {
        stop();
    }
    Child(const Child &) = delete;
    Child &operator=(const Child &) = delete;

    QProcess &process()
    {
        return m_process;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }

private:
    QProcess m_process;
};

} // namespace

class TestPitch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Child m_daemon;
    QString m_server; // unix:<socket>
    QString m_parecord;
    ToneAnalysis m_normal;

    // Plays the tone at rate through the default backend while recording the sink's monitor.
    QByteArray recordTone(double rate)
    {
        Child recorder;
        QProcess &rec = recorder.process();
        rec.setProgram(m_parecord);
        rec.setArguments({QStringLiteral("--device=%1.monitor").arg(kSink),
                          QStringLiteral("--rate=%1").arg(kSampleRate),
                          QStringLiteral("--channels=1"), QStringLiteral("--format=s16le"),
                          QStringLiteral("--raw"), QStringLiteral("--latency-msec=20")});
        rec.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        rec.start();
        if (!rec.waitForStarted(5000)) {
            qWarning() << "parecord did not start:" << rec.errorString();
            return {};
        }
        // The monitor streams silence continuously: data means the recording is live.
        if (!QTest::qWaitFor([&] { return rec.bytesAvailable() >= kSampleRate / 5 * 2; }, 10000)) {
            qWarning() << "parecord recorded nothing";
            return {};
        }

        {
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
                return {};
            }
        }
        QTest::qWait(500); // the tail still on its way through the sink
        QByteArray recording = rec.readAll();
        recorder.stop();
        recording += rec.readAll();
        return recording;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString pulseaudio = QStandardPaths::findExecutable(QStringLiteral("pulseaudio"));
        m_parecord = QStandardPaths::findExecutable(QStringLiteral("parecord"));
        const QString pactl = QStandardPaths::findExecutable(QStringLiteral("pactl"));
        if (pulseaudio.isEmpty() || m_parecord.isEmpty() || pactl.isEmpty())
            QSKIP("the pitch test needs pulseaudio, parecord and pactl (Debian: pulseaudio, "
                  "pulseaudio-utils)");
        if (!QFile::exists(kTone))
            QSKIP("the test tone was not generated (sox missing at build time)");
        QVERIFY(m_dir.isValid());

        const QString runtime = m_dir.filePath(QStringLiteral("runtime"));
        const QString socket = runtime + QStringLiteral("/native");
        QVERIFY(QDir().mkpath(runtime));
        QVERIFY(QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                   QFileDevice::ExeOwner));
        // Only what the test needs: one null sink (its monitor is the recording source) and the
        // local socket, anonymous so no cookie has to be shared.
        QFile script(m_dir.filePath(QStringLiteral("daemon.pa")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(
            QStringLiteral("load-module module-null-sink sink_name=%1 rate=%2 channels=2\n"
                           "set-default-sink %1\n"
                           "load-module module-native-protocol-unix auth-anonymous=1 socket=%3\n")
                .arg(kSink)
                .arg(kSampleRate)
                .arg(socket)
                .toUtf8());
        script.close();

        QProcess &daemon = m_daemon.process();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        env.insert(QStringLiteral("PULSE_RUNTIME_PATH"), runtime);
        env.insert(QStringLiteral("PULSE_STATE_PATH"), m_dir.filePath(QStringLiteral("state")));
        env.remove(QStringLiteral("PULSE_SERVER"));
        daemon.setProcessEnvironment(env);
        daemon.setProgram(pulseaudio);
        // -n: no default.pa, only our script. No daemonizing, idle exit, pid file, shared memory
        // or realtime scheduling: a plain child process that works as root and in containers.
        daemon.setArguments(
            {QStringLiteral("--daemonize=no"), QStringLiteral("--system=no"),
             QStringLiteral("--exit-idle-time=-1"), QStringLiteral("--use-pid-file=no"),
             QStringLiteral("--disable-shm=yes"), QStringLiteral("--realtime=no"),
             QStringLiteral("--high-priority=no"), QStringLiteral("--log-target=stderr"),
             QStringLiteral("--log-level=error"), QStringLiteral("-n"), QStringLiteral("-F"),
             script.fileName()});
        daemon.setProcessChannelMode(QProcess::ForwardedChannels);
        daemon.start();
        QVERIFY2(daemon.waitForStarted(5000), qPrintable(daemon.errorString()));

        m_server = QStringLiteral("unix:") + socket;
        const bool up = QTest::qWaitFor(
            [&] {
                if (daemon.state() != QProcess::Running || !QFile::exists(socket))
                    return daemon.state() != QProcess::Running; // stop waiting if it died
                QProcess info;
                info.start(pactl, {QStringLiteral("--server=") + m_server, QStringLiteral("info")});
                return info.waitForFinished(3000) && info.exitStatus() == QProcess::NormalExit &&
                       info.exitCode() == 0;
            },
            10000);
        QVERIFY2(up && daemon.state() == QProcess::Running,
                 "the PulseAudio daemon did not come up");

        // The player and parecord (which inherits this environment) talk to our daemon only.
        qputenv("PULSE_SERVER", m_server.toUtf8());
        qputenv("PULSE_SINK", kSink.toUtf8());
        qunsetenv("SIDECAST_MEDIA_BACKEND"); // the default backend is the one under test
    }

    void cleanupTestCase() { m_daemon.stop(); }

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
