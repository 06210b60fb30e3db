#include "chapterfetcher.h"

#include "core/chapters/jsonchapters.h"
#include "feedfetcher.h"
#include "storage/library.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

Q_DECLARE_LOGGING_CATEGORY(lcNet)

namespace sidecast {

ChapterFetcher::ChapterFetcher(Library *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_nam(new QNetworkAccessManager(this))
{
    Q_ASSERT(library);
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

ChapterFetcher::~ChapterFetcher() = default;

std::optional<ChapterFetcher::Result> ChapterFetcher::cached(qint64 episodeId,
                                                             const QUrl &url) const
{
    const std::optional<Library::ChaptersDocument> doc = m_library->chaptersDocument(episodeId);
    if (!doc || doc->url != url)
        return std::nullopt;
    JsonChapters::Result parsed = JsonChapters::parse(doc->body, url);
    if (!parsed.ok())
        return std::nullopt;
    Result r;
    r.episodeId = episodeId;
    r.url = url;
    r.chapters = std::move(parsed.chapters);
    r.fromCache = true;
    return r;
}

void ChapterFetcher::fetch(qint64 episodeId, const QUrl &url, QObject *context, Callback done)
{
    Q_ASSERT(context);
    if (std::optional<Result> hit = cached(episodeId, url)) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done), r = std::move(*hit)] { done(r); },
            Qt::QueuedConnection);
        return;
    }
    const bool downloading = m_pending.contains(episodeId);
    m_pending[episodeId].append({context, std::move(done)});
    if (downloading)
        return;

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, FeedFetcher::userAgent());
    request.setRawHeader("Accept", "application/json+chapters, application/json;q=0.9, */*;q=0.5");
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    qCDebug(lcNet) << "fetching chapters" << url;
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
    connect(reply, &QNetworkReply::finished, this,
            [this, episodeId, reply, tooLarge] { finish(episodeId, reply, *tooLarge); });
}

void ChapterFetcher::finish(qint64 episodeId, QNetworkReply *reply, bool tooLarge)
{
    reply->deleteLater();
    Result r;
    r.episodeId = episodeId;
    r.url = reply->request().url();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (tooLarge) {
        r.error = Error::make(Error::Kind::InvalidInput, r.url,
                              QStringLiteral("The chapters file at %1 is larger than %2 MiB; it "
                                             "was not read.")
                                  .arg(r.url.toDisplayString())
                                  .arg(m_maxBytes / (1024 * 1024)));
    } else if (reply->error() != QNetworkReply::NoError || status >= 400) {
        r.error = FeedFetcher::describeFailure(reply, r.url);
    } else {
        const QByteArray body = reply->readAll();
        JsonChapters::Result parsed = JsonChapters::parse(body, r.url);
        if (parsed.ok()) {
            r.chapters = std::move(parsed.chapters);
            m_library->saveChaptersDocument(episodeId, r.url, body);
        } else {
            r.error = Error::make(
                Error::Kind::InvalidInput, r.url,
                QStringLiteral("%1 It came from %2.").arg(parsed.error, r.url.toDisplayString()),
                status);
        }
    }
    if (r.error.isError())
        qCInfo(lcNet).noquote() << "chapters fetch failed:" << r.error.message;

    const QList<Waiter> waiters = m_pending.take(episodeId);
    for (const Waiter &w : waiters) {
        if (w.context)
            w.done(r);
    }
}

} // namespace sidecast
