#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <vector>

namespace sidecast::test {

// A child process that is stopped when this object goes, and killed with the test process
// (PR_SET_PDEATHSIG) even if the test itself is killed.
class ChildProcess
{
public:
    ChildProcess();
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    QProcess &process() { return m_process; }
    void stop();

private:
    QProcess m_process;
};

// Hears what the player plays: a private PulseAudio daemon with one null sink, started by the
// test, and parecord on that sink's monitor. start() points this process (and so the player and
// parecord) at the daemon through PULSE_SERVER and PULSE_SINK.
//
// The daemon runs as whoever runs the test, root included: PulseAudio only warns about root when
// it is not in system mode. Everything it writes (socket, state, cookie) stays in a temporary
// directory, and it dies with the test.
class PulseRecorder
{
public:
    static constexpr int kSampleRate = 44100;

    PulseRecorder();
    ~PulseRecorder();

    // Empty when the tools are installed, else a reason to skip.
    static QString missingTools();

    // Starts the daemon and waits until it answers; false (and why) when it does not.
    bool start(QString *error);
    void stop();

    // Records the sink's monitor (mono, 16-bit, kSampleRate) while `play` runs; `play` returns
    // false when playing failed. Empty when recording or playing failed. The recording starts a
    // little before and ends half a second after `play`.
    QByteArray record(const std::function<bool()> &play);

private:
    QTemporaryDir m_dir;
    ChildProcess m_daemon;
    QString m_parecord;
};

// 16-bit samples from raw little-endian PCM.
std::vector<qint16> pcmSamples(const QByteArray &raw);

} // namespace sidecast::test
