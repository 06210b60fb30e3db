#pragma once

#include "mediabackend.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace sidecast {

class Library;
class Queue;

// Properties are int for QML (Qt 6.4's tooling has no 64-bit integer type): ids and
// milliseconds stay far below 2^31 in practice (24 days of audio).
//
// The player's rules, over any MediaBackend: which episode plays, resuming where it was left,
// saving the position, skipping, speed (global and per podcast), volume, marking an episode
// played near its end, and moving on to the Up Next queue. No sound of its own, so it is tested
// with a fake backend. Settings persist in the library.
class PlaybackController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int episodeId READ episodeId NOTIFY episodeChanged)
    Q_PROPERTY(QString title READ title NOTIFY episodeChanged)
    Q_PROPERTY(QString podcastTitle READ podcastTitle NOTIFY episodeChanged)
    Q_PROPERTY(int podcastId READ podcastId NOTIFY episodeChanged)
    Q_PROPERTY(QUrl artworkUrl READ artworkUrl NOTIFY episodeChanged)
    Q_PROPERTY(bool hasEpisode READ hasEpisode NOTIFY episodeChanged)
    Q_PROPERTY(bool playing READ isPlaying NOTIFY playingChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    Q_PROPERTY(int position READ position NOTIFY positionChanged)
    Q_PROPERTY(int duration READ duration NOTIFY durationChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    Q_PROPERTY(double rate READ rate WRITE setRate NOTIFY rateChanged)
    Q_PROPERTY(
        bool rateIsPodcastOnly READ rateIsPodcastOnly WRITE setRateIsPodcastOnly NOTIFY rateChanged)
    Q_PROPERTY(double volume READ volume WRITE setVolume NOTIFY volumeChanged)
    Q_PROPERTY(bool muted READ isMuted WRITE setMuted NOTIFY volumeChanged)
    Q_PROPERTY(int skipBackSeconds READ skipBackSeconds WRITE setSkipBackSeconds NOTIFY
                   skipIntervalsChanged)
    Q_PROPERTY(int skipForwardSeconds READ skipForwardSeconds WRITE setSkipForwardSeconds NOTIFY
                   skipIntervalsChanged)
    Q_PROPERTY(int playedThresholdSeconds READ playedThresholdSeconds WRITE
                   setPlayedThresholdSeconds NOTIFY playedThresholdChanged)

public:
    PlaybackController(MediaBackend *backend, Library *library, QObject *parent = nullptr);
    ~PlaybackController() override;

    static constexpr int kSaveIntervalMs = 5000;
    static constexpr double kMinRate = 0.5;
    static constexpr double kMaxRate = 3.0;

    MediaBackend *backend() const { return m_backend; }
    Queue *queue() const { return m_queue; }

    qint64 episodeId() const { return m_episodeId; }
    QString title() const { return m_title; }
    QString podcastTitle() const { return m_podcastTitle; }
    qint64 podcastId() const { return m_podcastId; }
    QUrl artworkUrl() const { return m_artworkUrl; }
    bool hasEpisode() const { return m_episodeId > 0; }
    bool isPlaying() const;
    bool isLoading() const;
    // While a restored position waits for the media to be ready, this is that position.
    qint64 position() const;
    qint64 duration() const;
    QString errorString() const { return m_errorString; }

    // Speed, 0.5x to 3x in 0.1 steps. Changing it changes the podcast's own speed when it has
    // one (rateIsPodcastOnly), else the global default.
    double rate() const { return m_rate; }
    void setRate(double rate);
    bool rateIsPodcastOnly() const { return m_rateIsPodcastOnly; }
    void setRateIsPodcastOnly(bool podcastOnly);
    Q_INVOKABLE void faster() { setRate(m_rate + 0.1); }
    Q_INVOKABLE void slower() { setRate(m_rate - 0.1); }

    double volume() const { return m_volume; }
    void setVolume(double volume);
    bool isMuted() const { return m_muted; }
    void setMuted(bool muted);
    Q_INVOKABLE void toggleMuted() { setMuted(!m_muted); }
    // A multiplier on the volume, for fades (the sleep timer); not saved.
    void setFadeFactor(double factor);

    int skipBackSeconds() const { return m_skipBackSeconds; }
    void setSkipBackSeconds(int seconds);
    int skipForwardSeconds() const { return m_skipForwardSeconds; }
    void setSkipForwardSeconds(int seconds);
    // Stopping this close to the end (and within the last tenth) marks the episode played.
    int playedThresholdSeconds() const { return m_playedThresholdSeconds; }
    void setPlayedThresholdSeconds(int seconds);

    // When set, the end of the current episode does not move on to the queue (sleep timer).
    void setStopAfterEpisode(bool stop) { m_stopAfterEpisode = stop; }
    bool stopAfterEpisode() const { return m_stopAfterEpisode; }

    // Loads the episode (unless it is already loaded) and plays it from where it was left.
    Q_INVOKABLE bool playEpisode(qint64 episodeId);
    // Loads the episode without starting it.
    Q_INVOKABLE bool loadEpisode(qint64 episodeId);
    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void togglePlayPause();
    Q_INVOKABLE void seek(qint64 ms);
    Q_INVOKABLE void skipBack();
    Q_INVOKABLE void skipForward();
    // Plays the next queued episode; false when the queue is empty.
    Q_INVOKABLE bool playNextInQueue();
    // Writes the current position to the library now (also done on a timer, on pause, seek, on
    // episode change and on destruction).
    Q_INVOKABLE void savePosition();

Q_SIGNALS:
    void episodeChanged();
    void playingChanged();
    void loadingChanged();
    void positionChanged();
    void durationChanged();
    void errorStringChanged();
    void rateChanged();
    void volumeChanged();
    void skipIntervalsChanged();
    void playedThresholdChanged();
    void episodeFinished(qint64 episodeId);
    // The position jumped on request (seek, skip), as opposed to advancing while playing.
    void seeked(qint64 ms);

private:
    void onStatusChanged(MediaBackend::Status status);
    void onError(const QString &message);
    void applyPendingSeek();
    void applyVolume();
    void applyRate(double rate);
    void setErrorString(const QString &message);
    qint64 clampToDuration(qint64 ms) const;
    void loadSettings();
    void saveSetting(const QString &key, const QVariant &value);

    QPointer<MediaBackend> m_backend;
    Library *m_library;
    Queue *m_queue;
    QTimer m_saveTimer;

    qint64 m_episodeId = 0;
    qint64 m_podcastId = 0;
    QString m_title;
    QString m_podcastTitle;
    QUrl m_artworkUrl;
    qint64 m_knownDurationMs = 0; // from the feed, until the media says better
    qint64 m_pendingSeekMs = -1;  // a restored or early seek waiting for the media to be ready
    QString m_errorString;
    double m_defaultRate = 1.0;
    double m_rate = 1.0;
    bool m_rateIsPodcastOnly = false;
    double m_volume = 1.0;
    bool m_muted = false;
    double m_fadeFactor = 1.0;
    int m_skipBackSeconds = 10;
    int m_skipForwardSeconds = 30;
    int m_playedThresholdSeconds = 30;
    bool m_stopAfterEpisode = false;
};

} // namespace sidecast
