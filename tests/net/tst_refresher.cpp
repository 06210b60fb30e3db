// The refresher end to end against a local HTTP server: conditional GET, moves, ends, credentials,
// failures in the error log, connection limits, and the merge keeping listening state.

#include "net/credentialstore.h"
#include "net/feedfetcher.h"
#include "net/refresher.h"
#include "net/refreshscheduler.h"
#include "storage/library.h"
#include "support/httpserver.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;
using sidecast::test::HttpServer;
using namespace std::chrono_literals;

namespace {

// An RSS feed of `count` items; `generation` changes every guid (not the media).
QByteArray rss(const QString &title, int count, int generation = 0, const QByteArray &extra = {})
{
    QByteArray out =
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" "
        "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><title>" +
        title.toUtf8() + "</title>" + extra;
    for (int i = count - 1; i >= 0; --i) {
        out += "<item><title>Episode " + QByteArray::number(i) + "</title><guid>g" +
               QByteArray::number(generation) + "-" + QByteArray::number(i) + "</guid><pubDate>" +
               QDateTime(QDate(2024, 1, 1), QTime(6, 0), Qt::UTC)
                   .addDays(i)
                   .toString(Qt::RFC2822Date)
                   .toLatin1() +
               "</pubDate><enclosure url=\"https://media.example.org/" + title.toUtf8() + "/" +
               QByteArray::number(i) + ".mp3\" type=\"audio/mpeg\" length=\"1000\"/></item>";
    }
    return out + "</channel></rss>";
}

HttpServer::Response feedResponse(const QByteArray &body)
{
    HttpServer::Response r;
    r.body = body;
    r.addHeader("Content-Type", "application/rss+xml");
    return r;
}

// Serves `body` with an ETag and answers 304 to a matching If-None-Match.
HttpServer::Handler conditional(const QByteArray *body)
{
    return [body](const HttpServer::Request &request) {
        const QByteArray etag = '"' + QByteArray::number(qHash(*body)) + '"';
        HttpServer::Response r = feedResponse(*body);
        if (request.headers.value("if-none-match") == etag) {
            r.status = 304;
            r.body.clear();
        }
        r.addHeader("ETag", etag);
        return r;
    };
}

} // namespace

class TestRefresher : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<MemoryCredentialStore> m_credentials;
    std::unique_ptr<Refresher> m_refresher;

    qint64 subscribe(const QUrl &url, const QString &title = QStringLiteral("Show"))
    {
        Feed feed;
        feed.podcast.feedUrl = url;
        feed.podcast.title = title;
        return m_library->addPodcast(feed).podcastId;
    }

    Refresher::Summary run(const std::function<void()> &start = {})
    {
        QSignalSpy finished(m_refresher.get(), &Refresher::finished);
        if (start)
            start();
        else
            m_refresher->refreshAll();
        if (!finished.wait(30000) && finished.isEmpty())
            return {};
        return finished.first().first().value<Refresher::Summary>();
    }

    // Changes committed to the database file by any connection, as SQLite counts them.
    qint64 dataVersion()
    {
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("probe"));
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Refresher::Summary>();
        qRegisterMetaType<Refresher::FeedOutcome>();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_library = std::make_unique<Library>();
        QVERIFY(m_library->open(m_dir->path()));
        m_server = std::make_unique<HttpServer>();
        QVERIFY(m_server->listen());
        m_credentials = std::make_unique<MemoryCredentialStore>();
        m_refresher = std::make_unique<Refresher>(m_library.get(), m_credentials.get());
        m_refresher->fetcher()->setRetries(3, 10);
        QSqlDatabase probe =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        probe.setDatabaseName(m_dir->filePath(Library::databaseFileName()));
        QVERIFY(probe.open());
    }

    void cleanup()
    {
        QSqlDatabase::database(QStringLiteral("probe")).close();
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
        m_refresher.reset();
        m_credentials.reset();
        m_server.reset();
        m_library.reset();
    }

    void etagRoundTripAnd304CostsNothing()
    {
        const QByteArray body = rss(QStringLiteral("A"), 5);
        m_server->route("/a", conditional(&body));
        const qint64 id = subscribe(m_server->url(QStringLiteral("/a")));

        Refresher::Summary s = run();
        QCOMPARE(s.feeds, 1);
        QCOMPARE(s.changed, 1);
        QCOMPARE(s.added, 5);
        QCOMPARE(s.parsed, 1);
        QCOMPARE(m_library->episodes(id).size(), 5);
        QCOMPARE(m_library->podcast(id)->title, QStringLiteral("A"));
        QVERIFY(m_library->refreshState(id)->etag.startsWith('"'));
        QCOMPARE(m_refresher->done(), 1);
        QCOMPARE(m_refresher->total(), 1);

        const qint64 before = dataVersion();
        s = run();
        QCOMPARE(s.notModified, 1);
        QCOMPARE(s.parsed, 0);
        QCOMPARE(s.writes, 0);
        QCOMPARE(dataVersion(), before); // nothing was written
        QCOMPARE(m_server->requests().last().headers.value("if-none-match"),
                 m_library->refreshState(id)->etag);
    }

    void lastModifiedRoundTrip()
    {
        const QByteArray stamp = "Tue, 01 Apr 2025 10:00:00 GMT";
        const QByteArray body = rss(QStringLiteral("LM"), 2);
        m_server->route("/lm", [&](const HttpServer::Request &request) {
            HttpServer::Response r = feedResponse(body);
            if (request.headers.value("if-modified-since") == stamp) {
                r.status = 304;
                r.body.clear();
            }
            r.addHeader("Last-Modified", stamp);
            return r;
        });
        const qint64 id = subscribe(m_server->url(QStringLiteral("/lm")));
        QCOMPARE(run().changed, 1);
        QCOMPARE(m_library->refreshState(id)->lastModified, stamp);
        const Refresher::Summary s = run();
        QCOMPARE(s.notModified, 1);
        QCOMPARE(s.writes, 0);
    }

    void anUnchangedBodyIsNotParsed()
    {
        m_server->route("/plain", feedResponse(rss(QStringLiteral("P"), 3))); // no validators
        subscribe(m_server->url(QStringLiteral("/plain")));
        QCOMPARE(run().parsed, 1);
        const qint64 before = dataVersion();
        const Refresher::Summary s = run();
        QCOMPARE(s.unchanged, 1);
        QCOMPARE(s.parsed, 0);
        QCOMPARE(s.writes, 0);
        QCOMPARE(dataVersion(), before);
    }

    void gzip()
    {
        HttpServer::Response r = feedResponse(rss(QStringLiteral("Z"), 20));
        r.gzip = true;
        m_server->route("/z", r);
        const qint64 id = subscribe(m_server->url(QStringLiteral("/z")));
        QCOMPARE(run().changed, 1);
        QCOMPARE(m_library->episodes(id).size(), 20);
    }

    void redirects_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("moves");
        QTest::newRow("301") << 301 << true;
        QTest::newRow("308") << 308 << true;
        QTest::newRow("302") << 302 << false;
        QTest::newRow("307") << 307 << false;
    }

    void redirects()
    {
        QFETCH(int, status);
        QFETCH(bool, moves);
        m_server->route("/old", HttpServer::redirect(status, "/new"));
        m_server->route("/new", feedResponse(rss(QStringLiteral("R"), 2)));
        const QUrl old = m_server->url(QStringLiteral("/old"));
        const qint64 id = subscribe(old);
        QCOMPARE(run().changed, 1);
        QCOMPARE(m_library->podcast(id)->feedUrl,
                 moves ? m_server->url(QStringLiteral("/new")) : old);
        QCOMPARE(m_library->episodes(id).size(), 2);
        run();
        QCOMPARE(m_server->hits("/old"), moves ? 1 : 2);
    }

    void newFeedUrlMovesThePodcast()
    {
        m_server->route("/before",
                        feedResponse(rss(QStringLiteral("N"), 2, 0,
                                         "<itunes:new-feed-url>" +
                                             m_server->url(QStringLiteral("/after")).toEncoded() +
                                             "</itunes:new-feed-url>")));
        m_server->route("/after", feedResponse(rss(QStringLiteral("N"), 3)));
        const qint64 id = subscribe(m_server->url(QStringLiteral("/before")));
        QCOMPARE(run().changed, 1);
        QCOMPARE(m_library->podcast(id)->feedUrl, m_server->url(QStringLiteral("/after")));
        QCOMPARE(run().changed, 1);
        QCOMPARE(m_server->hits("/after"), 1);
        QCOMPARE(m_library->episodes(id).size(), 3);
    }

    void goneEndsThePodcast()
    {
        HttpServer::Response gone;
        gone.status = 410;
        m_server->route("/gone", gone);
        m_server->route("/alive", feedResponse(rss(QStringLiteral("Alive"), 1)));
        const qint64 id = subscribe(m_server->url(QStringLiteral("/gone")), QStringLiteral("Old"));
        subscribe(m_server->url(QStringLiteral("/alive")));
        Refresher::Summary s = run();
        QCOMPARE(s.failed, 1);
        QCOMPARE(s.changed, 1);
        QVERIFY(m_library->podcast(id)->ended);

        const QList<Library::ErrorLogEntry> log = m_library->errorLog();
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().podcastId, id);
        QCOMPARE(log.first().podcastTitle, QStringLiteral("Old"));
        QCOMPARE(log.first().error.httpStatus, 410);
        QCOMPARE(log.first().error.url, m_server->url(QStringLiteral("/gone")));
        QVERIFY(log.first().error.message.contains(QLatin1String("ended")));
        QVERIFY(log.first().error.when.isValid());

        s = run();
        QCOMPARE(s.feeds, 1); // the ended one is left alone
        QCOMPARE(m_server->hits("/gone"), 1);
    }

    void credentials_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("401") << 401;
        QTest::newRow("403") << 403;
    }

    void credentials()
    {
        QFETCH(int, status);
        const QString password = QStringLiteral("pa55-word-%1").arg(status);
        const QByteArray expected =
            "Basic " + QByteArray(QByteArray("ann:") + password.toUtf8()).toBase64();
        const QByteArray body = rss(QStringLiteral("Private"), 2);
        m_server->route("/private", [&](const HttpServer::Request &request) {
            if (request.headers.value("authorization") == expected)
                return feedResponse(body);
            HttpServer::Response r;
            r.status = status;
            r.addHeader("WWW-Authenticate", "Basic realm=\"members\"");
            return r;
        });
        const qint64 id = subscribe(m_server->url(QStringLiteral("/private")));
        QSignalSpy asked(m_refresher.get(), &Refresher::credentialsRequired);
        QCOMPARE(run().failed, 1);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.first().at(0).toLongLong(), id);
        QVERIFY(m_library->podcast(id)->needsCredentials);
        QCOMPARE(m_library->errorLog().first().error.httpStatus, status);
        // A scheduled refresh does not ask again; a refresh on demand does.
        QCOMPARE(run().failed, 1);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(run([&] { m_refresher->refreshPodcast(id); }).failed, 1);
        QCOMPARE(asked.count(), 2);

        const Refresher::Summary s = run([&] {
            m_refresher->setCredentials(id, Credentials{QStringLiteral("ann"), password});
        });
        QCOMPARE(s.changed, 1);
        QCOMPARE(m_credentials->size(), 1);
        QVERIFY(!m_library->podcast(id)->needsCredentials);
        QCOMPARE(m_library->episodes(id).size(), 2);
        // Later refreshes fetch the credentials again on their own.
        QCOMPARE(run().unchanged, 1);

        // The secret is nowhere in the library's files.
        m_library->close();
        for (const QString &name : QDir(m_dir->path()).entryList(QDir::Files)) {
            QFile f(m_dir->filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(password.toUtf8()), qPrintable(name));
        }
    }

    void failuresLandInTheErrorLog()
    {
        HttpServer::Response slow = feedResponse(rss(QStringLiteral("S"), 1));
        slow.delayMs = 3000;
        m_server->route("/slow", slow);
        HttpServer::Response dropped = feedResponse(rss(QStringLiteral("D"), 1));
        dropped.dropAfterBytes = 5;
        m_server->route("/drop", dropped);
        HttpServer::Response broken;
        broken.status = 500;
        m_server->route("/broken", broken);
        m_server->route("/html", feedResponse("<html><body>Moved to a new CMS</body></html>"));
        m_server->route("/ok", feedResponse(rss(QStringLiteral("OK"), 1)));
        for (const char *path : {"/slow", "/drop", "/broken", "/html", "/ok"})
            subscribe(m_server->url(QString::fromLatin1(path)), QString::fromLatin1(path + 1));
        m_refresher->fetcher()->setConnectTimeout(200);

        const Refresher::Summary s = run();
        QCOMPARE(s.feeds, 5);
        QCOMPARE(s.failed, 4);
        QCOMPARE(s.changed, 1);
        QCOMPARE(m_server->hits("/slow"), 3);
        QCOMPARE(m_server->hits("/drop"), 3);
        QCOMPARE(m_server->hits("/broken"), 3);
        const QList<Library::ErrorLogEntry> log = m_library->errorLog();
        QCOMPARE(log.size(), 4);
        QHash<QString, Library::ErrorLogEntry> byTitle;
        for (const Library::ErrorLogEntry &e : log)
            byTitle.insert(e.podcastTitle, e);
        QVERIFY(byTitle.value(QStringLiteral("slow"))
                    .error.message.contains(QLatin1String("did not answer in time")));
        QCOMPARE(byTitle.value(QStringLiteral("broken")).error.httpStatus, 500);
        QVERIFY(byTitle.value(QStringLiteral("html"))
                    .error.message.contains(QLatin1String("not a podcast feed")));
        QVERIFY(!byTitle.value(QStringLiteral("drop")).error.message.isEmpty());
        for (const Library::ErrorLogEntry &e : log)
            QVERIFY(e.error.url.isValid());
        QVERIFY(!m_library->podcast(byTitle.value(QStringLiteral("broken")).podcastId)
                     ->lastError.isEmpty());
    }

    void serverErrorThenSuccess()
    {
        int calls = 0;
        const QByteArray body = rss(QStringLiteral("Flaky"), 4);
        m_server->route("/flaky", [&](const HttpServer::Request &) {
            HttpServer::Response r = feedResponse(body);
            if (++calls == 1)
                r.status = 503;
            return r;
        });
        const qint64 id = subscribe(m_server->url(QStringLiteral("/flaky")));
        const Refresher::Summary s = run();
        QCOMPARE(s.changed, 1);
        QCOMPARE(calls, 2);
        QCOMPARE(m_library->episodes(id).size(), 4);
        QVERIFY(m_library->errorLog().isEmpty());
    }

    void perHostLimitFromSettings()
    {
        HttpServer::Response r = feedResponse(rss(QStringLiteral("L"), 1));
        r.delayMs = 100;
        for (int i = 0; i < 20; ++i) {
            const QByteArray path = "/f" + QByteArray::number(i);
            m_server->route(path, r);
            subscribe(m_server->url(QString::fromLatin1(path)));
        }
        QCOMPARE(run().changed, 20);
        QCOMPARE(m_server->maxOpenConnections(), Refresher::defaultMaxPerHost());

        QVERIFY(m_library->setSetting(Refresher::maxPerHostKey(), QStringLiteral("3")));
        m_server->resetConnectionCount();
        QCOMPARE(run().unchanged, 20);
        QCOMPARE(m_server->maxOpenConnections(), 3);
    }

    void guidsThatAllChangeKeepEveryPosition()
    {
        QByteArray body = rss(QStringLiteral("G"), 30, 1);
        m_server->route("/g", conditional(&body));
        const qint64 id = subscribe(m_server->url(QStringLiteral("/g")));
        QCOMPARE(run().added, 30);
        QHash<qint64, qint64> positions;
        for (const Episode &e : m_library->episodes(id)) {
            QVERIFY(m_library->savePosition(e.id, 1000 + e.id));
            positions.insert(e.id, 1000 + e.id);
        }
        const qint64 played = m_library->episodes(id).at(5).id;
        QVERIFY(m_library->setPlayed(played, true));
        positions.remove(played);

        body = rss(QStringLiteral("G"), 31, 2); // every guid changes, one episode is new
        const Refresher::Summary s = run();
        QCOMPARE(s.changed, 1);
        QCOMPARE(s.added, 1);
        QCOMPARE(m_library->episodes(id).size(), 31);
        for (auto it = positions.cbegin(); it != positions.cend(); ++it)
            QCOMPARE(m_library->episode(it.key())->positionMs, it.value());
        QVERIFY(m_library->episode(played)->played);
    }

    void progressAndAnnouncements()
    {
        for (int i = 0; i < 5; ++i) {
            const QByteArray path = "/p" + QByteArray::number(i);
            m_server->route(path, feedResponse(rss(QStringLiteral("P%1").arg(i), 2)));
            subscribe(m_server->url(QString::fromLatin1(path)));
        }
        QSignalSpy progress(m_refresher.get(), &Refresher::progressChanged);
        QSignalSpy running(m_refresher.get(), &Refresher::runningChanged);
        QSignalSpy changed(m_library.get(), &Library::episodesChanged);
        const Refresher::Summary s = run();
        QCOMPARE(s.changed, 5);
        QVERIFY(progress.count() >= 10); // queued, then done, for each feed
        QCOMPARE(running.count(), 2);
        QVERIFY(!m_refresher->isRunning());
        QCOMPARE(m_refresher->done(), 5);
        QCOMPARE(m_refresher->total(), 5);
        QCOMPARE(changed.count(), 5); // the UI's connection hears of the writer's changes
    }

    void onDemandAndWhileRunning()
    {
        const QByteArray body = rss(QStringLiteral("One"), 1);
        m_server->route("/one", conditional(&body));
        HttpServer::Response slow = feedResponse(rss(QStringLiteral("Two"), 1));
        slow.delayMs = 300;
        m_server->route("/two", slow);
        const qint64 one = subscribe(m_server->url(QStringLiteral("/one")));
        subscribe(m_server->url(QStringLiteral("/two")));
        const Refresher::Summary s = run([&] {
            m_refresher->refreshAll();
            m_refresher->refreshPodcast(one); // already queued: not twice
        });
        QCOMPARE(s.feeds, 2);
        QCOMPARE(m_server->hits("/one"), 1);
        QCOMPARE(run([&] { m_refresher->refreshPodcast(one); }).feeds, 1);
        QCOMPARE(m_server->hits("/two"), 1);
    }

    void schedule()
    {
        m_server->route("/s", feedResponse(rss(QStringLiteral("S"), 1)));
        subscribe(m_server->url(QStringLiteral("/s")));
        RefreshScheduler scheduler(m_library.get(), m_refresher.get());
        scheduler.setInterval(300ms);
        scheduler.setCheckPeriod(50ms);
        scheduler.start(); // on start, by default
        QVERIFY(QTest::qWaitFor([&] { return m_server->hits("/s") >= 3; }, 10000));
        scheduler.stop();

        QVERIFY(m_library->setSetting(RefreshScheduler::onStartKey(), QStringLiteral("false")));
        QVERIFY(m_library->setSetting(RefreshScheduler::intervalHoursKey(), QStringLiteral("0")));
        QTest::qWait(200);
        const int hits = m_server->hits("/s");
        RefreshScheduler quiet(m_library.get(), m_refresher.get());
        quiet.setCheckPeriod(20ms);
        quiet.start();
        QTest::qWait(300);
        QCOMPARE(m_server->hits("/s"), hits);
    }
};

QTEST_GUILESS_MAIN(TestRefresher)
#include "tst_refresher.moc"
