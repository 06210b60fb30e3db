#pragma once

#include "mediabackend.h"

#include <QTimer>

// The GStreamer C types, declared here so this header does not pull GStreamer into every file.
typedef struct _GstElement GstElement;
typedef struct _GstBus GstBus;
typedef struct _GstMessage GstMessage;
typedef struct _GSource GSource;

namespace sidecast {

// MediaBackend on GStreamer's playbin, with scaletempo in its audio filter: a rate change is a
// seek with that rate, and scaletempo stretches the audio so voices keep their pitch. Qt 6.4's
// QMediaPlayer changes the pitch with the rate (Qt compensates only from 6.10), hence this
// backend. The audio filter also carries the audio effects (effects/gstaudioeffects.h):
//   audioconvert ! float ! sidecastsilencetrim ! scaletempo ! sidecastvoiceboost
// Silence is trimmed before the time stretch, so it is found and counted in media time.
class GstMediaBackend : public MediaBackend
{
    Q_OBJECT
public:
    explicit GstMediaBackend(QObject *parent = nullptr);
    ~GstMediaBackend() override;

    // False when GStreamer or its playbin element is missing; the backend then only reports
    // errors.
    static bool isAvailable();

    QString name() const override { return QStringLiteral("gstreamer"); }
    void setSource(const QUrl &url) override;
    QUrl source() const override { return m_source; }
    void play() override;
    void pause() override;
    void stop() override;
    void setPosition(qint64 ms) override;
    qint64 position() const override;
    qint64 duration() const override { return m_duration; }
    State state() const override { return m_state; }
    Status status() const override { return m_status; }
    bool isSeekable() const override { return m_seekable; }
    void setVolume(float volume) override;
    float volume() const override { return m_volume; }
    void setMuted(bool muted) override;
    bool isMuted() const override { return m_muted; }
    void setPlaybackRate(double rate) override;
    double playbackRate() const override { return m_rate; }
    QString errorString() const override { return m_errorString; }

    bool supportsAudioEffects() const override { return m_trim && m_boost; }
    void setTrimSilence(bool on) override;
    bool trimSilence() const override { return m_trimSilence; }
    void setVoiceBoost(bool on) override;
    bool voiceBoost() const override { return m_voiceBoost; }
    qint64 silenceSavedMs() const override;

private:
    // The playbin's audio filter; m_trim and m_boost are set when the effects are available.
    GstElement *makeAudioFilter();
    quint64 removedNs() const;
    void updateSilenceSaved();
    static int onBusMessage(GstBus *bus, GstMessage *message, void *self);
    void handleMessage(GstMessage *message);
    void drainBus();
    void onPrerolled();
    void onEndOfStream();
    void onError(GstMessage *message);
    void onBuffering(int percent);
    // A flushing, accurate seek to ms that also (re)applies the playback rate.
    bool seekTo(qint64 ms);
    void applyTargetState();
    void setGstState(int state);
    void updateDuration();
    void updateSeekable();
    void updatePosition();
    void setStateTo(State state);
    void setStatusTo(Status status);
    void fail(const QString &message);

    GstElement *m_playbin = nullptr;
    GstBus *m_bus = nullptr;
    GSource *m_busWatch = nullptr; // when Qt runs on the GLib event loop
    QTimer m_busPoll;              // otherwise
    QTimer m_positionTimer;

    QUrl m_source;
    State m_state = State::Stopped;
    Status m_status = Status::NoMedia;
    QString m_errorString;
    qint64 m_duration = 0;
    qint64 m_position = 0;
    bool m_seekable = false;
    bool m_prerolled = false;    // the current source has prerolled once: seeks are possible
    bool m_seekPending = false;  // a seek is on its way: report its target as the position
    bool m_buffering = false;    // a network stream is refilling its buffer
    qint64 m_pendingSeekMs = -1; // asked for before the media was ready
    float m_volume = 1.0f;
    bool m_muted = false;
    double m_rate = 1.0;
    GstElement *m_trim = nullptr;  // owned by the playbin
    GstElement *m_boost = nullptr; // owned by the playbin
    bool m_trimSilence = false;
    bool m_voiceBoost = false;
    quint64 m_removedAtSourceNs = 0; // the trimmer's count when the current source was set
    qint64 m_silenceSavedMs = 0;     // as last reported
};

} // namespace sidecast
