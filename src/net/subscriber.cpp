#include "subscriber.h"

#include "core/feed/feedencoding.h"
#include "core/feed/feedparser.h"
#include "feedfetcher.h"
#include "storage/library.h"

#include <QDir>
#include <QFileInfo>

namespace sidecast {

Subscriber::Subscriber(Library *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_fetcher(new FeedFetcher(this))
{
    // Someone is waiting for the answer: one quick retry, not the refresher's patient backoff.
    m_fetcher->setRetries(2, 500);
}

QUrl Subscriber::normalizeInput(const QString &text, QString *why)
{
    auto refuse = [why](const QString &reason) {
        if (why)
            *why = reason;
        return QUrl();
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return refuse(QStringLiteral("Enter the address of a podcast feed."));
    // A path: absolute, or relative to the working folder when such a file exists (so
    // "feeds/show.xml" is that file, while "example.org/feed" is a server).
    if (!trimmed.contains(QLatin1String("://")) &&
        (QDir::isAbsolutePath(trimmed) || QFileInfo(trimmed).isFile()))
        return QUrl::fromLocalFile(QFileInfo(trimmed).absoluteFilePath());

    QUrl url = QUrl::fromUserInput(trimmed);
    if (!trimmed.contains(QLatin1String("://")) && url.scheme() == QLatin1String("http"))
        url.setScheme(QStringLiteral("https")); // fromUserInput guesses http; feeds today are https
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("feed") || scheme == QLatin1String("itpc") ||
        scheme == QLatin1String("pcast")) {
        // Podcast link schemes: feed://host/path and feed:https://host/path.
        const QString rest = trimmed.section(QLatin1Char(':'), 1);
        url = rest.startsWith(QLatin1String("//")) ? QUrl(QStringLiteral("https:") + rest)
                                                   : QUrl(rest);
    }
    if (!url.isValid())
        return refuse(QStringLiteral("“%1” is not a valid address.").arg(trimmed));
    const QString finalScheme = url.scheme().toLower();
    if (finalScheme != QLatin1String("http") && finalScheme != QLatin1String("https") &&
        finalScheme != QLatin1String("file"))
        return refuse(
            QStringLiteral("Sidecast reads feeds over http, https or from files, not “%1:”.")
                .arg(url.scheme()));
    if (finalScheme != QLatin1String("file") && url.host().isEmpty())
        return refuse(QStringLiteral("“%1” has no server name.").arg(trimmed));
    return url;
}

void Subscriber::subscribe(const QUrl &url)
{
    ++m_pending;
    Q_EMIT pendingChanged();
    if (m_library->podcastIdForFeedUrl(url)) {
        // Reported asynchronously like every other outcome, so callers see one code path.
        QMetaObject::invokeMethod(
            this,
            [this, url] {
                finish(Error::make(Error::Kind::Duplicate, url,
                                   QStringLiteral("You are already subscribed to %1.")
                                       .arg(url.toDisplayString())));
            },
            Qt::QueuedConnection);
        return;
    }
    m_fetcher->fetch(url, this, [this, url](const FeedFetcher::Result &fetched) {
        if (!fetched.ok()) {
            finish(fetched.error);
            return;
        }
        FeedParser::Options options;
        options.baseUrl = fetched.finalUrl;
        options.httpCharset = feedencoding::charsetFromContentType(fetched.contentType);
        FeedParser::Result parsed = FeedParser::parse(fetched.body, fetched.finalUrl, options);
        if (!parsed.ok()) {
            Error error = parsed.error;
            error.url = url;
            error.message = QStringLiteral("%1 is not a podcast feed: %2")
                                .arg(url.toDisplayString(), error.message);
            finish(error);
            return;
        }
        parsed.feed.podcast.feedUrl = url;
        // The validators of this answer make the first refresh a cheap 304 (or an unchanged body).
        Library::RefreshMark mark;
        mark.etag = fetched.etag;
        mark.lastModified = fetched.lastModified;
        mark.bodyHash = FeedFetcher::bodyHash(fetched.body);
        const Library::MergeResult stored = m_library->addPodcast(parsed.feed, mark);
        if (!stored.ok()) {
            finish(stored.error);
            return;
        }
        --m_pending;
        Q_EMIT pendingChanged();
        Q_EMIT subscribed(stored.podcastId, parsed.feed.podcast.title, stored.added);
    });
}

void Subscriber::finish(const Error &error)
{
    --m_pending;
    Q_EMIT pendingChanged();
    Q_EMIT failed(error);
}

} // namespace sidecast
