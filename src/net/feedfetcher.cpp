#include "feedfetcher.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

Q_LOGGING_CATEGORY(lcNet, "sidecast.net", QtWarningMsg)

namespace sidecast {

FeedFetcher::FeedFetcher(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

FeedFetcher::~FeedFetcher() = default;

QString FeedFetcher::userAgent()
{
    return QStringLiteral("Sidecast/%1 (podcast app)").arg(QCoreApplication::applicationVersion());
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

void FeedFetcher::fetch(const QUrl &url, QObject *context, Callback done)
{
    Q_ASSERT(context);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept",
                         "application/rss+xml, application/atom+xml, application/xml;q=0.9,"
                         " text/xml;q=0.9, */*;q=0.5");
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    qCDebug(lcNet) << "fetching" << url;
    QNetworkReply *reply = m_nam->get(request);
    const qint64 maxBytes = m_maxBytes;
    auto tooLarge = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [reply, maxBytes, tooLarge](qint64 received, qint64) {
                if (received > maxBytes && !*tooLarge) {
                    *tooLarge = true;
                    reply->abort();
                }
            });
    connect(reply, &QNetworkReply::finished, context,
            [reply, url, maxBytes, tooLarge, done = std::move(done)] {
                reply->deleteLater();
                Result result;
                result.requestedUrl = url;
                result.finalUrl = reply->url();
                result.httpStatus =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
                if (*tooLarge) {
                    result.error = Error::make(
                        Error::Kind::InvalidInput, url,
                        QStringLiteral("The feed at %1 is larger than %2 MiB; it was not read.")
                            .arg(url.toDisplayString())
                            .arg(maxBytes / (1024 * 1024)));
                } else if (reply->error() != QNetworkReply::NoError || result.httpStatus >= 400) {
                    result.error = describeFailure(reply, url);
                } else {
                    result.body = reply->readAll();
                }
                if (result.error.isError())
                    qCInfo(lcNet).noquote() << "fetch failed:" << result.error.message;
                done(result);
            });
    // The reply is owned by the access manager; a caller that goes away does not leak it.
    connect(context, &QObject::destroyed, reply, [reply] { reply->abort(); });
}

} // namespace sidecast
