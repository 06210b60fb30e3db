#pragma once

#include "core/chapter.h"
#include "core/error.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace sidecast {

class Library;

// An episode's podcast:chapters JSON, downloaded once and kept in the library: later requests, in
// this run or the next, are answered from there without the network (until the feed names
// another URL). Only a document that reads as chapters is kept; after a failure (network, HTTP
// error, not JSON) nothing is stored, so a later request tries again.
class ChapterFetcher : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        qint64 episodeId = 0;
        QUrl url;
        QList<Chapter> chapters; // empty on failure, and for a document that lists none
        Error error;
        bool fromCache = false;
        bool ok() const { return !error.isError(); }
    };
    using Callback = std::function<void(const Result &)>;

    static constexpr qint64 kDefaultMaxBytes = qint64(4) * 1024 * 1024;

    explicit ChapterFetcher(Library *library, QObject *parent = nullptr);
    ~ChapterFetcher() override;

    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }

    // The episode's chapters from the library when they were fetched from `url` before (and still
    // read); nullopt when they must be downloaded.
    std::optional<Result> cached(qint64 episodeId, const QUrl &url) const;
    // cached() when it has them, else downloads `url`. `done` runs later on this object's thread,
    // exactly once, unless `context` is destroyed first. Requests for an episode whose document
    // is already downloading share that download.
    void fetch(qint64 episodeId, const QUrl &url, QObject *context, Callback done);
    bool isFetching(qint64 episodeId) const { return m_pending.contains(episodeId); }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };
    void finish(qint64 episodeId, QNetworkReply *reply, bool tooLarge);

    Library *m_library;
    QNetworkAccessManager *m_nam;
    QHash<qint64, QList<Waiter>> m_pending;
    int m_transferTimeoutMs = 30000;
    qint64 m_maxBytes = kDefaultMaxBytes;
};

} // namespace sidecast
