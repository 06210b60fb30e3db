#pragma once

#include "core/episode.h"
#include "core/error.h"
#include "core/feed.h"
#include "core/podcast.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

class QSqlDatabase;
class QSqlQuery;

namespace sidecast {

// The user's library: podcasts, episodes and listening state in one SQLite database
// (`sidecast.db` in the library folder). All SQL of the application lives in storage/.
// An instance owns one connection and must be used from the thread that opened it.
class Library : public QObject
{
    Q_OBJECT
public:
    explicit Library(QObject *parent = nullptr);
    ~Library() override;

    // The folder used when no --library is given: QStandardPaths::AppDataLocation.
    static QString defaultDirectory();
    static QString databaseFileName() { return QStringLiteral("sidecast.db"); }

    // Opens (creating when needed) the library in `directory` and migrates its schema.
    bool open(const QString &directory, Error *error = nullptr);
    bool isOpen() const;
    void close();
    QString directory() const { return m_directory; }
    int schemaVersion() const;

    // Podcasts, ordered by title.
    QList<Podcast> podcasts() const;
    std::optional<Podcast> podcast(qint64 id) const;
    std::optional<qint64> podcastIdForFeedUrl(const QUrl &feedUrl) const;

    struct MergeResult
    {
        qint64 podcastId = 0;
        int added = 0;
        int updated = 0;   // known episodes whose feed data changed
        int unchanged = 0; // known episodes the feed describes as before
        int removed = 0;   // gone from the feed and without listening state or download
        Error error;
        bool ok() const { return !error.isError(); }
    };

    // What a refresh learned about a feed besides its episodes.
    struct RefreshMark
    {
        QByteArray etag; // validators of the answer, for the next conditional GET
        QByteArray lastModified;
        QByteArray bodyHash; // of the decoded body
        QUrl movedTo;        // 301/308 or itunes:new-feed-url; empty when it stayed
        friend bool operator==(const RefreshMark &, const RefreshMark &) = default;
    };

    // A podcast as the refresher sees it.
    struct RefreshState
    {
        qint64 podcastId = 0;
        QUrl feedUrl;
        QString title;
        QByteArray etag;
        QByteArray lastModified;
        QByteArray bodyHash;
        bool ended = false;
        bool needsCredentials = false;
        bool hasCredentials = false;
        bool failing = false; // the last attempt failed: a success has state to clear
    };

    // One row of the error log.
    struct ErrorLogEntry
    {
        Error error;
        qint64 podcastId = 0; // 0 when the error belongs to no podcast (or it was removed)
        QString podcastTitle;
    };

    // Subscribes to a parsed feed. Refuses (kind Duplicate) a feed URL already in the library.
    // All or nothing: a failure leaves the library as it was.
    MergeResult addPodcast(const Feed &feed, const RefreshMark &mark = {});
    // Brings a stored podcast up to date with a freshly parsed feed, in one transaction.
    // An episode is recognised by its guid, then its enclosure URL, then its identity (link or
    // title), then its title and date: a feed that changes every guid or moves its media keeps
    // every episode's listening state. New episodes are added and changed ones updated; an
    // episode gone from the feed is removed unless it has listening state, a star, a download
    // or a place in the queue. Listening state is never written here.
    MergeResult mergeFeed(qint64 podcastId, const Feed &feed, const RefreshMark &mark = {});
    bool removePodcast(qint64 id);

    // Refresh bookkeeping (each call one transaction).
    QList<RefreshState> refreshStates(bool includeEnded = false) const;
    std::optional<RefreshState> refreshState(qint64 podcastId) const;
    // A refresh that found nothing new to merge (304, or the same body): stores the validators
    // and clears a previous failure.
    bool markRefreshed(qint64 podcastId, const RefreshMark &mark);
    // A failed refresh: the podcast's state (ended on 410, needing credentials on 401/403) and
    // an entry in the error log.
    bool markRefreshFailed(qint64 podcastId, const Error &error, bool ended, bool needsCredentials);
    bool setHasCredentials(qint64 podcastId, bool has);
    // Emits the change signals for podcasts another connection (the refresher's) has written.
    void announceChanges(const QList<qint64> &podcastIds);

    // Episodes of one podcast, newest first, without their notes (see episode()).
    QList<Episode> episodes(qint64 podcastId, int limit = -1, int offset = 0) const;
    // One episode, complete with its notes.
    std::optional<Episode> episode(qint64 id) const;
    std::optional<qint64> episodeIdForEnclosureUrl(const QUrl &url) const;
    // "All new episodes": neither played nor started, of every podcast, newest first.
    QList<Episode> newEpisodes(int limit = -1, int offset = 0) const;

    // The Up Next queue, in play order. setQueue replaces it in one transaction; ids that are
    // not episodes are dropped.
    QList<qint64> queue() const;
    bool setQueue(const QList<qint64> &episodeIds);

    // A podcast's own playback speed, or nullopt when it follows the global default.
    std::optional<double> podcastPlaybackRate(qint64 podcastId) const;
    bool setPodcastPlaybackRate(qint64 podcastId, std::optional<double> rate);

    // Audio effects chosen for a podcast (both off unless set).
    struct AudioEffects
    {
        bool trimSilence = false;
        bool voiceBoost = false;
    };
    AudioEffects podcastAudioEffects(qint64 podcastId) const;
    bool setPodcastTrimSilence(qint64 podcastId, bool on);
    bool setPodcastVoiceBoost(qint64 podcastId, bool on);

    // Media time cut out by silence trimming: per episode (added to as it is saved), and per
    // podcast (the sum over its episodes).
    qint64 episodeSilenceSavedMs(qint64 episodeId) const;
    qint64 podcastSilenceSavedMs(qint64 podcastId) const;
    bool addEpisodeSilenceSaved(qint64 episodeId, qint64 ms);
    // An episode's podcast:chapters document as it was downloaded (see net/ChapterFetcher).
    struct ChaptersDocument
    {
        QUrl url;
        QByteArray body;
        QDateTime fetchedAt;
    };
    std::optional<ChaptersDocument> chaptersDocument(qint64 episodeId) const;
    // Keeps one document per episode: a new one replaces the old.
    bool saveChaptersDocument(qint64 episodeId, const QUrl &url, const QByteArray &body,
                              const QDateTime &fetchedAt = QDateTime::currentDateTimeUtc());

    bool savePosition(qint64 episodeId, qint64 positionMs);
    bool setPlayed(qint64 episodeId, bool played);
    bool setStarred(qint64 episodeId, bool starred);
    bool setDownloadPath(qint64 episodeId, const QString &path);

    // Small persistent key/value settings that belong with the library (not with the machine).
    QString setting(const QString &key, const QString &fallback = {}) const;
    bool setSetting(const QString &key, const QString &value);

    // The error log shown in the UI and by `sidecast-cli errors`.
    bool logError(const Error &error, qint64 podcastId = 0);
    QList<Error> recentErrors(int limit = 100) const;
    QList<ErrorLogEntry> errorLog(int limit = 100) const;

    Error lastError() const { return m_lastError; }

Q_SIGNALS:
    void podcastsChanged();
    void episodesChanged(qint64 podcastId);
    void episodeStateChanged(qint64 episodeId, qint64 positionMs, bool played);
    // Only when the played mark itself was set or cleared (counts of unplayed episodes change).
    void playedChanged(qint64 episodeId, bool played);
    void queueChanged();

private:
    QSqlDatabase db() const;
    bool exec(QSqlQuery &query) const;
    bool migrate(Error *error);
    bool writeFeed(qint64 podcastId, const Feed &feed, bool isNew, MergeResult &result);
    bool writeMark(qint64 podcastId, const RefreshMark &mark);
    void setStorageError(const QString &message) const;

    QString m_connectionName;
    QString m_directory;
    mutable Error m_lastError;
};

} // namespace sidecast
