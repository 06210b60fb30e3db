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
        int updated = 0;
        Error error;
        bool ok() const { return !error.isError(); }
    };
    // Subscribes to a parsed feed. Refuses (kind Duplicate) a feed URL already in the library.
    // All or nothing: a failure leaves the library as it was.
    MergeResult addPodcast(const Feed &feed);
    // Brings a stored podcast up to date with a freshly parsed feed: new episodes are added, known
    // ones (same identity) updated; listening state is never touched. One transaction.
    MergeResult mergeFeed(qint64 podcastId, const Feed &feed);
    bool removePodcast(qint64 id);

    // Episodes of one podcast, newest first, without their notes (see episode()).
    QList<Episode> episodes(qint64 podcastId, int limit = -1, int offset = 0) const;
    // One episode, complete with its notes.
    std::optional<Episode> episode(qint64 id) const;
    std::optional<qint64> episodeIdForEnclosureUrl(const QUrl &url) const;

    // The Up Next queue, in play order. setQueue replaces it in one transaction; ids that are
    // not episodes are dropped.
    QList<qint64> queue() const;
    bool setQueue(const QList<qint64> &episodeIds);

    // A podcast's own playback speed, or nullopt when it follows the global default.
    std::optional<double> podcastPlaybackRate(qint64 podcastId) const;
    bool setPodcastPlaybackRate(qint64 podcastId, std::optional<double> rate);

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

    // Small persistent key/value settings that belong with the library (not with the machine).
    QString setting(const QString &key, const QString &fallback = {}) const;
    bool setSetting(const QString &key, const QString &value);

    // The error log shown in the UI and by `sidecast-cli errors`.
    bool logError(const Error &error, qint64 podcastId = 0);
    QList<Error> recentErrors(int limit = 100) const;

    Error lastError() const { return m_lastError; }

Q_SIGNALS:
    void podcastsChanged();
    void episodesChanged(qint64 podcastId);
    void episodeStateChanged(qint64 episodeId, qint64 positionMs, bool played);
    void queueChanged();

private:
    QSqlDatabase db() const;
    bool exec(QSqlQuery &query) const;
    bool migrate(Error *error);
    bool writeFeed(qint64 podcastId, const Feed &feed, MergeResult &result);
    void setStorageError(const QString &message) const;

    QString m_connectionName;
    QString m_directory;
    mutable Error m_lastError;
};

} // namespace sidecast
