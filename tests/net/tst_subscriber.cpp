// Subscribing by URL against a real HTTP server on 127.0.0.1: success and every kind of failure,
// each of which must reach the caller as a readable message and leave the library unchanged.

#include "net/feedfetcher.h"
#include "net/subscriber.h"
#include "storage/library.h"
#include "support/httpserver.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;
using sidecast::test::HttpServer;

namespace {

const QString kDemoFeed =
    QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/52-weeks-of-cloud.xml");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

HttpServer::Response feedResponse(const QByteArray &body)
{
    HttpServer::Response r;
    r.body = body;
    r.addHeader("Content-Type", "application/rss+xml; charset=utf-8");
    return r;
}

} // namespace

class TestSubscriber : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        bool ok = false;
        qint64 podcastId = 0;
        Error error;
    };

    Outcome subscribe(Subscriber &subscriber, const QUrl &url)
    {
        QSignalSpy ok(&subscriber, &Subscriber::subscribed);
        QSignalSpy failed(&subscriber, &Subscriber::failed);
        subscriber.subscribe(url);
        Outcome outcome;
        if (!QTest::qWaitFor([&] { return ok.count() + failed.count() > 0; }, 15000))
            return outcome;
        if (ok.count()) {
            outcome.ok = true;
            outcome.podcastId = ok.first().at(0).toLongLong();
        } else {
            outcome.error = failed.first().at(0).value<Error>();
        }
        // Exactly one outcome, never both.
        QTest::qWait(50);
        if (ok.count() + failed.count() != 1)
            outcome.ok = false;
        return outcome;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Error>("sidecast::Error");
        QVERIFY(QFile::exists(kDemoFeed));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_library = std::make_unique<Library>();
        QVERIFY(m_library->open(m_dir->path()));
        m_server = std::make_unique<HttpServer>();
        QVERIFY(m_server->listen());
    }

    void subscribesOverHttp()
    {
        m_server->route("/feeds/cloud.xml", feedResponse(readFile(kDemoFeed)));
        Subscriber subscriber(m_library.get());
        const QUrl url = m_server->url(QStringLiteral("/feeds/cloud.xml"));
        const Outcome o = subscribe(subscriber, url);
        QVERIFY2(o.ok, qPrintable(o.error.message));
        QCOMPARE(subscriber.pending(), 0);

        const auto podcast = m_library->podcast(o.podcastId);
        QVERIFY(podcast);
        QCOMPARE(podcast->title, QStringLiteral("52 Weeks of Cloud"));
        QCOMPARE(podcast->feedUrl, url);
        // Relative URLs in the feed resolve against where it was fetched from.
        QCOMPARE(podcast->imageUrl, m_server->url(QStringLiteral("/feeds/cover.png")));
        const QList<Episode> episodes = m_library->episodes(o.podcastId);
        QCOMPARE(episodes.size(), 3);
        QCOMPARE(episodes.first().title, QStringLiteral("Why I Like Rust Better Than Python"));
        QCOMPARE(episodes.first().enclosure.url,
                 m_server->url(QStringLiteral("/feeds/audio/rust-vs-python.mp3")));
        QVERIFY(m_server->requests().first().headers.value("user-agent").startsWith("Sidecast/"));
        // What a refresh needs to know the feed has not changed since.
        QCOMPARE(m_library->refreshState(o.podcastId)->bodyHash,
                 FeedFetcher::bodyHash(readFile(kDemoFeed)));
    }

    void secondSubscriptionToSameUrlIsRefused()
    {
        m_server->route("/f.xml", feedResponse(readFile(kDemoFeed)));
        Subscriber subscriber(m_library.get());
        QVERIFY(subscribe(subscriber, m_server->url(QStringLiteral("/f.xml"))).ok);
        const Outcome again = subscribe(subscriber, m_server->url(QStringLiteral("/f.xml")));
        QVERIFY(!again.ok);
        QCOMPARE(again.error.kind, Error::Kind::Duplicate);
        QVERIFY(again.error.message.contains(QLatin1String("already subscribed")));
        QCOMPARE(m_server->hits("/f.xml"), 1); // refused before any network traffic
        QCOMPARE(m_library->podcasts().size(), 1);
    }

    void failures_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("404") << 404 << QByteArray("gone fishing") << QByteArray("text/plain")
                             << int(Error::Kind::Http) << QStringLiteral("404 Not Found");
        QTest::newRow("500") << 500 << QByteArray("oops") << QByteArray("text/plain")
                             << int(Error::Kind::Http) << QStringLiteral("500");
        QTest::newRow("410") << 410 << QByteArray() << QByteArray("text/plain")
                             << int(Error::Kind::Http) << QStringLiteral("410 Gone");
        QTest::newRow("html page")
            << 200
            << QByteArray(
                   "<!DOCTYPE "
                   "html><html><head><title>Welcome</title></head><body><p>Hi</p></body></html>")
            << QByteArray("text/html") << int(Error::Kind::NotAFeed)
            << QStringLiteral("not a podcast feed");
        QTest::newRow("unknown xml") << 200 << QByteArray("<?xml version=\"1.0\"?><svg><g/></svg>")
                                     << QByteArray("application/xml") << int(Error::Kind::NotAFeed)
                                     << QStringLiteral("not a podcast feed");
        QTest::newRow("empty body")
            << 200 << QByteArray() << QByteArray("application/rss+xml")
            << int(Error::Kind::NotAFeed) << QStringLiteral("not a podcast feed");
        QTest::newRow("json") << 200 << QByteArray("{\"feed\": []}")
                              << QByteArray("application/json") << int(Error::Kind::NotAFeed)
                              << QStringLiteral("not a podcast feed");
    }

    void failures()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, kind);
        QFETCH(QString, mentions);

        HttpServer::Response r;
        r.status = status;
        r.body = body;
        r.addHeader("Content-Type", contentType);
        m_server->route("/feed", r);
        Subscriber subscriber(m_library.get());
        const Outcome o = subscribe(subscriber, m_server->url(QStringLiteral("/feed")));
        QVERIFY(!o.ok);
        QCOMPARE(int(o.error.kind), kind);
        QVERIFY2(o.error.message.contains(mentions, Qt::CaseInsensitive),
                 qPrintable(o.error.message));
        QVERIFY(m_library->podcasts().isEmpty());
        QCOMPARE(subscriber.pending(), 0);
    }

    void connectionRefused()
    {
        // Take a free port, then close it again: nobody listens there.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        Subscriber subscriber(m_library.get());
        const Outcome o =
            subscribe(subscriber, QUrl(QStringLiteral("http://127.0.0.1:%1/feed.xml").arg(port)));
        QVERIFY(!o.ok);
        QCOMPARE(o.error.kind, Error::Kind::Network);
        QVERIFY2(o.error.message.contains(QLatin1String("refused")), qPrintable(o.error.message));
        QVERIFY(m_library->podcasts().isEmpty());
    }

    void slowServerTimesOut()
    {
        HttpServer::Response r = feedResponse(readFile(kDemoFeed));
        r.delayMs = 3000;
        m_server->route("/slow", r);
        Subscriber subscriber(m_library.get());
        subscriber.fetcher()->setTransferTimeout(300);
        const Outcome o = subscribe(subscriber, m_server->url(QStringLiteral("/slow")));
        QVERIFY(!o.ok);
        QCOMPARE(o.error.kind, Error::Kind::Network);
        QVERIFY2(o.error.message.contains(QLatin1String("did not answer in time")),
                 qPrintable(o.error.message));
    }

    void droppedConnection()
    {
        HttpServer::Response r = feedResponse(readFile(kDemoFeed));
        r.dropAfterBytes = 200;
        m_server->route("/drop", r);
        Subscriber subscriber(m_library.get());
        const Outcome o = subscribe(subscriber, m_server->url(QStringLiteral("/drop")));
        QVERIFY(!o.ok);
        QVERIFY2(!o.error.message.isEmpty(), "a dropped connection has a message");
        QVERIFY(m_library->podcasts().isEmpty());
    }

    void followsRedirect()
    {
        m_server->route("/old", HttpServer::redirect(301, "/new/feed.xml"));
        m_server->route("/new/feed.xml", feedResponse(readFile(kDemoFeed)));
        Subscriber subscriber(m_library.get());
        const Outcome o = subscribe(subscriber, m_server->url(QStringLiteral("/old")));
        QVERIFY2(o.ok, qPrintable(o.error.message));
        // Relative URLs resolve against the final location.
        QCOMPARE(m_library->podcast(o.podcastId)->imageUrl,
                 m_server->url(QStringLiteral("/new/cover.png")));
    }

    void tooLargeIsRefused()
    {
        m_server->route("/big", feedResponse(QByteArray(300 * 1024, ' ') + readFile(kDemoFeed)));
        Subscriber subscriber(m_library.get());
        subscriber.fetcher()->setMaxBytes(100 * 1024);
        const Outcome o = subscribe(subscriber, m_server->url(QStringLiteral("/big")));
        QVERIFY(!o.ok);
        QVERIFY2(o.error.message.contains(QLatin1String("larger than")),
                 qPrintable(o.error.message));
    }

    void fileUrls()
    {
        Subscriber subscriber(m_library.get());
        const Outcome missing =
            subscribe(subscriber, QUrl::fromLocalFile(m_dir->filePath(QStringLiteral("nope.xml"))));
        QVERIFY(!missing.ok);
        QVERIFY2(missing.error.message.contains(QLatin1String("no file")),
                 qPrintable(missing.error.message));

        const Outcome o = subscribe(subscriber, QUrl::fromLocalFile(kDemoFeed));
        QVERIFY2(o.ok, qPrintable(o.error.message));
        const QList<Episode> episodes = m_library->episodes(o.podcastId);
        QCOMPARE(episodes.size(), 3);
        QVERIFY(episodes.first().enclosure.url.isLocalFile());
        QVERIFY(QFile::exists(episodes.first().enclosure.url.toLocalFile()));
    }

    void normalizeInput_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: refused

        QTest::newRow("https") << QStringLiteral(" https://example.org/feed.xml ")
                               << QStringLiteral("https://example.org/feed.xml");
        QTest::newRow("http kept")
            << QStringLiteral("http://example.org/rss") << QStringLiteral("http://example.org/rss");
        QTest::newRow("bare host")
            << QStringLiteral("example.org/feed") << QStringLiteral("https://example.org/feed");
        QTest::newRow("feed scheme") << QStringLiteral("feed://example.org/rss")
                                     << QStringLiteral("https://example.org/rss");
        QTest::newRow("feed: prefix") << QStringLiteral("feed:https://example.org/rss")
                                      << QStringLiteral("https://example.org/rss");
        QTest::newRow("absolute path")
            << QStringLiteral("/tmp/some feed.xml") << QStringLiteral("file:///tmp/some feed.xml");
        QTest::newRow("file url") << QStringLiteral("file:///tmp/x.xml")
                                  << QStringLiteral("file:///tmp/x.xml");
        QTest::newRow("relative path of a file")
            << QStringLiteral("resources/demo/52-weeks-of-cloud.xml")
            << QUrl::fromLocalFile(
                   QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/52-weeks-of-cloud.xml"))
                   .toString();
        QTest::newRow("empty") << QStringLiteral("   ") << QString();
        QTest::newRow("ftp") << QStringLiteral("ftp://example.org/feed") << QString();
        QTest::newRow("mailto") << QStringLiteral("mailto:someone@example.org") << QString();
    }

    void normalizeInput()
    {
        QDir::setCurrent(QStringLiteral(SIDECAST_SOURCE_DIR));
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QString why;
        const QUrl url = Subscriber::normalizeInput(input, &why);
        if (expected.isEmpty()) {
            QVERIFY(!url.isValid());
            QVERIFY(!why.isEmpty());
        } else {
            QCOMPARE(url.toString(), expected);
        }
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<HttpServer> m_server;
};

QTEST_GUILESS_MAIN(TestSubscriber)
#include "tst_subscriber.moc"
