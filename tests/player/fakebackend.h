#pragma once

#include "player/mediabackend.h"

namespace sidecast::test {

// A MediaBackend without sound: the test drives its status and position by hand, and it records
// what the controller asked of it.
class FakeBackend : public MediaBackend
{
    Q_OBJECT
public:
    using MediaBackend::MediaBackend;

    QString name() const override { return QStringLiteral("fake"); }
    void setSource(const QUrl &url) override
    {
        m_source = url;
        m_position = 0;
        m_duration = 0;
        m_seekable = false;
        ++sourceChanges;
        if (m_silenceSaved != 0) {
            m_silenceSaved = 0;
            Q_EMIT silenceSavedMsChanged(0);
        }
        setStatusTo(url.isEmpty() ? Status::NoMedia : Status::Loading);
    }
    QUrl source() const override { return m_source; }
    void play() override { setStateTo(State::Playing); }
    void pause() override { setStateTo(State::Paused); }
    void stop() override { setStateTo(State::Stopped); }
    void setPosition(qint64 ms) override
    {
        seeks.append(ms);
        movePositionTo(ms);
    }
    qint64 position() const override { return m_position; }
    qint64 duration() const override { return m_duration; }
    State state() const override { return m_state; }
    Status status() const override { return m_status; }
    bool isSeekable() const override { return m_seekable; }
    void setVolume(float v) override { m_volume = v; }
    float volume() const override { return m_volume; }
    void setMuted(bool m) override { m_muted = m; }
    bool isMuted() const override { return m_muted; }
    void setPlaybackRate(double rate) override { m_rate = rate; }
    double playbackRate() const override { return m_rate; }
    QString errorString() const override { return m_error; }
    bool supportsAudioEffects() const override { return effectsSupported; }
    void setTrimSilence(bool on) override { m_trim = on && effectsSupported; }
    bool trimSilence() const override { return m_trim; }
    void setVoiceBoost(bool on) override { m_boost = on && effectsSupported; }
    bool voiceBoost() const override { return m_boost; }
    qint64 silenceSavedMs() const override { return m_silenceSaved; }

    // Test controls.
    void finishLoading(qint64 durationMs)
    {
        m_duration = durationMs;
        Q_EMIT durationChanged(durationMs);
        m_seekable = true;
        Q_EMIT seekableChanged(true);
        setStatusTo(Status::Loaded);
    }
    void movePositionTo(qint64 ms)
    {
        m_position = ms;
        Q_EMIT positionChanged(ms);
    }
    void reachEnd()
    {
        movePositionTo(m_duration);
        setStateTo(State::Stopped);
        setStatusTo(Status::EndOfMedia);
    }
    void fail(const QString &message)
    {
        m_error = message;
        setStateTo(State::Stopped);
        setStatusTo(Status::Invalid);
        Q_EMIT errorOccurred(message);
    }

    // Silence trimming cut out this much of the current source so far (reported at once).
    void cutSilence(qint64 totalMs)
    {
        m_silenceSaved = totalMs;
        Q_EMIT silenceSavedMsChanged(totalMs);
    }
    // Cut out, but not reported yet: the controller has to ask.
    void cutSilenceQuietly(qint64 totalMs) { m_silenceSaved = totalMs; }

    QList<qint64> seeks;
    int sourceChanges = 0;
    bool effectsSupported = true;

private:
    void setStatusTo(Status s)
    {
        if (m_status == s)
            return;
        m_status = s;
        Q_EMIT statusChanged(s);
    }
    void setStateTo(State s)
    {
        if (m_state == s)
            return;
        m_state = s;
        Q_EMIT stateChanged(s);
    }

    QUrl m_source;
    qint64 m_position = 0;
    qint64 m_duration = 0;
    bool m_seekable = false;
    State m_state = State::Stopped;
    Status m_status = Status::NoMedia;
    float m_volume = 1.0f;
    bool m_muted = false;
    double m_rate = 1.0;
    QString m_error;
    bool m_trim = false;
    bool m_boost = false;
    qint64 m_silenceSaved = 0;
};

} // namespace sidecast::test
