#include "pulserecorder.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTest>

#include <cstring>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace sidecast::test {

namespace {

const QString kSink = QStringLiteral("sidecast_test");

} // namespace

ChildProcess::ChildProcess()
{
#ifdef Q_OS_LINUX
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
}

ChildProcess::~ChildProcess()
{
    stop();
}

void ChildProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(3000)) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

PulseRecorder::PulseRecorder() = default;

PulseRecorder::~PulseRecorder()
{
    stop();
}

QString PulseRecorder::missingTools()
{
    for (const char *tool : {"pulseaudio", "parecord", "pactl"}) {
        if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
            return QStringLiteral("%1 is missing (Debian: pulseaudio, pulseaudio-utils)")
                .arg(QLatin1String(tool));
    }
    return {};
}

bool PulseRecorder::start(QString *error)
{
    const auto failed = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (const QString missing = missingTools(); !missing.isEmpty())
        return failed(missing);
    if (!m_dir.isValid())
        return failed(QStringLiteral("no temporary directory"));
    m_parecord = QStandardPaths::findExecutable(QStringLiteral("parecord"));
    const QString pactl = QStandardPaths::findExecutable(QStringLiteral("pactl"));

    const QString runtime = m_dir.filePath(QStringLiteral("runtime"));
    const QString socket = runtime + QStringLiteral("/native");
    if (!QDir().mkpath(runtime) ||
        !QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner))
        return failed(QStringLiteral("cannot make %1").arg(runtime));
    // Only what the tests need: one null sink (its monitor is the recording source) and the local
    // socket, anonymous so no cookie has to be shared.
    QFile script(m_dir.filePath(QStringLiteral("daemon.pa")));
    if (!script.open(QIODevice::WriteOnly))
        return failed(script.errorString());
    script.write(QStringLiteral("load-module module-null-sink sink_name=%1 rate=%2 channels=2\n"
                                "set-default-sink %1\n"
                                "load-module module-native-protocol-unix auth-anonymous=1 "
                                "socket=%3\n")
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
    daemon.setProgram(QStandardPaths::findExecutable(QStringLiteral("pulseaudio")));
    // -n: no default.pa, only our script. No daemonizing, idle exit, pid file, shared memory or
    // realtime scheduling: a plain child process that works as root and in containers.
    daemon.setArguments({QStringLiteral("--daemonize=no"), QStringLiteral("--system=no"),
                         QStringLiteral("--exit-idle-time=-1"), QStringLiteral("--use-pid-file=no"),
                         QStringLiteral("--disable-shm=yes"), QStringLiteral("--realtime=no"),
                         QStringLiteral("--high-priority=no"),
                         QStringLiteral("--log-target=stderr"), QStringLiteral("--log-level=error"),
                         QStringLiteral("-n"), QStringLiteral("-F"), script.fileName()});
    daemon.setProcessChannelMode(QProcess::ForwardedChannels);
    daemon.start();
    if (!daemon.waitForStarted(5000))
        return failed(daemon.errorString());

    const QString server = QStringLiteral("unix:") + socket;
    const bool up = QTest::qWaitFor(
        [&] {
            if (daemon.state() != QProcess::Running || !QFile::exists(socket))
                return daemon.state() != QProcess::Running; // stop waiting if it died
            QProcess info;
            info.start(pactl, {QStringLiteral("--server=") + server, QStringLiteral("info")});
            return info.waitForFinished(3000) && info.exitStatus() == QProcess::NormalExit &&
                   info.exitCode() == 0;
        },
        10000);
    if (!up || daemon.state() != QProcess::Running)
        return failed(QStringLiteral("the PulseAudio daemon did not come up"));

    // The player and parecord (which inherits this environment) talk to our daemon only.
    qputenv("PULSE_SERVER", server.toUtf8());
    qputenv("PULSE_SINK", kSink.toUtf8());
    return true;
}

void PulseRecorder::stop()
{
    m_daemon.stop();
}

QByteArray PulseRecorder::record(const std::function<bool()> &play)
{
    ChildProcess recorder;
    QProcess &rec = recorder.process();
    rec.setProgram(m_parecord);
    rec.setArguments({QStringLiteral("--device=%1.monitor").arg(kSink),
                      QStringLiteral("--rate=%1").arg(kSampleRate), QStringLiteral("--channels=1"),
                      QStringLiteral("--format=s16le"), QStringLiteral("--raw"),
                      QStringLiteral("--latency-msec=20")});
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
    if (!play())
        return {};
    QTest::qWait(500); // the tail still on its way through the sink
    QByteArray recording = rec.readAll();
    recorder.stop();
    recording += rec.readAll();
    return recording;
}

std::vector<qint16> pcmSamples(const QByteArray &raw)
{
    std::vector<qint16> pcm(size_t(raw.size()) / sizeof(qint16));
    std::memcpy(pcm.data(), raw.constData(), pcm.size() * sizeof(qint16));
    return pcm;
}

} // namespace sidecast::test
