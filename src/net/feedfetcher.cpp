#include "feedfetcher.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

Q_LOGGING_CATEGORY(lcNet, "sidecast.net", QtWarningMsg)

namespace sidecast {

FeedFetcher::FeedFetcher(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

FeedFetcher::~FeedFetcher() = default;

QString FeedFetcher::userAgent()
{
    return QStringLiteral("Sidecast/%1 (podcast app)").arg(QCoreApplication::applicationVersion());
}

QByteArray FeedFetcher::bodyHash(const QByteArray &body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha1).toHex();
}

Error FeedFetcher::describeFailure(QNetworkReply *reply, const QUrl &url)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString host = url.host();
    const QString where = url.port() > 0 ? QStringLiteral("%1:%2").arg(host).arg(url.port()) : host;
    if (status >= 400) {
        QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().trimmed();
        const QString statusText = reason.isEmpty()
                                       ? QString::number(status)
                                       : QStringLiteral("%1 %2").arg(status).arg(reason);
        return Error::make(Error::Kind::Http, url,
                           QStringLiteral("The server answered “%1” for %2.")
                               .arg(statusText, url.toDisplayString()),
                           status);
    }
    QString message;
    switch (reply->error()) {
    case QNetworkReply::HostNotFoundError:
        message =
            QStringLiteral("Could not find the server “%1”. Check the address and your internet"
                           " connection.")
                .arg(host);
        break;
    case QNetworkReply::ConnectionRefusedError:
        message = QStringLiteral("The server %1 refused the connection.").arg(where);
        break;
    case QNetworkReply::RemoteHostClosedError:
        message = QStringLiteral("The server %1 closed the connection before sending the feed.")
                      .arg(where);
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        message = QStringLiteral("The server %1 did not answer in time.").arg(where);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        message = QStringLiteral("A secure connection to %1 could not be established: %2")
                      .arg(where, reply->errorString());
        break;
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::ProtocolInvalidOperationError:
        if (url.isLocalFile()) {
            message =
                QFileInfo(url.toLocalFile()).isDir()
                    ? QStringLiteral("%1 is a folder, not a feed file.").arg(url.toLocalFile())
                    : QStringLiteral("There is no file %1.").arg(url.toLocalFile());
            break;
        }
        Q_FALLTHROUGH();
    case QNetworkReply::ContentAccessDenied:
        if (url.isLocalFile()) {
            message = QStringLiteral("The file %1 cannot be read.").arg(url.toLocalFile());
            break;
        }
        Q_FALLTHROUGH();
    default:
        message = QStringLiteral("Could not download %1: %2")
                      .arg(url.toDisplayString(), reply->errorString());
        break;
    }
    return Error::make(Error::Kind::Network, url, message, status);
}

struct FeedFetcher::Transfer
{
    Request request;
    QPointer<QObject> context;
    Callback done;
    QMetaObject::Connection contextWatch;
    QUrl url; // the current hop
    int hops = 0;
    bool permanentSoFar = true;
    QUrl permanentUrl;
    int attempt = 1;
    QPointer<QNetworkReply> reply;
    QString hostKey;
    bool gotHeaders = false;
    bool timedOut = false;
    bool tooLarge = false;
    bool cancelled = false;
};

namespace {

constexpr int kMaxRedirects = 5;
constexpr int kMaxRetryAfterMs = 60000;

QString hostKeyOf(const QUrl &url)
{
    return url.host().toLower();
}

bool isRetryable(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // our own connect or total timeout
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return true;
    default:
        return false;
    }
}

} // namespace

void FeedFetcher::setRetries(int maxAttempts, int firstDelayMs)
{
    m_maxAttempts = qMax(1, maxAttempts);
    m_firstRetryDelayMs = qMax(0, firstDelayMs);
}

void FeedFetcher::setLimits(int perHost, int total)
{
    m_perHost = qBound(1, perHost, 64);
    m_total = qBound(1, total, 256);
    pump();
}

void FeedFetcher::fetch(const QUrl &url, QObject *context, Callback done)
{
    Request request;
    request.url = url;
    fetch(request, context, std::move(done));
}

void FeedFetcher::fetch(const Request &request, QObject *context, Callback done)
{
    Q_ASSERT(context);
    auto transfer = std::make_shared<Transfer>();
    transfer->request = request;
    transfer->context = context;
    transfer->done = std::move(done);
    transfer->url = request.url;
    std::weak_ptr<Transfer> weak = transfer;
    // A caller that goes away cancels its transfer; nothing leaks and nothing calls back.
    transfer->contextWatch = connect(context, &QObject::destroyed, this, [weak] {
        if (auto t = weak.lock()) {
            t->cancelled = true;
            if (t->reply)
                t->reply->abort();
        }
    });
    m_waiting.push_back(std::move(transfer));
    pump();
}

void FeedFetcher::pump()
{
    for (auto it = m_waiting.begin(); it != m_waiting.end() && m_active < m_total;) {
        const TransferPtr &t = *it;
        if (t->cancelled || !t->context) {
            it = m_waiting.erase(it);
            continue;
        }
        const QString key = hostKeyOf(t->url);
        if (m_activePerHost.value(key) >= m_perHost) {
            ++it; // that host is busy; a request to another one may go first
            continue;
        }
        TransferPtr next = t;
        it = m_waiting.erase(it);
        start(next);
        // start() does not touch the queue, so `it` stays valid.
    }
}

void FeedFetcher::start(const TransferPtr &t)
{
    t->hostKey = hostKeyOf(t->url);
    ++m_active;
    ++m_activePerHost[t->hostKey];
    t->gotHeaders = t->timedOut = t->tooLarge = false;

    QNetworkRequest request(t->url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept",
                         "application/rss+xml, application/atom+xml, application/xml;q=0.9,"
                         " text/xml;q=0.9, */*;q=0.5");
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!t->request.etag.isEmpty())
        request.setRawHeader("If-None-Match", t->request.etag);
    if (!t->request.lastModified.isEmpty())
        request.setRawHeader("If-Modified-Since", t->request.lastModified);
    // Credentials go to the feed's own host only, never to wherever it redirects.
    if (!t->request.user.isEmpty() && hostKeyOf(t->request.url) == t->hostKey &&
        t->request.url.scheme() == t->url.scheme()) {
        const QByteArray pair = t->request.user.toUtf8() + ':' + t->request.password.toUtf8();
        request.setRawHeader("Authorization", "Basic " + pair.toBase64());
    }

    qCDebug(lcNet) << "fetching" << t->url << "attempt" << t->attempt;
    QNetworkReply *reply = m_nam->get(request);
    t->reply = reply;
    const qint64 maxBytes = m_maxBytes;
    std::weak_ptr<Transfer> weak = t;
    connect(reply, &QNetworkReply::metaDataChanged, reply, [weak] {
        if (auto tt = weak.lock())
            tt->gotHeaders = true;
    });
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [weak, reply, maxBytes](qint64 received, qint64) {
                auto tt = weak.lock();
                if (tt && received > maxBytes && !tt->tooLarge) {
                    tt->tooLarge = true;
                    reply->abort();
                }
            });
    if (m_connectTimeoutMs > 0) {
        QTimer::singleShot(m_connectTimeoutMs, reply, [weak, reply] {
            auto tt = weak.lock();
            if (tt && !tt->gotHeaders && reply->isRunning()) {
                tt->timedOut = true;
                reply->abort();
            }
        });
    }
    if (m_totalTimeoutMs > 0) {
        QTimer::singleShot(m_totalTimeoutMs, reply, [weak, reply] {
            auto tt = weak.lock();
            if (tt && reply->isRunning()) {
                tt->timedOut = true;
                reply->abort();
            }
        });
    }
    connect(reply, &QNetworkReply::finished, this, [this, t, reply] { onFinished(t, reply); });
}

void FeedFetcher::onFinished(const TransferPtr &t, QNetworkReply *reply)
{
    reply->deleteLater();
    t->reply = nullptr;
    --m_active;
    if (--m_activePerHost[t->hostKey] <= 0)
        m_activePerHost.remove(t->hostKey);
    // Whatever happens next, the freed slot goes to someone else first.
    QMetaObject::invokeMethod(this, &FeedFetcher::pump, Qt::QueuedConnection);

    if (t->cancelled || !t->context) {
        disconnect(t->contextWatch);
        return;
    }

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QUrl url = t->request.url;
    Result result;
    result.requestedUrl = url;
    result.finalUrl = t->url;
    result.permanentUrl = t->permanentUrl;
    result.httpStatus = status;
    result.attempts = t->attempt;
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();

    if (t->tooLarge) {
        result.error =
            Error::make(Error::Kind::InvalidInput, url,
                        QStringLiteral("The feed at %1 is larger than %2 MiB; it was not read.")
                            .arg(url.toDisplayString())
                            .arg(m_maxBytes / (1024 * 1024)));
        complete(t, result);
        return;
    }

    if (!t->timedOut &&
        (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
        const QUrl location = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        const QUrl target = t->url.resolved(location);
        QString refusal;
        if (location.isEmpty() || !target.isValid())
            refusal = QStringLiteral("%1 redirects without saying where to.")
                          .arg(t->url.toDisplayString());
        else if (t->hops >= kMaxRedirects)
            refusal = QStringLiteral("%1 redirects too many times.").arg(url.toDisplayString());
        else if (t->url.scheme() == QLatin1String("https") &&
                 target.scheme() != QLatin1String("https"))
            refusal = QStringLiteral("%1 redirects from a secure address to an insecure one (%2).")
                          .arg(t->url.toDisplayString(), target.toDisplayString());
        else if (target.scheme() != QLatin1String("http") &&
                 target.scheme() != QLatin1String("https"))
            refusal = QStringLiteral("%1 redirects to an address that is not on the web (%2).")
                          .arg(t->url.toDisplayString(), target.toDisplayString());
        if (!refusal.isEmpty()) {
            result.error = Error::make(Error::Kind::Network, url, refusal, status);
            complete(t, result);
            return;
        }
        // Only an unbroken chain of permanent moves from the stored address is a new address.
        if (t->permanentSoFar && (status == 301 || status == 308))
            t->permanentUrl = target;
        else
            t->permanentSoFar = false;
        ++t->hops;
        t->url = target;
        m_waiting.push_front(t);
        return;
    }

    const QNetworkReply::NetworkError netError = reply->error();
    const bool failed =
        t->timedOut || (netError != QNetworkReply::NoError && status != 304) || status >= 400;
    if (failed) {
        const bool retryable =
            t->timedOut || status >= 500 || (status < 400 && isRetryable(netError));
        if (retryable && t->attempt < m_maxAttempts) {
            int retryAfterMs = 0;
            bool isNumber = false;
            const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&isNumber);
            if (isNumber && seconds > 0)
                retryAfterMs = qMin(seconds * 1000, kMaxRetryAfterMs);
            retryLater(t, retryAfterMs);
            return;
        }
        result.error = describeFailure(reply, url);
        if (t->timedOut && result.error.httpStatus == 0)
            result.error.message =
                QStringLiteral("The server %1 did not answer in time.")
                    .arg(t->url.port() > 0
                             ? QStringLiteral("%1:%2").arg(t->url.host()).arg(t->url.port())
                             : t->url.host());
        complete(t, result);
        return;
    }

    result.etag = reply->rawHeader("ETag");
    result.lastModified = reply->rawHeader("Last-Modified");
    if (status == 304) {
        result.notModified = true;
        if (result.etag.isEmpty())
            result.etag = t->request.etag;
        if (result.lastModified.isEmpty())
            result.lastModified = t->request.lastModified;
    } else {
        result.body = reply->readAll();
    }
    complete(t, result);
}

void FeedFetcher::retryLater(const TransferPtr &t, int minimumDelayMs)
{
    // Exponential backoff with a little jitter so many feeds on one host do not come back at
    // the same instant.
    const qint64 base = qint64(m_firstRetryDelayMs) << qMin(t->attempt - 1, 10);
    const qint64 jitter = base > 0 ? QRandomGenerator::global()->bounded(base / 4 + 1) : 0;
    const int delay = int(qMax<qint64>(minimumDelayMs, base + jitter));
    ++t->attempt;
    qCInfo(lcNet) << "retrying" << t->url << "in" << delay << "ms";
    QTimer::singleShot(delay, this, [this, t] {
        if (t->cancelled || !t->context)
            return;
        m_waiting.push_front(t);
        pump();
    });
}

void FeedFetcher::complete(const TransferPtr &t, Result &result)
{
    disconnect(t->contextWatch);
    if (result.error.isError())
        qCInfo(lcNet).noquote() << "fetch failed:" << result.error.message;
    Callback done = std::move(t->done);
    t->done = nullptr;
    if (done)
        done(result);
}

} // namespace sidecast
