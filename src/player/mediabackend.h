#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

namespace sidecast {

// The small surface PlaybackController needs from a real player. Implementations: QtMediaBackend
// (QMediaPlayer), GstMediaBackend (GStreamer's playbin, speed without a pitch change), chosen by
// createMediaBackend(); and fakes in the tests, so the player's rules are tested without sound.
class MediaBackend : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Stopped,
        Playing,
        Paused
    };
    Q_ENUM(State)
    enum class Status
    {
        NoMedia,
        Loading,
        Loaded, // ready: duration known, seeking allowed
        Buffering,
        Buffered,
        EndOfMedia,
        Invalid, // the media could not be played; see errorString()
    };
    Q_ENUM(Status)

    using QObject::QObject;
    ~MediaBackend() override;

    virtual QString name() const = 0;
    virtual void setSource(const QUrl &url) = 0;
    virtual QUrl source() const = 0;
    virtual void play() = 0;
    virtual void pause() = 0;
    virtual void stop() = 0;
    virtual void setPosition(qint64 ms) = 0;
    virtual qint64 position() const = 0;
    virtual qint64 duration() const = 0;
    virtual State state() const = 0;
    virtual Status status() const = 0;
    virtual bool isSeekable() const = 0;
    virtual void setVolume(float volume) = 0; // 0..1
    virtual float volume() const = 0;
    virtual void setMuted(bool muted) = 0;
    virtual bool isMuted() const = 0;
    virtual void setPlaybackRate(double rate) = 0;
    virtual double playbackRate() const = 0;
    virtual QString errorString() const = 0;

    // Audio effects, for backends that process the audio themselves (GStreamer); the others
    // report them unsupported and ignore the setters. Switching either while playing neither
    // interrupts playback nor moves the position.
    virtual bool supportsAudioEffects() const { return false; }
    // Shortens long pauses (the position stays media time: it jumps over what was cut).
    virtual void setTrimSilence(bool on) { Q_UNUSED(on) }
    virtual bool trimSilence() const { return false; }
    // Clearer, evener, louder voices (EQ, compressor, limiter).
    virtual void setVoiceBoost(bool on) { Q_UNUSED(on) }
    virtual bool voiceBoost() const { return false; }
    // Media time cut out by silence trimming since the current source was set (exact, not an
    // estimate); silenceSavedMsChanged reports it as it grows, and 0 on a new source.
    virtual qint64 silenceSavedMs() const { return 0; }

Q_SIGNALS:
    void positionChanged(qint64 ms);
    void durationChanged(qint64 ms);
    void stateChanged(sidecast::MediaBackend::State state);
    void statusChanged(sidecast::MediaBackend::Status status);
    void seekableChanged(bool seekable);
    void errorOccurred(const QString &message);
    void silenceSavedMsChanged(qint64 ms);
};

} // namespace sidecast
