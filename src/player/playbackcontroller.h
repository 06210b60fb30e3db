#pragma once

#include "mediabackend.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace sidecast {

class Library;

// The player's rules, over any MediaBackend: which episode plays, resuming where it was left,
// saving the position, skipping, marking an episode played at its end. No sound of its own, so it
// is tested with a fake backend.
class PlaybackController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(qint64 episodeId READ episodeId NOTIFY episodeChanged)
    Q_PROPERTY(QString title READ title NOTIFY episodeChanged)
    Q_PROPERTY(QString podcastTitle READ podcastTitle NOTIFY episodeChanged)
    Q_PROPERTY(QUrl artworkUrl READ artworkUrl NOTIFY episodeChanged)
    Q_PROPERTY(bool hasEpisode READ hasEpisode NOTIFY episodeChanged)
    Q_PROPERTY(bool playing READ isPlaying NOTIFY playingChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    Q_PROPERTY(qint64 position READ position NOTIFY positionChanged)
    Q_PROPERTY(qint64 duration READ duration NOTIFY durationChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    Q_PROPERTY(double rate READ rate WRITE setRate NOTIFY rateChanged)
    Q_PROPERTY(int skipBackSeconds READ skipBackSeconds WRITE setSkipBackSeconds NOTIFY skipIntervalsChanged)
    Q_PROPERTY(int skipForwardSeconds READ skipForwardSeconds WRITE setSkipForwardSeconds NOTIFY
                   skipIntervalsChanged)

public:
    PlaybackController(MediaBackend *backend, Library *library, QObject *parent = nullptr);
    ~PlaybackController() override;

    static constexpr int kSaveIntervalMs = 5000;

    MediaBackend *backend() const { return m_backend; }

    qint64 episodeId() const { return m_episodeId; }
    QString title() const { return m_title; }
    QString podcastTitle() const { return m_podcastTitle; }
    QUrl artworkUrl() const { return m_artworkUrl; }
    bool hasEpisode() const { return m_episodeId > 0; }
    bool isPlaying() const;
    bool isLoading() const;
    // While a restored position waits for the media to be ready, this is that position.
    qint64 position() const;
    qint64 duration() const;
    QString errorString() const { return m_errorString; }
    double rate() const { return m_rate; }
    void setRate(double rate);
    int skipBackSeconds() const { return m_skipBackSeconds; }
    void setSkipBackSeconds(int seconds);
    int skipForwardSeconds() const { return m_skipForwardSeconds; }
    void setSkipForwardSeconds(int seconds);

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
    void skipIntervalsChanged();
    void episodeFinished(qint64 episodeId);

private:
    void onStatusChanged(MediaBackend::Status status);
    void onError(const QString &message);
    void applyPendingSeek();
    void setErrorString(const QString &message);
    qint64 clampToDuration(qint64 ms) const;

    QPointer<MediaBackend> m_backend;
    Library *m_library;
    QTimer m_saveTimer;

    qint64 m_episodeId = 0;
    QString m_title;
    QString m_podcastTitle;
    QUrl m_artworkUrl;
    qint64 m_knownDurationMs = 0; // from the feed, until the media says better
    qint64 m_pendingSeekMs = -1;  // a restored or early seek waiting for the media to be ready
    bool m_wantPlay = false;
    QString m_errorString;
    double m_rate = 1.0;
    int m_skipBackSeconds = 10;
    int m_skipForwardSeconds = 30;
};

} // namespace sidecast
