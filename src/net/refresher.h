#pragma once

#include "core/error.h"
#include "credentialstore.h"
#include "feedfetcher.h"
#include "storage/library.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>

namespace sidecast {

class FeedFetcher;

// Brings the library's podcasts up to date. Fetching runs on this object's thread (it never
// blocks); hashing and parsing run on a thread pool; the merge of each feed runs on a writer
// thread with its own library connection, one transaction per feed. A 304 costs neither a parse
// nor a write, an unchanged body no merge. Moves (301/308, itunes:new-feed-url) update the stored
// address, 410 ends a podcast, 401/403 asks for credentials; every failure lands in the error log.
class Refresher : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(int done READ done NOTIFY progressChanged)
    Q_PROPERTY(int total READ total NOTIFY progressChanged)

public:
    // How one feed's refresh ended.
    struct FeedOutcome
    {
        enum class Kind
        {
            Changed,     // parsed and merged
            NotModified, // 304
            Unchanged,   // the same body as last time: no parse, no merge
            Failed,
        };
        qint64 podcastId = 0;
        QString title;
        QUrl url;
        Kind kind = Kind::Failed;
        int added = 0;
        int updated = 0;
        int removed = 0;
        QUrl movedTo;
        bool wrote = false; // the database was written
        Error error;
    };

    // One refresh run, from the first feed queued to the last one done.
    struct Summary
    {
        int feeds = 0;
        int changed = 0;
        int notModified = 0;
        int unchanged = 0;
        int failed = 0;
        int added = 0;
        int updated = 0;
        int removed = 0;
        int parsed = 0; // feeds handed to the parser
        int writes = 0; // feeds that wrote to the database
        qint64 elapsedMs = 0;
        QList<FeedOutcome> failures;
    };

    // Settings (library settings table) and their defaults.
    static QString maxPerHostKey() { return QStringLiteral("refresh.maxConnectionsPerHost"); }
    static QString maxTotalKey() { return QStringLiteral("refresh.maxConnections"); }
    static int defaultMaxPerHost() { return 6; }
    static int defaultMaxTotal() { return 16; }

    // `library` is the caller's (this thread's) connection: states are read and change signals
    // announced through it. `credentials` may be null (no feed then gets credentials).
    explicit Refresher(Library *library, CredentialStore *credentials = nullptr,
                       QObject *parent = nullptr);
    ~Refresher() override;

    FeedFetcher *fetcher() const { return m_fetcher; }
    CredentialStore *credentialStore() const { return m_credentials; }

    // Every podcast that has not ended. Podcasts already being refreshed are not queued twice.
    Q_INVOKABLE void refreshAll();
    // One podcast on demand, even an ended one.
    Q_INVOKABLE void refreshPodcast(qint64 podcastId);
    // Stores credentials for a podcast (in the credential store, never in the library) and
    // refreshes it with them.
    void setCredentials(qint64 podcastId, const Credentials &credentials);

    bool isRunning() const { return m_running; }
    int done() const { return m_done; }
    int total() const { return m_total; }
    Summary lastSummary() const { return m_summary; }

Q_SIGNALS:
    void runningChanged();
    void progressChanged();
    void feedFinished(const sidecast::Refresher::FeedOutcome &outcome);
    void finished(const sidecast::Refresher::Summary &summary);
    // A feed wants a user name and password: emitted the first time it says so, and whenever
    // the podcast is refreshed on demand, not on every scheduled refresh.
    void credentialsRequired(qint64 podcastId, const QString &title, const QUrl &url);
    void credentialsStored(qint64 podcastId, bool ok, const QString &error);

private:
    class Writer;
    struct Job
    {
        Library::RefreshState state;
        bool sentCredentials = false;
        bool onDemand = false; // asked for by the listener, not by a schedule
    };

    void enqueue(const Library::RefreshState &state, bool onDemand);
    void startFetch(qint64 podcastId, const Credentials &credentials);
    void onFetched(qint64 podcastId, const FeedFetcher::Result &result);
    void fail(const Job &job, Error error);
    void finishJob(FeedOutcome outcome);
    void announce();
    void applySettings();

    Library *m_library;
    CredentialStore *m_credentials;
    FeedFetcher *m_fetcher;
    QThread m_writerThread;
    Writer *m_writer = nullptr;
    QThreadPool m_pool;
    QHash<qint64, Job> m_jobs;
    QSet<qint64> m_changed; // announced in batches so the UI reloads a few times, not 1000
    QTimer m_announceTimer;
    QElapsedTimer m_clock;
    bool m_running = false;
    int m_done = 0;
    int m_total = 0;
    Summary m_summary;
};

} // namespace sidecast

Q_DECLARE_METATYPE(sidecast::Refresher::FeedOutcome)
Q_DECLARE_METATYPE(sidecast::Refresher::Summary)
