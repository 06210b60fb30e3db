#pragma once

#include "mediabackend.h"

#include <QList>
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
//
// Audio effects (silence trimming, voice boost) are chosen per podcast and switched on for its
// episodes as they load; the media time that trimming cut out is added up per episode, per podcast
// and in total. Speed-ups are not part of that figure: it is exactly the silence removed.
//
// Besides library episodes it plays one-off URLs (a file or stream opened from outside, e.g. over
// MPRIS): those have episodeId 0, take their title from the file name and leave no trace in the
// library (no saved position, no played mark).
class PlaybackController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int episodeId READ episodeId NOTIFY episodeChanged)
    Q_PROPERTY(QString title READ title NOTIFY episodeChanged)
    Q_PROPERTY(QString podcastTitle READ podcastTitle NOTIFY episodeChanged)
    Q_PROPERTY(QString author READ author NOTIFY episodeChanged)
    Q_PROPERTY(int podcastId READ podcastId NOTIFY episodeChanged)
    Q_PROPERTY(QUrl artworkUrl READ artworkUrl NOTIFY episodeChanged)
    Q_PROPERTY(bool hasEpisode READ hasEpisode NOTIFY episodeChanged)
    Q_PROPERTY(bool oneOff READ isOneOff NOTIFY episodeChanged)
    Q_PROPERTY(QUrl url READ url NOTIFY episodeChanged)
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
    Q_PROPERTY(bool audioEffectsSupported READ audioEffectsSupported CONSTANT)
    Q_PROPERTY(bool trimSilence READ trimSilence WRITE setTrimSilence NOTIFY audioEffectsChanged)
    Q_PROPERTY(bool voiceBoost READ voiceBoost WRITE setVoiceBoost NOTIFY audioEffectsChanged)
    Q_PROPERTY(int silenceSavedEpisodeMs READ silenceSavedEpisodeMs NOTIFY silenceSavedChanged)
    Q_PROPERTY(double silenceSavedPodcastMs READ silenceSavedPodcastMs NOTIFY silenceSavedChanged)
    Q_PROPERTY(double silenceSavedTotalMs READ silenceSavedTotalMs NOTIFY silenceSavedChanged)

public:
    PlaybackController(MediaBackend *backend, Library *library, QObject *parent = nullptr);
    ~PlaybackController() override;

    static constexpr int kSaveIntervalMs = 5000;
    static constexpr double kMinRate = 0.5;
    static constexpr double kMaxRate = 3.0;

    MediaBackend *backend() const { return m_backend; }
    Queue *queue() const { return m_queue; }

    // 0 when nothing or a one-off URL is loaded.
    qint64 episodeId() const { return m_episodeId; }
    QString title() const { return m_title; }
    QString podcastTitle() const { return m_podcastTitle; }
    // The podcast's author (empty for a one-off).
    QString author() const { return m_author; }
    qint64 podcastId() const { return m_podcastId; }
    QUrl artworkUrl() const { return m_artworkUrl; }
    // The media being played: the episode's enclosure, or the one-off URL.
    QUrl url() const { return m_url; }
    // Something is loaded: a library episode or a one-off URL.
    bool hasEpisode() const { return m_episodeId > 0 || m_oneOff; }
    bool isOneOff() const { return m_oneOff; }
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

    // Audio effects. Switching one while an episode plays keeps it for that episode's podcast;
    // for a one-off URL it lasts until something else loads. Without backend support both stay
    // off.
    bool audioEffectsSupported() const { return m_backend && m_backend->supportsAudioEffects(); }
    bool trimSilence() const { return m_trimSilence; }
    void setTrimSilence(bool on);
    bool voiceBoost() const { return m_voiceBoost; }
    void setVoiceBoost(bool on);
    // Media time cut out by silence trimming: in the loaded episode (over all its plays), in its
    // podcast, and in total (one-off URLs included).
    qint64 silenceSavedEpisodeMs() const { return m_silenceEpisodeMs; }
    double silenceSavedPodcastMs() const { return double(m_silencePodcastMs); }
    double silenceSavedTotalMs() const { return double(m_silenceTotalMs); }

    // When set, the end of the current episode does not move on to the queue (sleep timer).
    void setStopAfterEpisode(bool stop) { m_stopAfterEpisode = stop; }
    bool stopAfterEpisode() const { return m_stopAfterEpisode; }

    // Loads the episode (unless it is already loaded) and plays it from where it was left.
    Q_INVOKABLE bool playEpisode(qint64 episodeId);
    // Loads, without playing, the episode that was loaded when the app last ran (so the player
    // picks up where the listener was); false when there is none.
    bool restoreLastEpisode();
    // Loads the episode without starting it.
    Q_INVOKABLE bool loadEpisode(qint64 episodeId);
    // Plays a URL that is not (necessarily) in the library as a one-off; false when it is not a
    // usable URL. Its title is the file name.
    Q_INVOKABLE bool playUrl(const QUrl &url);
    // Plays the library episode whose enclosure is `url`, else the URL as a one-off.
    Q_INVOKABLE bool openUrl(const QUrl &url);
    // With nothing loaded, starts the Up Next queue.
    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void togglePlayPause();
    Q_INVOKABLE void seek(qint64 ms);
    Q_INVOKABLE void skipBack();
    Q_INVOKABLE void skipForward();
    // Plays the next queued episode; false when the queue is empty.
    Q_INVOKABLE bool playNextInQueue();
    // "Previous" (media keys, MPRIS). A podcast's place is worth more than its start, so more than
    // kPreviousSkipsBackMs into the episode this skips back like skipBack() (repeated presses walk
    // back to the start). Near the start it goes back to the episode played before this one in
    // this session, which resumes where it was left; the current episode returns to the front of
    // Up Next, so "next" comes back to it. With no such episode it seeks to the start. False when
    // nothing is loaded.
    Q_INVOKABLE bool playPrevious();
    static constexpr qint64 kPreviousSkipsBackMs = 5000;
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
    void audioEffectsChanged();
    void silenceSavedChanged();
    // An episode (0: a one-off URL) played to its end.
    void episodeFinished(qint64 episodeId);
    // The position jumped on request (seek, skip), as opposed to advancing while playing.
    void seeked(qint64 ms);

private:
    bool loadEpisode(qint64 episodeId, bool remember);
    void rememberCurrent();
    void startSource(const QUrl &url, double rate);
    void onStatusChanged(MediaBackend::Status status);
    void onError(const QString &message);
    void applyPendingSeek();
    void applyVolume();
    void applyRate(double rate);
    void setErrorString(const QString &message);
    qint64 clampToDuration(qint64 ms) const;
    void applyAudioEffects(bool trimSilence, bool voiceBoost);
    // Takes what the backend has cut out since the last look into the running totals.
    void collectSilenceSaved();
    // Writes the part of the totals not yet in the library.
    void saveSilenceSaved();
    void loadSettings();
    void saveSetting(const QString &key, const QVariant &value);

    QPointer<MediaBackend> m_backend;
    Library *m_library;
    Queue *m_queue;
    QTimer m_saveTimer;

    qint64 m_episodeId = 0;
    qint64 m_podcastId = 0;
    bool m_oneOff = false;
    quint64 m_loadSerial = 0; // counts loads, to tell "still the same media" in deferred work
    QString m_title;
    QString m_podcastTitle;
    QString m_author;
    QUrl m_artworkUrl;
    QUrl m_url;
    QList<qint64> m_history; // episodes played before the current one this session, oldest first
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
    bool m_trimSilence = false;
    bool m_voiceBoost = false;
    qint64 m_silenceBackendMs = 0; // the backend's count for the current source, as last seen
    qint64 m_silenceEpisodeMs = 0;
    qint64 m_silencePodcastMs = 0;
    qint64 m_silenceTotalMs = 0;
    qint64 m_silenceUnsavedMs = 0; // counted but not yet written to the library
};

} // namespace sidecast
