#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace sidecast {

// Downloads feed documents (http, https, file) without blocking, politely: conditional GET,
// gzip, at most a few connections per host and a few more in all, connect and total timeouts,
// retries with backoff for timeouts, dropped connections and 5xx answers. Redirects are followed
// here (not by Qt) so the caller learns whether a move was permanent. Every failure comes back
// as an Error whose message a listener can read.
class FeedFetcher : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QUrl url;
        QByteArray etag;         // sent as If-None-Match
        QByteArray lastModified; // sent as If-Modified-Since
        QString user;            // HTTP Basic, sent only to the feed's own host
        QString password;
    };

    struct Result
    {
        QUrl requestedUrl;
        QUrl finalUrl;     // after redirects
        QUrl permanentUrl; // where the leading 301/308 redirects point; empty when none
        int httpStatus = 0;
        QString contentType;
        QByteArray body; // decoded (gzip is undone on the way in)
        QByteArray etag; // validators of the answer (of the request when a 304 repeats none)
        QByteArray lastModified;
        bool notModified = false; // 304: the body is empty and the caller's copy is current
        int attempts = 0;
        Error error;
        bool ok() const { return !error.isError(); }
    };
    using Callback = std::function<void(const Result &)>;

    explicit FeedFetcher(QObject *parent = nullptr);
    ~FeedFetcher() override;

    // Aborts a transfer that goes quiet for this long.
    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    // Aborts an attempt whose answer has not begun (headers) after this long.
    void setConnectTimeout(int milliseconds) { m_connectTimeoutMs = milliseconds; }
    // Aborts an attempt that has not ended after this long.
    void setTotalTimeout(int milliseconds) { m_totalTimeoutMs = milliseconds; }
    // Attempts in all (1: no retry) and the wait before the first retry (doubled each time).
    void setRetries(int maxAttempts, int firstDelayMs);
    // Concurrent requests per host name and in all.
    void setLimits(int perHost, int total);
    int perHostLimit() const { return m_perHost; }
    int totalLimit() const { return m_total; }
    // Bodies larger than this are refused.
    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }

    // Starts fetching; `done` runs later on this object's thread, exactly once, unless `context`
    // is destroyed first (which also cancels the transfer).
    void fetch(const QUrl &url, QObject *context, Callback done);
    void fetch(const Request &request, QObject *context, Callback done);

    int activeCount() const { return m_active; }
    int waitingCount() const { return int(m_waiting.size()); }

    static QString userAgent();
    // The fingerprint of a body kept in the library to recognise an unchanged feed.
    static QByteArray bodyHash(const QByteArray &body);
    // A readable sentence for a failed reply (kept public for tests and other fetchers).
    static Error describeFailure(QNetworkReply *reply, const QUrl &url);

private:
    struct Transfer;
    using TransferPtr = std::shared_ptr<Transfer>;

    void pump();
    void start(const TransferPtr &transfer);
    void onFinished(const TransferPtr &transfer, QNetworkReply *reply);
    void retryLater(const TransferPtr &transfer, int minimumDelayMs);
    void complete(const TransferPtr &transfer, Result &result);

    QNetworkAccessManager *m_nam;
    std::deque<TransferPtr> m_waiting;
    QHash<QString, int> m_activePerHost;
    int m_active = 0;
    int m_perHost = 6;
    int m_total = 16;
    int m_transferTimeoutMs = 30000;
    int m_connectTimeoutMs = 20000;
    int m_totalTimeoutMs = 120000;
    int m_maxAttempts = 3;
    int m_firstRetryDelayMs = 2000;
    qint64 m_maxBytes = qint64(64) * 1024 * 1024;
};

} // namespace sidecast
