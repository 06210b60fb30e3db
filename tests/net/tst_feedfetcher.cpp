// FeedFetcher against a real HTTP server on loopback addresses: conditional GET, gzip, each
// redirect kind, timeouts, dropped connections, retries and the connection limits.

#include "net/feedfetcher.h"
#include "support/httpserver.h"

#include <QtTest>

using namespace sidecast;
using sidecast::test::HttpServer;

namespace {

const QByteArray kFeed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
                         "<item><guid>1</guid><title>One</title></item></channel></rss>";

HttpServer::Response feed(const QByteArray &body = kFeed)
{
    HttpServer::Response r;
    r.body = body;
    r.addHeader("Content-Type", "application/rss+xml");
    return r;
}

} // namespace

class TestFeedFetcher : public QObject
{
    Q_OBJECT

private:
    FeedFetcher::Result fetch(FeedFetcher &fetcher, const FeedFetcher::Request &request)
    {
        FeedFetcher::Result result;
        bool done = false;
        int calls = 0;
        fetcher.fetch(request, this, [&](const FeedFetcher::Result &r) {
            result = r;
            done = true;
            ++calls;
        });
        if (!QTest::qWaitFor([&] { return done; }, 20000))
            result.error = Error::make(Error::Kind::Network, {}, QStringLiteral("test timeout"));
        QTest::qWait(20);
        if (calls != 1)
            result.error = Error::make(Error::Kind::Network, {}, QStringLiteral("called twice"));
        return result;
    }

    FeedFetcher::Result fetch(FeedFetcher &fetcher, const QUrl &url)
    {
        FeedFetcher::Request request;
        request.url = url;
        return fetch(fetcher, request);
    }

    // Short delays so retries do not slow the suite down.
    static void quick(FeedFetcher &fetcher) { fetcher.setRetries(3, 10); }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<HttpServer>();
        QVERIFY(m_server->listen());
    }

    void etagRoundTrip()
    {
        m_server->route("/f", [](const HttpServer::Request &request) {
            if (request.headers.value("if-none-match") == "\"v1\"") {
                HttpServer::Response r;
                r.status = 304;
                return r;
            }
            HttpServer::Response r = feed();
            r.addHeader("ETag", "\"v1\"");
            return r;
        });
        FeedFetcher fetcher;
        const FeedFetcher::Result first = fetch(fetcher, m_server->url(QStringLiteral("/f")));
        QVERIFY2(first.ok(), qPrintable(first.error.message));
        QCOMPARE(first.etag, QByteArray("\"v1\""));
        QCOMPARE(first.body, kFeed);
        QVERIFY(!first.notModified);
        QVERIFY(!m_server->requests().first().headers.contains("if-none-match"));

        FeedFetcher::Request again;
        again.url = m_server->url(QStringLiteral("/f"));
        again.etag = first.etag;
        const FeedFetcher::Result second = fetch(fetcher, again);
        QVERIFY2(second.ok(), qPrintable(second.error.message));
        QVERIFY(second.notModified);
        QCOMPARE(second.httpStatus, 304);
        QVERIFY(second.body.isEmpty());
        QCOMPARE(second.etag, QByteArray("\"v1\"")); // kept when the 304 does not repeat it
    }

    void lastModifiedRoundTrip()
    {
        const QByteArray stamp = "Tue, 01 Apr 2025 10:00:00 GMT";
        m_server->route("/f", [stamp](const HttpServer::Request &request) {
            HttpServer::Response r = feed();
            if (request.headers.value("if-modified-since") == stamp)
                r = HttpServer::Response{304, {}, {}, {}, 0, false, -1, false};
            r.addHeader("Last-Modified", stamp);
            return r;
        });
        FeedFetcher fetcher;
        const FeedFetcher::Result first = fetch(fetcher, m_server->url(QStringLiteral("/f")));
        QCOMPARE(first.lastModified, stamp);
        QVERIFY(first.etag.isEmpty());
        FeedFetcher::Request again;
        again.url = first.requestedUrl;
        again.lastModified = first.lastModified;
        const FeedFetcher::Result second = fetch(fetcher, again);
        QVERIFY(second.notModified);
        QCOMPARE(m_server->requests().last().headers.value("if-modified-since"), stamp);
    }

    void gzip()
    {
        HttpServer::Response r = feed(kFeed + QByteArray(4000, ' '));
        r.gzip = true;
        m_server->route("/gz", r);
        FeedFetcher fetcher;
        const FeedFetcher::Result result = fetch(fetcher, m_server->url(QStringLiteral("/gz")));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY(m_server->requests().first().headers.value("accept-encoding").contains("gzip"));
        QCOMPARE(result.body, kFeed + QByteArray(4000, ' ')); // decoded on the way in
        QVERIFY(HttpServer::gzip(r.body).size() < 1000);
    }

    void redirects_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("permanent");
        QTest::newRow("301") << 301 << true;
        QTest::newRow("308") << 308 << true;
        QTest::newRow("302") << 302 << false;
        QTest::newRow("307") << 307 << false;
    }

    void redirects()
    {
        QFETCH(int, status);
        QFETCH(bool, permanent);
        m_server->route("/old", HttpServer::redirect(status, "/new"));
        m_server->route("/new", feed());
        FeedFetcher fetcher;
        const FeedFetcher::Result result = fetch(fetcher, m_server->url(QStringLiteral("/old")));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.body, kFeed);
        QCOMPARE(result.finalUrl, m_server->url(QStringLiteral("/new")));
        QCOMPARE(result.permanentUrl, permanent ? m_server->url(QStringLiteral("/new")) : QUrl());
    }

    void permanentThenTemporaryKeepsThePermanentPart()
    {
        m_server->route("/a", HttpServer::redirect(301, "/b"));
        m_server->route("/b", HttpServer::redirect(302, "/c"));
        m_server->route("/c", HttpServer::redirect(301, "/d"));
        m_server->route("/d", feed());
        FeedFetcher fetcher;
        const FeedFetcher::Result result = fetch(fetcher, m_server->url(QStringLiteral("/a")));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.permanentUrl, m_server->url(QStringLiteral("/b")));
        QCOMPARE(result.finalUrl, m_server->url(QStringLiteral("/d")));
    }

    void redirectLoopIsAnError()
    {
        m_server->route("/loop", HttpServer::redirect(302, "/loop"));
        FeedFetcher fetcher;
        const FeedFetcher::Result result = fetch(fetcher, m_server->url(QStringLiteral("/loop")));
        QVERIFY(!result.ok());
        QVERIFY2(result.error.message.contains(QLatin1String("too many")),
                 qPrintable(result.error.message));
    }

    void goneAndUnauthorized_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("401") << 401;
        QTest::newRow("403") << 403;
        QTest::newRow("410") << 410;
        QTest::newRow("404") << 404;
    }

    void goneAndUnauthorized()
    {
        QFETCH(int, status);
        HttpServer::Response r;
        r.status = status;
        m_server->route("/f", r);
        FeedFetcher fetcher;
        quick(fetcher);
        const FeedFetcher::Result result = fetch(fetcher, m_server->url(QStringLiteral("/f")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error.kind, Error::Kind::Http);
        QCOMPARE(result.error.httpStatus, status);
        QCOMPARE(result.attempts, 1); // a 4xx is not retried
        QCOMPARE(m_server->hits("/f"), 1);
    }

    void basicCredentials()
    {
        m_server->route("/private", [](const HttpServer::Request &request) {
            if (request.headers.value("authorization") ==
                "Basic " + QByteArray("ann:s3cret").toBase64())
                return feed();
            HttpServer::Response r;
            r.status = 401;
            r.addHeader("WWW-Authenticate", "Basic realm=\"feed\"");
            return r;
        });
        FeedFetcher fetcher;
        FeedFetcher::Request request;
        request.url = m_server->url(QStringLiteral("/private"));
        QCOMPARE(fetch(fetcher, request).error.httpStatus, 401);
        request.user = QStringLiteral("ann");
        request.password = QStringLiteral("s3cret");
        const FeedFetcher::Result result = fetch(fetcher, request);
        QVERIFY2(result.ok(), qPrintable(result.error.message));
    }

    void credentialsStayOnTheirHost()
    {
        HttpServer other;
        QVERIFY(other.listen(QHostAddress(QStringLiteral("127.0.0.2"))));
        other.route("/f", feed());
        m_server->route("/f",
                        HttpServer::redirect(302, other.url(QStringLiteral("/f")).toEncoded()));
        FeedFetcher fetcher;
        FeedFetcher::Request request;
        request.url = m_server->url(QStringLiteral("/f"));
        request.user = QStringLiteral("ann");
        request.password = QStringLiteral("pw");
        QVERIFY(fetch(fetcher, request).ok());
        QVERIFY(m_server->requests().first().headers.contains("authorization"));
        QVERIFY(!other.requests().first().headers.contains("authorization"));
    }

    void timeoutIsRetriedThenReported()
    {
        HttpServer::Response r = feed();
        r.delayMs = 2000;
        m_server->route("/slow", r);
        FeedFetcher fetcher;
        quick(fetcher);
        fetcher.setConnectTimeout(150);
        const FeedFetcher::Result result = fetch(fetcher, m_server->url(QStringLiteral("/slow")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error.kind, Error::Kind::Network);
        QVERIFY2(result.error.message.contains(QLatin1String("did not answer in time")),
                 qPrintable(result.error.message));
        QCOMPARE(result.attempts, 3);
        QCOMPARE(m_server->hits("/slow"), 3);
    }

    void totalTimeout()
    {
        // Headers at once, then the body never ends: only the total timeout catches it.
        HttpServer::Response r = feed(kFeed + QByteArray(100000, ' '));
        r.addHeader("Content-Length", "999999999");
        m_server->route("/endless", r);
        FeedFetcher fetcher;
        fetcher.setRetries(1, 0);
        fetcher.setTotalTimeout(300);
        const FeedFetcher::Result result =
            fetch(fetcher, m_server->url(QStringLiteral("/endless")));
        QVERIFY(!result.ok());
    }

    void droppedConnectionIsRetried()
    {
        int calls = 0;
        m_server->route("/flaky", [&calls](const HttpServer::Request &) {
            HttpServer::Response r = feed();
            if (++calls == 1)
                r.dropAfterBytes = 10;
            return r;
        });
        m_server->route("/dead", [](const HttpServer::Request &) {
            HttpServer::Response r = feed();
            r.dropConnection = true;
            return r;
        });
        FeedFetcher fetcher;
        quick(fetcher);
        const FeedFetcher::Result ok = fetch(fetcher, m_server->url(QStringLiteral("/flaky")));
        QVERIFY2(ok.ok(), qPrintable(ok.error.message));
        QCOMPARE(ok.attempts, 2);
        QCOMPARE(ok.body, kFeed);
        const FeedFetcher::Result dead = fetch(fetcher, m_server->url(QStringLiteral("/dead")));
        QVERIFY(!dead.ok());
        QVERIFY(!dead.error.message.isEmpty());
        QCOMPARE(dead.attempts, 3);
    }

    void serverErrorsAreRetried()
    {
        int calls = 0;
        m_server->route("/busy", [&calls](const HttpServer::Request &) {
            HttpServer::Response r = feed();
            if (++calls < 3)
                r.status = calls == 1 ? 503 : 500;
            return r;
        });
        m_server->route("/broken", [](const HttpServer::Request &) {
            HttpServer::Response r;
            r.status = 502;
            return r;
        });
        FeedFetcher fetcher;
        quick(fetcher);
        const FeedFetcher::Result ok = fetch(fetcher, m_server->url(QStringLiteral("/busy")));
        QVERIFY2(ok.ok(), qPrintable(ok.error.message));
        QCOMPARE(ok.attempts, 3);
        const FeedFetcher::Result broken = fetch(fetcher, m_server->url(QStringLiteral("/broken")));
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error.httpStatus, 502);
        QCOMPARE(m_server->hits("/broken"), 3);
    }

    void perHostAndTotalLimits()
    {
        HttpServer second;
        QVERIFY(second.listen(QHostAddress(QStringLiteral("127.0.0.3"))));
        for (HttpServer *server : {m_server.get(), &second}) {
            HttpServer::Response r = feed();
            r.delayMs = 100;
            server->route("/f", r);
        }
        FeedFetcher fetcher;
        fetcher.setLimits(6, 16);
        int done = 0;
        for (int i = 0; i < 20; ++i) {
            fetcher.fetch(m_server->url(QStringLiteral("/f")), this,
                          [&done](const FeedFetcher::Result &r) { done += r.ok() ? 1 : 1000; });
        }
        QVERIFY(QTest::qWaitFor([&] { return done >= 20; }, 20000));
        QCOMPARE(done, 20);
        QCOMPARE(m_server->maxOpenConnections(), 6);

        // Two hosts, 4 in all: never more than 4 open over both.
        fetcher.setLimits(6, 4);
        m_server->resetConnectionCount();
        second.resetConnectionCount();
        int maxTogether = 0;
        int maxActive = 0;
        done = 0;
        for (int i = 0; i < 10; ++i) {
            for (HttpServer *server : {m_server.get(), &second})
                fetcher.fetch(server->url(QStringLiteral("/f")), this,
                              [&done](const FeedFetcher::Result &r) { done += r.ok() ? 1 : 1000; });
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                maxTogether =
                    qMax(maxTogether, m_server->openConnections() + second.openConnections());
                maxActive = qMax(maxActive, fetcher.activeCount());
                return done >= 20;
            },
            20000));
        QCOMPARE(done, 20);
        QVERIFY(maxTogether <= 4);
        QVERIFY(maxActive <= 4);
        QVERIFY(m_server->maxOpenConnections() <= 4);
    }

    void aSlowHostDoesNotDelayTheOthers()
    {
        HttpServer fast;
        QVERIFY(fast.listen(QHostAddress(QStringLiteral("127.0.0.4"))));
        fast.route("/f", feed());
        HttpServer::Response slow = feed();
        slow.delayMs = 1500;
        m_server->route("/f", slow); // the slow host, asked first
        FeedFetcher fetcher;
        fetcher.setLimits(2, 4);
        QStringList order;
        for (int i = 0; i < 6; ++i)
            fetcher.fetch(
                m_server->url(QStringLiteral("/f")), this,
                [&order](const FeedFetcher::Result &) { order << QStringLiteral("slow"); });
        for (int i = 0; i < 6; ++i)
            fetcher.fetch(
                fast.url(QStringLiteral("/f")), this,
                [&order](const FeedFetcher::Result &) { order << QStringLiteral("fast"); });
        QVERIFY(QTest::qWaitFor([&] { return order.size() == 12; }, 30000));
        QCOMPARE(order.mid(0, 6), QStringList(6, QStringLiteral("fast")));
    }

    void cancelledWhenTheCallerGoesAway()
    {
        HttpServer::Response r = feed();
        r.delayMs = 300;
        m_server->route("/f", r);
        FeedFetcher fetcher;
        bool called = false;
        {
            QObject caller;
            fetcher.fetch(m_server->url(QStringLiteral("/f")), &caller,
                          [&called](const FeedFetcher::Result &) { called = true; });
        }
        QTest::qWait(600);
        QVERIFY(!called);
        QCOMPARE(fetcher.activeCount(), 0);
    }

private:
    std::unique_ptr<HttpServer> m_server;
};

QTEST_GUILESS_MAIN(TestFeedFetcher)
#include "tst_feedfetcher.moc"
