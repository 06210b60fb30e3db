#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace sidecast {

// Downloads feed documents (http, https, file) without blocking: every failure comes back as an
// Error whose message a listener can read.
class FeedFetcher : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        QUrl requestedUrl;
        QUrl finalUrl; // after redirects
        int httpStatus = 0;
        QString contentType;
        QByteArray body;
        Error error;
        bool ok() const { return !error.isError(); }
    };
    using Callback = std::function<void(const Result &)>;

    explicit FeedFetcher(QObject *parent = nullptr);
    ~FeedFetcher() override;

    // Aborts a transfer that goes quiet for this long.
    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    // Bodies larger than this are refused.
    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }

    // Starts fetching `url`; `done` runs later on this object's thread, exactly once, unless
    // `context` is destroyed first.
    void fetch(const QUrl &url, QObject *context, Callback done);

    static QString userAgent();
    // A readable sentence for a failed reply (kept public for tests and other fetchers).
    static Error describeFailure(QNetworkReply *reply, const QUrl &url);

private:
    QNetworkAccessManager *m_nam;
    int m_transferTimeoutMs = 30000;
    qint64 m_maxBytes = qint64(64) * 1024 * 1024;
};

} // namespace sidecast
