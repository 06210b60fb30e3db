// ChapterFetcher against a real HTTP server on 127.0.0.1: a chapters document is downloaded once
// and then served from the library, also by a new fetcher on the reopened library; failures are
// readable and leave nothing behind.

#include "net/chapterfetcher.h"
#include "storage/library.h"
#include "support/httpserver.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;
using sidecast::test::HttpServer;

namespace {

const QByteArray kChapters = R"({"version": "1.2.0", "chapters": [
    {"startTime": 0, "title": "Intro"},
    {"startTime": 168.5, "title": "Memory safety", "img": "img/c2.jpg"}]})";

HttpServer::Response chaptersResponse(const QByteArray &body = kChapters)
{
    HttpServer::Response r;
    r.body = body;
    r.addHeader("Content-Type", "application/json+chapters");
    return r;
}

} // namespace

class TestChapterFetcher : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<HttpServer> m_server;
    qint64 m_episodeId = 0;
    qint64 m_otherEpisodeId = 0;

    // Fetches and waits for the one answer.
    ChapterFetcher::Result fetch(ChapterFetcher &fetcher, const QUrl &url, qint64 episodeId = 0)
    {
        ChapterFetcher::Result result;
        int calls = 0;
        QObject context;
        fetcher.fetch(episodeId ? episodeId : m_episodeId, url, &context,
                      [&](const ChapterFetcher::Result &r) {
                          result = r;
                          ++calls;
                      });
        [&] { QVERIFY(QTest::qWaitFor([&] { return calls > 0; }, 15000)); }();
        QTest::qWait(20);
        [&] { QCOMPARE(calls, 1); }();
        return result;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_library = std::make_unique<Library>();
        QVERIFY(m_library->open(m_dir->path()));
        Feed feed;
        feed.podcast.feedUrl = QUrl(QStringLiteral("https://example.org/feed"));
        feed.podcast.title = QStringLiteral("Show");
        for (int n = 1; n <= 2; ++n) {
            Episode e;
            e.guid = QStringLiteral("ep%1").arg(n);
            e.title = QStringLiteral("Episode %1").arg(n);
            e.enclosure.url = QUrl(QStringLiteral("https://example.org/%1.mp3").arg(n));
            feed.episodes.append(e);
        }
        const auto added = m_library->addPodcast(feed);
        QVERIFY(added.ok());
        const QList<Episode> episodes = m_library->episodes(added.podcastId);
        m_episodeId = episodes.at(0).id;
        m_otherEpisodeId = episodes.at(1).id;
        m_server = std::make_unique<HttpServer>();
        QVERIFY(m_server->listen());
    }

    void cleanup()
    {
        m_server.reset();
        m_library.reset();
        m_dir.reset();
    }

    void fetchedOnceThenFromTheLibrary()
    {
        m_server->route("/ep1/chapters.json", chaptersResponse());
        const QUrl url = m_server->url(QStringLiteral("/ep1/chapters.json"));
        {
            ChapterFetcher fetcher(m_library.get());
            QVERIFY(!fetcher.cached(m_episodeId, url));
            const ChapterFetcher::Result first = fetch(fetcher, url);
            QVERIFY2(first.ok(), qPrintable(first.error.message));
            QVERIFY(!first.fromCache);
            QCOMPARE(first.episodeId, m_episodeId);
            QCOMPARE(first.chapters.size(), 2);
            QCOMPARE(first.chapters.at(1).title, QStringLiteral("Memory safety"));
            QCOMPARE(first.chapters.at(1).imageUrl,
                     m_server->url(QStringLiteral("/ep1/img/c2.jpg")));
            QCOMPARE(m_server->hits("/ep1/chapters.json"), 1);
            QVERIFY(m_server->requests().first().headers.value("accept").startsWith(
                "application/json+chapters"));

            const ChapterFetcher::Result second = fetch(fetcher, url);
            QVERIFY(second.ok());
            QVERIFY(second.fromCache);
            QCOMPARE(second.chapters, first.chapters);
            QCOMPARE(m_server->hits("/ep1/chapters.json"), 1);
        }
        // After a restart: the same library, a new fetcher, still no second download.
        m_library.reset();
        m_library = std::make_unique<Library>();
        QVERIFY(m_library->open(m_dir->path()));
        ChapterFetcher fetcher(m_library.get());
        const auto cached = fetcher.cached(m_episodeId, url);
        QVERIFY(cached);
        QCOMPARE(cached->chapters.size(), 2);
        QVERIFY(fetch(fetcher, url).fromCache);
        QCOMPARE(m_server->hits("/ep1/chapters.json"), 1);
        // Another episode has nothing stored.
        QVERIFY(!fetcher.cached(m_otherEpisodeId, url));
    }

    void notFoundIsAnErrorAndNothingIsKept()
    {
        const QUrl url = m_server->url(QStringLiteral("/missing.json"));
        ChapterFetcher fetcher(m_library.get());
        const ChapterFetcher::Result r = fetch(fetcher, url);
        QVERIFY(!r.ok());
        QCOMPARE(r.error.kind, Error::Kind::Http);
        QCOMPARE(r.error.httpStatus, 404);
        QVERIFY2(r.error.message.contains(QLatin1String("404 Not Found")),
                 qPrintable(r.error.message));
        QVERIFY(r.chapters.isEmpty());
        QVERIFY(!m_library->chaptersDocument(m_episodeId));
        QVERIFY(!fetcher.cached(m_episodeId, url));
        // Not remembered as a failure either: asking again asks the server again.
        QVERIFY(!fetch(fetcher, url).ok());
        QCOMPARE(m_server->hits("/missing.json"), 2);
    }

    void notJsonIsAReadableError()
    {
        m_server->route("/ch.json", chaptersResponse("<html><body>Oops</body></html>"));
        const QUrl url = m_server->url(QStringLiteral("/ch.json"));
        ChapterFetcher fetcher(m_library.get());
        const ChapterFetcher::Result r = fetch(fetcher, url);
        QCOMPARE(r.error.kind, Error::Kind::InvalidInput);
        QVERIFY2(r.error.message.startsWith(QLatin1String("The chapters file is not valid JSON")),
                 qPrintable(r.error.message));
        QVERIFY2(r.error.message.endsWith(url.toDisplayString() + u'.'),
                 qPrintable(r.error.message));
        QVERIFY(!m_library->chaptersDocument(m_episodeId));
    }

    void refusedConnectionIsANetworkError()
    {
        QTcpServer closed; // a port nobody listens on any more
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/ch.json").arg(closed.serverPort()));
        closed.close();
        ChapterFetcher fetcher(m_library.get());
        const ChapterFetcher::Result r = fetch(fetcher, url);
        QCOMPARE(r.error.kind, Error::Kind::Network);
        QVERIFY2(r.error.message.contains(QLatin1String("refused")), qPrintable(r.error.message));
    }

    void tooLargeIsRefused()
    {
        m_server->route("/big.json", chaptersResponse(QByteArray(4096, ' ') + kChapters));
        ChapterFetcher fetcher(m_library.get());
        fetcher.setMaxBytes(1024);
        const ChapterFetcher::Result r = fetch(fetcher, m_server->url(QStringLiteral("/big.json")));
        QCOMPARE(r.error.kind, Error::Kind::InvalidInput);
        QVERIFY2(r.error.message.contains(QLatin1String("larger than")),
                 qPrintable(r.error.message));
        QVERIFY(!m_library->chaptersDocument(m_episodeId));
    }

    void concurrentRequestsShareOneDownload()
    {
        HttpServer::Response slow = chaptersResponse();
        slow.delayMs = 200;
        m_server->route("/slow.json", slow);
        const QUrl url = m_server->url(QStringLiteral("/slow.json"));
        ChapterFetcher fetcher(m_library.get());
        QObject a;
        auto b = std::make_unique<QObject>();
        int aCalls = 0;
        int bCalls = 0;
        fetcher.fetch(m_episodeId, url, &a, [&](const ChapterFetcher::Result &r) {
            QCOMPARE(r.chapters.size(), 2);
            ++aCalls;
        });
        fetcher.fetch(m_episodeId, url, b.get(), [&](const ChapterFetcher::Result &) { ++bCalls; });
        QVERIFY(fetcher.isFetching(m_episodeId));
        b.reset(); // gone before the answer: its callback must not run
        QVERIFY(QTest::qWaitFor([&] { return aCalls > 0; }, 15000));
        QTest::qWait(50);
        QCOMPARE(aCalls, 1);
        QCOMPARE(bCalls, 0);
        QVERIFY(!fetcher.isFetching(m_episodeId));
        QCOMPARE(m_server->hits("/slow.json"), 1);
    }

    void anotherUrlIsFetchedAgain()
    {
        m_server->route("/v1.json", chaptersResponse());
        m_server->route("/v2.json",
                        chaptersResponse(R"({"chapters": [{"startTime": 0, "title": "New"}]})"));
        ChapterFetcher fetcher(m_library.get());
        QVERIFY(fetch(fetcher, m_server->url(QStringLiteral("/v1.json"))).ok());
        const ChapterFetcher::Result r = fetch(fetcher, m_server->url(QStringLiteral("/v2.json")));
        QVERIFY(!r.fromCache);
        QCOMPARE(r.chapters.size(), 1);
        QCOMPARE(m_library->chaptersDocument(m_episodeId)->url,
                 m_server->url(QStringLiteral("/v2.json")));
        QVERIFY(!fetcher.cached(m_episodeId, m_server->url(QStringLiteral("/v1.json"))));
    }
};

QTEST_MAIN(TestChapterFetcher)
#include "tst_chapterfetcher.moc"
