#include "refresher.h"

#include "core/feed/feedparser.h"
#include "feedfetcher.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRefresh, "sidecast.refresh", QtWarningMsg)

namespace sidecast {

// Owns the refresher's own library connection, on the writer thread.
class Refresher::Writer : public QObject
{
public:
    explicit Writer(const QString &directory)
        : m_directory(directory)
        , m_library(new Library(this))
    {}

    // Opened on first use, so on the writer thread.
    Library *library()
    {
        if (!m_library->isOpen()) {
            Error error;
            if (!m_library->open(m_directory, &error))
                qCWarning(lcRefresh).noquote()
                    << "the refresher cannot open the library:" << error.message;
        }
        return m_library;
    }

private:
    QString m_directory;
    Library *m_library;
};

namespace {

bool isWebUrl(const QUrl &url)
{
    return url.isValid() &&
           (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) &&
           !url.host().isEmpty();
}

} // namespace

Refresher::Refresher(Library *library, CredentialStore *credentials, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_credentials(credentials)
    , m_fetcher(new FeedFetcher(this))
{
    qRegisterMetaType<FeedOutcome>("sidecast::Refresher::FeedOutcome");
    qRegisterMetaType<Summary>("sidecast::Refresher::Summary");
    m_writer = new Writer(library->directory());
    m_writer->moveToThread(&m_writerThread);
    // The writer (and its connection) goes with its thread.
    connect(&m_writerThread, &QThread::finished, m_writer, &QObject::deleteLater);
    m_writerThread.setObjectName(QStringLiteral("sidecast-refresh-writer"));
    m_writerThread.start();
    m_pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
    m_announceTimer.setSingleShot(true);
    m_announceTimer.setInterval(400);
    connect(&m_announceTimer, &QTimer::timeout, this, &Refresher::announce);
}

Refresher::~Refresher()
{
    // Nothing may call into the writer once it is gone: first the parsers, then the writer.
    m_pool.waitForDone();
    m_writerThread.quit();
    m_writerThread.wait();
}

void Refresher::applySettings()
{
    const int perHost =
        m_library->setting(maxPerHostKey(), QString::number(defaultMaxPerHost())).toInt();
    const int total = m_library->setting(maxTotalKey(), QString::number(defaultMaxTotal())).toInt();
    m_fetcher->setLimits(perHost > 0 ? perHost : defaultMaxPerHost(),
                         total > 0 ? total : defaultMaxTotal());
}

void Refresher::refreshAll()
{
    applySettings();
    const QList<Library::RefreshState> states = m_library->refreshStates(false);
    if (states.isEmpty() && !m_running) {
        // Nothing to do is still a finished run, so callers have one code path.
        m_summary = Summary{};
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT finished(m_summary); }, Qt::QueuedConnection);
        return;
    }
    for (const Library::RefreshState &state : states)
        enqueue(state, false);
}

void Refresher::refreshPodcast(qint64 podcastId)
{
    if (!m_running)
        applySettings();
    if (auto state = m_library->refreshState(podcastId))
        enqueue(*state, true);
}

void Refresher::setCredentials(qint64 podcastId, const Credentials &credentials)
{
    if (!m_credentials) {
        Q_EMIT credentialsStored(podcastId, false,
                                 QStringLiteral("There is no place to keep passwords."));
        return;
    }
    const QString key = CredentialStore::keyFor(m_library->directory(), podcastId);
    m_credentials->write(key, credentials, this, [this, podcastId](bool ok, const QString &error) {
        if (ok) {
            m_library->setHasCredentials(podcastId, true);
            refreshPodcast(podcastId);
        }
        Q_EMIT credentialsStored(podcastId, ok, error);
    });
}

void Refresher::enqueue(const Library::RefreshState &state, bool onDemand)
{
    if (m_jobs.contains(state.podcastId))
        return;
    if (!m_running) {
        m_running = true;
        m_done = m_total = 0;
        m_summary = Summary{};
        m_clock.start();
        Q_EMIT runningChanged();
    }
    ++m_total;
    ++m_summary.feeds;
    m_jobs.insert(state.podcastId, Job{state, false, onDemand});
    Q_EMIT progressChanged();

    const qint64 id = state.podcastId;
    if (state.hasCredentials && m_credentials) {
        m_credentials->read(CredentialStore::keyFor(m_library->directory(), id), this,
                            [this, id](const std::optional<Credentials> &found) {
                                startFetch(id, found.value_or(Credentials{}));
                            });
        return;
    }
    startFetch(id, {});
}

void Refresher::startFetch(qint64 podcastId, const Credentials &credentials)
{
    auto it = m_jobs.find(podcastId);
    if (it == m_jobs.end())
        return;
    FeedFetcher::Request request;
    request.url = it->state.feedUrl;
    request.etag = it->state.etag;
    request.lastModified = it->state.lastModified;
    request.user = credentials.user;
    request.password = credentials.password;
    it->sentCredentials = !credentials.isEmpty();
    m_fetcher->fetch(request, this, [this, podcastId](const FeedFetcher::Result &result) {
        onFetched(podcastId, result);
    });
}

void Refresher::onFetched(qint64 podcastId, const FeedFetcher::Result &result)
{
    const auto it = m_jobs.constFind(podcastId);
    if (it == m_jobs.constEnd())
        return;
    const Job job = *it;
    const Library::RefreshState &state = job.state;

    if (!result.ok()) {
        fail(job, result.error);
        return;
    }

    Library::RefreshMark mark;
    mark.etag = result.etag;
    mark.lastModified = result.lastModified;
    mark.bodyHash = state.bodyHash;
    if (isWebUrl(result.permanentUrl) && result.permanentUrl != state.feedUrl)
        mark.movedTo = result.permanentUrl;

    // Nothing new to merge: write only what changed about the feed itself, if anything.
    auto settle = [this, state](Library::RefreshMark m, FeedOutcome::Kind kind) {
        FeedOutcome outcome;
        outcome.podcastId = state.podcastId;
        outcome.title = state.title;
        outcome.url = state.feedUrl;
        outcome.kind = kind;
        outcome.movedTo = m.movedTo;
        const bool needsWrite = m.etag != state.etag || m.lastModified != state.lastModified ||
                                m.bodyHash != state.bodyHash || !m.movedTo.isEmpty() ||
                                state.failing || state.needsCredentials;
        if (!needsWrite) {
            finishJob(outcome);
            return;
        }
        outcome.wrote = true;
        QMetaObject::invokeMethod(
            m_writer,
            [this, writer = m_writer, m, outcome] {
                writer->library()->markRefreshed(outcome.podcastId, m);
                QMetaObject::invokeMethod(
                    this, [this, outcome] { finishJob(outcome); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    };

    if (result.notModified) {
        settle(mark, FeedOutcome::Kind::NotModified);
        return;
    }

    // Hashing and parsing leave this thread; the merge goes to the writer.
    const QByteArray body = result.body;
    const QUrl finalUrl = result.finalUrl;
    Writer *writer = m_writer;
    m_pool.start([this, writer, body, finalUrl, mark, state, settle]() mutable {
        mark.bodyHash = FeedFetcher::bodyHash(body);
        if (mark.bodyHash == state.bodyHash) {
            QMetaObject::invokeMethod(
                this, [settle, mark] { settle(mark, FeedOutcome::Kind::Unchanged); },
                Qt::QueuedConnection);
            return;
        }
        FeedParser::Options options;
        options.baseUrl = finalUrl;
        FeedParser::Result parsed = FeedParser::parse(body, finalUrl, options);
        QMetaObject::invokeMethod(
            this, [this] { ++m_summary.parsed; }, Qt::QueuedConnection);
        if (!parsed.ok()) {
            Error error = parsed.error;
            error.url = state.feedUrl;
            error.message = QStringLiteral("%1 is not a podcast feed any more: %2")
                                .arg(state.feedUrl.toDisplayString(), parsed.error.message);
            Job failed{state, false, false};
            QMetaObject::invokeMethod(
                this, [this, failed, error] { fail(failed, error); }, Qt::QueuedConnection);
            return;
        }
        const QUrl announced = parsed.feed.podcast.newFeedUrl;
        if (isWebUrl(announced) && announced != state.feedUrl && announced != mark.movedTo) {
            // The validators belong to the old address.
            mark.movedTo = announced;
            mark.etag.clear();
            mark.lastModified.clear();
        }
        QMetaObject::invokeMethod(
            writer,
            [this, writer, feed = std::move(parsed.feed), mark, state] {
                const Library::MergeResult merged =
                    writer->library()->mergeFeed(state.podcastId, feed, mark);
                FeedOutcome outcome;
                outcome.podcastId = state.podcastId;
                outcome.title = feed.podcast.title.isEmpty() ? state.title : feed.podcast.title;
                outcome.url = state.feedUrl;
                outcome.kind = merged.ok() ? FeedOutcome::Kind::Changed : FeedOutcome::Kind::Failed;
                outcome.added = merged.added;
                outcome.updated = merged.updated;
                outcome.removed = merged.removed;
                outcome.movedTo = mark.movedTo;
                outcome.wrote = merged.ok();
                outcome.error = merged.error;
                if (!merged.ok())
                    writer->library()->logError(merged.error, state.podcastId);
                QMetaObject::invokeMethod(
                    this, [this, outcome] { finishJob(outcome); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    });
}

void Refresher::fail(const Job &job, Error error)
{
    const Library::RefreshState &state = job.state;
    const int status = error.httpStatus;
    const bool ended = status == 410;
    const bool needsCredentials = status == 401 || status == 403;
    const QString name = state.title.isEmpty() ? state.feedUrl.toDisplayString() : state.title;
    error.url = state.feedUrl;
    if (ended)
        error.message = QStringLiteral("“%1” has ended: the server says the feed is gone for good"
                                       " (410). It will not be refreshed any more.")
                            .arg(name);
    else if (needsCredentials)
        error.message =
            job.sentCredentials
                ? QStringLiteral("“%1” refused the user name and password (%2).")
                      .arg(name)
                      .arg(status)
                : QStringLiteral("“%1” needs a user name and password (%2).").arg(name).arg(status);

    FeedOutcome outcome;
    outcome.podcastId = state.podcastId;
    outcome.title = state.title;
    outcome.url = state.feedUrl;
    outcome.kind = FeedOutcome::Kind::Failed;
    outcome.error = error;
    outcome.wrote = true;
    if (needsCredentials && (job.onDemand || !state.needsCredentials))
        Q_EMIT credentialsRequired(state.podcastId, state.title, state.feedUrl);
    QMetaObject::invokeMethod(
        m_writer,
        [this, writer = m_writer, outcome, ended, needsCredentials] {
            writer->library()->markRefreshFailed(outcome.podcastId, outcome.error, ended,
                                                 needsCredentials);
            QMetaObject::invokeMethod(
                this, [this, outcome] { finishJob(outcome); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void Refresher::finishJob(FeedOutcome outcome)
{
    if (!m_jobs.remove(outcome.podcastId))
        return;
    ++m_done;
    switch (outcome.kind) {
    case FeedOutcome::Kind::Changed:
        ++m_summary.changed;
        break;
    case FeedOutcome::Kind::NotModified:
        ++m_summary.notModified;
        break;
    case FeedOutcome::Kind::Unchanged:
        ++m_summary.unchanged;
        break;
    case FeedOutcome::Kind::Failed:
        ++m_summary.failed;
        m_summary.failures.append(outcome);
        break;
    }
    m_summary.added += outcome.added;
    m_summary.updated += outcome.updated;
    m_summary.removed += outcome.removed;
    if (outcome.wrote) {
        ++m_summary.writes;
        m_changed.insert(outcome.podcastId);
        if (!m_announceTimer.isActive())
            m_announceTimer.start();
    }
    Q_EMIT feedFinished(outcome);
    Q_EMIT progressChanged();
    if (m_jobs.isEmpty()) {
        announce();
        m_running = false;
        m_summary.elapsedMs = m_clock.elapsed();
        Q_EMIT runningChanged();
        Q_EMIT finished(m_summary);
    }
}

void Refresher::announce()
{
    m_announceTimer.stop();
    if (m_changed.isEmpty())
        return;
    const QList<qint64> ids(m_changed.cbegin(), m_changed.cend());
    m_changed.clear();
    m_library->announceChanges(ids);
}

} // namespace sidecast
