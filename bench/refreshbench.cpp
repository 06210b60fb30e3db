#include "refreshbench.h"

#include "net/feedfetcher.h"
#include "net/refresher.h"
#include "storage/library.h"
#include "support/httpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace sidecast::bench {

namespace {

using test::HttpServer;

QByteArray feedDocument(int feed, int items)
{
    const QDateTime base(QDate(2020, 1, 6), QTime(5, 0), Qt::UTC);
    const QByteArray f = QByteArray::number(feed);
    QByteArray out;
    out.reserve(items * 700 + 1000);
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
           " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
           "<title>Benchmark Show " +
           f + "</title><link>https://show" + f +
           ".example.org/</link><description>A show made up for the refresh benchmark."
           "</description><itunes:author>Bench</itunes:author><language>en</language>"
           "<itunes:image href=\"https://show" +
           f + ".example.org/cover.jpg\"/>";
    for (int i = items - 1; i >= 0; --i) {
        const QByteArray n = QByteArray::number(i);
        out += "<item><title>Episode " + n + ": a title of ordinary length</title><guid>show" + f +
               "-episode-" + n + "</guid><pubDate>" +
               base.addDays(7 * i).toString(Qt::RFC2822Date).toLatin1() +
               "</pubDate><itunes:duration>" + QByteArray::number(1800 + i * 13) +
               "</itunes:duration><description><![CDATA[<p>In episode " + n +
               " we talk about things at some length, with <a href=\"https://example.org/" + n +
               "\">a link</a> and a second sentence so the notes look like notes.</p>]]>"
               "</description><enclosure url=\"https://media.example.org/show" +
               f + "/" + n + ".mp3\" type=\"audio/mpeg\" length=\"" +
               QByteArray::number(30000000 + i) + "\"/></item>\n";
    }
    return out + "</channel></rss>\n";
}

qint64 databaseBytes(const QString &directory)
{
    qint64 total = 0;
    for (const char *suffix : {"", "-wal", "-shm"}) {
        const QFileInfo info(
            QDir(directory).filePath(Library::databaseFileName() + QString::fromLatin1(suffix)));
        if (info.exists())
            total += info.size();
    }
    return total;
}

void print(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
}

// The servers run on their own thread, as a real server would be another machine.
class ServerThread
{
public:
    ServerThread(int hosts, int feeds, int items, int latencyMs)
    {
        m_thread.start();
        // Documents are made (and gzipped) once, before any timing.
        auto documents = std::make_shared<std::vector<QByteArray>>();
        documents->reserve(size_t(feeds));
        for (int i = 0; i < feeds; ++i)
            documents->push_back(HttpServer::gzip(feedDocument(i, items)));
        m_root->moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            m_root.get(),
            [this, hosts, feeds, latencyMs, documents] {
                for (int h = 0; h < hosts; ++h) {
                    auto *server = new HttpServer(m_root.get());
                    server->setKeepRequests(false);
                    server->setLatency(latencyMs);
                    const QHostAddress address(QStringLiteral("127.0.0.%1").arg(h + 2));
                    if (!server->listen(address)) {
                        std::fprintf(stderr, "cannot listen on %s\n",
                                     qPrintable(address.toString()));
                        continue;
                    }
                    m_servers.push_back(server);
                }
                if (m_servers.empty())
                    return;
                for (int i = 0; i < feeds; ++i) {
                    HttpServer *server = m_servers.at(size_t(i) % m_servers.size());
                    const QByteArray etag = "\"bench-" + QByteArray::number(i) + "\"";
                    server->route("/feed/" + QByteArray::number(i),
                                  [documents, i, etag](const HttpServer::Request &request) {
                                      HttpServer::Response r;
                                      r.addHeader("ETag", etag);
                                      if (request.headers.value("if-none-match") == etag) {
                                          r.status = 304;
                                          return r;
                                      }
                                      r.addHeader("Content-Type", "application/rss+xml");
                                      r.addHeader("Content-Encoding", "gzip");
                                      r.body = documents->at(size_t(i));
                                      return r;
                                  });
                    m_urls.append(server->url(QStringLiteral("/feed/%1").arg(i)));
                }
            },
            Qt::BlockingQueuedConnection);
    }

    ~ServerThread()
    {
        QMetaObject::invokeMethod(
            m_root.get(),
            [this] {
                qDeleteAll(m_root->children());
                m_root->moveToThread(QCoreApplication::instance()->thread());
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    QList<QUrl> urls() const { return m_urls; }
    int hostCount() const { return int(m_servers.size()); }

private:
    QThread m_thread;
    std::unique_ptr<QObject> m_root = std::make_unique<QObject>();
    std::vector<HttpServer *> m_servers;
    QList<QUrl> m_urls;
};

Refresher::Summary runRefresh(Refresher &refresher)
{
    Refresher::Summary summary;
    QEventLoop loop;
    QObject::connect(&refresher, &Refresher::finished, &loop, [&](const Refresher::Summary &s) {
        summary = s;
        loop.quit();
    });
    refresher.refreshAll();
    loop.exec();
    return summary;
}

} // namespace

int refresh(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sidecast-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times a refresh of many feeds."));
    parser.addHelpOption();
    const QCommandLineOption feedsOption(QStringLiteral("feeds"), QStringLiteral("Feeds."),
                                         QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption itemsOption(QStringLiteral("items"),
                                         QStringLiteral("Episodes per feed."), QStringLiteral("N"),
                                         QStringLiteral("100"));
    const QCommandLineOption latencyOption(QStringLiteral("latency-ms"),
                                           QStringLiteral("Latency of every answer."),
                                           QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption hostsOption(QStringLiteral("hosts"),
                                         QStringLiteral("Server addresses (one host each)."),
                                         QStringLiteral("N"), QStringLiteral("8"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({feedsOption, itemsOption, latencyOption, hostsOption, jsonOption});
    parser.process(app);
    const int feeds = qMax(1, parser.value(feedsOption).toInt());
    const int items = qMax(1, parser.value(itemsOption).toInt());
    const int latency = qMax(0, parser.value(latencyOption).toInt());
    const int hosts = qBound(1, parser.value(hostsOption).toInt(), 250);
    const bool json = parser.isSet(jsonOption);

    ServerThread servers(hosts, feeds, items, latency);
    if (servers.hostCount() == 0)
        return 1;
    QTemporaryDir dir;
    auto library = std::make_unique<Library>();
    Error error;
    if (!library->open(dir.path(), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message));
        return 1;
    }
    // The subscriptions, as an OPML import leaves them: addresses, no episodes yet.
    for (const QUrl &url : servers.urls()) {
        Feed feed;
        feed.podcast.feedUrl = url;
        if (!library->addPodcast(feed).ok())
            return 1;
    }

    Refresher::Summary first;
    Refresher::Summary second;
    {
        Refresher refresher(library.get());
        first = runRefresh(refresher);
        second = runRefresh(refresher);
    }
    library->close();
    const qint64 bytes = databaseBytes(dir.path());

    const double firstS = double(first.elapsedMs) / 1000.0;
    const double secondS = double(second.elapsedMs) / 1000.0;
    if (json) {
        const QJsonObject object{
            {QStringLiteral("feeds"), feeds},
            {QStringLiteral("items"), items},
            {QStringLiteral("latency_ms"), latency},
            {QStringLiteral("hosts"), servers.hostCount()},
            {QStringLiteral("first_s"), firstS},
            {QStringLiteral("conditional_s"), secondS},
            {QStringLiteral("db_bytes"), bytes},
            {QStringLiteral("episodes"), first.added},
            {QStringLiteral("first_failed"), first.failed},
            {QStringLiteral("conditional_not_modified"), second.notModified},
        };
        std::fputs(QJsonDocument(object).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        print(QStringLiteral("%1 feeds of %2 episodes on %3 hosts, %4 ms latency")
                  .arg(feeds)
                  .arg(items)
                  .arg(servers.hostCount())
                  .arg(latency));
        print(QStringLiteral("first refresh:       %1 s (%2 episodes added, %3 failed)")
                  .arg(firstS, 0, 'f', 2)
                  .arg(first.added)
                  .arg(first.failed));
        print(QStringLiteral("all-304 refresh:     %1 s (%2 not modified, %3 failed)")
                  .arg(secondS, 0, 'f', 2)
                  .arg(second.notModified)
                  .arg(second.failed));
        print(QStringLiteral("database:            %1 MB").arg(double(bytes) / 1e6, 0, 'f', 1));
    }
    return first.failed + second.failed > 0 ? 1 : 0;
}

int listing(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sidecast-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times listings of a large library."));
    parser.addHelpOption();
    const QCommandLineOption podcastsOption(QStringLiteral("podcasts"), QStringLiteral("Podcasts."),
                                            QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption episodesOption(QStringLiteral("episodes"),
                                            QStringLiteral("Episodes per podcast."),
                                            QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption pageOption(QStringLiteral("page"), QStringLiteral("Page size."),
                                        QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({podcastsOption, episodesOption, pageOption, jsonOption});
    parser.process(app);
    const int podcasts = qMax(1, parser.value(podcastsOption).toInt());
    const int episodes = qMax(1, parser.value(episodesOption).toInt());
    const int page = qMax(1, parser.value(pageOption).toInt());
    const bool json = parser.isSet(jsonOption);

    QTemporaryDir dir;
    QElapsedTimer build;
    build.start();
    QList<qint64> ids;
    {
        Library library;
        if (!library.open(dir.path()))
            return 1;
        const QDateTime base(QDate(2015, 1, 1), QTime(5, 0), Qt::UTC);
        for (int p = 0; p < podcasts; ++p) {
            Feed feed;
            feed.podcast.feedUrl = QUrl(QStringLiteral("https://show%1.example.org/feed").arg(p));
            feed.podcast.title = QStringLiteral("Show %1").arg(p);
            feed.episodes.reserve(episodes);
            for (int i = 0; i < episodes; ++i) {
                Episode e;
                e.guid = QStringLiteral("s%1-e%2").arg(p).arg(i);
                e.title = QStringLiteral("Episode %1 of show %2").arg(i).arg(p);
                e.published = base.addSecs(qint64(i) * 86400 * 7 + p * 3600);
                e.durationSecs = 1800;
                e.summary = QStringLiteral("A summary of a reasonable length for a list row.");
                e.notesHtml = QStringLiteral("<p>Notes with <a href=\"https://example.org\">a "
                                             "link</a> and a paragraph of text.</p>");
                e.enclosure.url =
                    QUrl(QStringLiteral("https://media.example.org/%1/%2.mp3").arg(p).arg(i));
                e.enclosure.mimeType = QStringLiteral("audio/mpeg");
                feed.episodes.append(e);
            }
            const Library::MergeResult r = library.addPodcast(feed);
            if (!r.ok())
                return 1;
            ids.append(r.podcastId);
        }
        // Some listening state, so "new" is not simply everything.
        for (int k = 0; k < podcasts * 10; ++k) {
            const qint64 podcastId = ids.at(QRandomGenerator::global()->bounded(int(ids.size())));
            const QList<Episode> some = library.episodes(podcastId, 1, k % episodes);
            if (!some.isEmpty())
                library.setPlayed(some.first().id, true);
        }
    }
    const double buildS = double(build.elapsed()) / 1000.0;

    auto ms = [](const QElapsedTimer &t) { return double(t.nsecsElapsed()) / 1e6; };
    QElapsedTimer t;
    t.start();
    Library library;
    if (!library.open(dir.path()))
        return 1;
    const QList<Podcast> all = library.podcasts(); // what the sidebar shows on start
    const double openMs = ms(t);

    std::vector<double> podcastPages;
    for (int k = 0; k < 50; ++k) {
        const qint64 podcastId = ids.at(QRandomGenerator::global()->bounded(int(ids.size())));
        t.start();
        const QList<Episode> rows = library.episodes(podcastId, page, 0);
        podcastPages.push_back(ms(t));
        if (rows.size() != qMin(page, episodes))
            return 1;
    }
    std::vector<double> newPages;
    for (int k = 0; k < 20; ++k) {
        t.start();
        const QList<Episode> rows = library.newEpisodes(page, 0);
        newPages.push_back(ms(t));
        if (rows.isEmpty())
            return 1;
    }
    std::sort(podcastPages.begin(), podcastPages.end());
    std::sort(newPages.begin(), newPages.end());
    const double podcastMax = podcastPages.back();
    const double newMax = newPages.back();
    library.close();
    const qint64 bytes = databaseBytes(dir.path());

    if (json) {
        const QJsonObject object{
            {QStringLiteral("podcasts"), int(all.size())},
            {QStringLiteral("episodes"), qint64(podcasts) * episodes},
            {QStringLiteral("build_s"), buildS},
            {QStringLiteral("open_ms"), openMs},
            {QStringLiteral("podcast_page_ms"), podcastMax},
            {QStringLiteral("podcast_page_median_ms"), podcastPages.at(podcastPages.size() / 2)},
            {QStringLiteral("new_page_ms"), newMax},
            {QStringLiteral("new_page_median_ms"), newPages.at(newPages.size() / 2)},
            {QStringLiteral("db_bytes"), bytes},
        };
        std::fputs(QJsonDocument(object).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        print(QStringLiteral("%1 podcasts, %2 episodes (built in %3 s, %4 MB)")
                  .arg(all.size())
                  .arg(qint64(podcasts) * episodes)
                  .arg(buildS, 0, 'f', 1)
                  .arg(double(bytes) / 1e6, 0, 'f', 1));
        print(QStringLiteral("open + podcast list:        %1 ms").arg(openMs, 0, 'f', 2));
        print(QStringLiteral("first page of a podcast:    %1 ms (worst of 50)")
                  .arg(podcastMax, 0, 'f', 2));
        print(QStringLiteral("first page of new episodes: %1 ms (worst of 20)")
                  .arg(newMax, 0, 'f', 2));
    }
    return 0;
}

} // namespace sidecast::bench
