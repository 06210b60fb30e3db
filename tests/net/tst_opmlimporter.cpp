// Importing an OPML list against a local server: good feeds are added whole, broken ones are
// reported and add nothing, duplicates and feeds already subscribed are skipped.

#include "net/opmlimporter.h"
#include "storage/library.h"
#include "support/httpserver.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;
using sidecast::test::HttpServer;

namespace {

QByteArray smallFeed(const QString &title, int episodes)
{
    QByteArray out =
        "<?xml version='1.0'?><rss version='2.0'><channel><title>" + title.toUtf8() + "</title>";
    for (int i = 1; i <= episodes; ++i) {
        out += "<item><title>Episode " + QByteArray::number(i) + "</title><guid>g" +
               QByteArray::number(i) + "</guid><enclosure url='https://media.example/" +
               QByteArray::number(i) + ".mp3' type='audio/mpeg' length='1'/></item>";
    }
    return out + "</channel></rss>";
}

HttpServer::Response ok(const QByteArray &body)
{
    HttpServer::Response r;
    r.body = body;
    r.addHeader("Content-Type", "application/rss+xml");
    return r;
}

} // namespace

class TestOpmlImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsInParallelAndReports()
    {
        QTemporaryDir dir;
        Library library;
        QVERIFY(library.open(dir.path()));
        HttpServer server;
        QVERIFY(server.listen());
        server.route("/a.xml", ok(smallFeed(QStringLiteral("Alpha"), 3)));
        server.route("/b.xml", ok(smallFeed(QStringLiteral("Beta"), 2)));
        server.route("/c.xml", ok(smallFeed(QStringLiteral("Gamma"), 1)));
        HttpServer::Response html = ok("<html><body>moved</body></html>");
        server.route("/html", html);
        // Already subscribed before the import.
        Feed existing;
        existing.podcast.feedUrl = server.url(QStringLiteral("/c.xml"));
        existing.podcast.title = QStringLiteral("Gamma");
        QVERIFY(library.addPodcast(existing).ok());

        const QByteArray opml =
            QStringLiteral("<opml version='2.0'><body><outline text='Folder'>"
                           "<outline text='A' type='rss' xmlUrl='%1'/>"
                           "<outline text='B' type='rss' xmlUrl='%2'/></outline>"
                           "<outline text='A twice' type='rss' xmlUrl='%1'/>"
                           "<outline text='C' type='rss' xmlUrl='%3'/>"
                           "<outline text='Missing' type='rss' xmlUrl='%4'/>"
                           "<outline text='Not a feed' type='rss' xmlUrl='%5'/>"
                           "<outline text='No address' type='rss'/>"
                           "</body></opml>")
                .arg(server.url(QStringLiteral("/a.xml")).toString(),
                     server.url(QStringLiteral("/b.xml")).toString(),
                     server.url(QStringLiteral("/c.xml")).toString(),
                     server.url(QStringLiteral("/missing.xml")).toString(),
                     server.url(QStringLiteral("/html")).toString())
                .toUtf8();

        OpmlImporter importer(&library);
        std::optional<OpmlImporter::Report> report;
        QList<int> progress;
        connect(&importer, &OpmlImporter::finished, this,
                [&](const OpmlImporter::Report &r) { report = r; });
        connect(&importer, &OpmlImporter::progress, this,
                [&](int done, int) { progress.append(done); });
        importer.import(opml);
        QTRY_VERIFY_WITH_TIMEOUT(report.has_value(), 15000);

        QVERIFY(report->error.isEmpty());
        QStringList added;
        for (const OpmlEntry &e : report->added)
            added << e.title;
        added.sort();
        QCOMPARE(added, (QStringList{QStringLiteral("A"), QStringLiteral("B")}));
        QCOMPARE(report->skipped.size(), 3); // A twice, no address, C already there
        QCOMPARE(report->failed.size(), 2);  // 404 and not a feed
        for (const auto &[entry, error] : report->failed)
            QVERIFY(!error.message.isEmpty());
        QCOMPARE(progress.constLast(), 4);

        // Whole podcasts or nothing: Alpha with 3 episodes, Beta with 2, no trace of the failures.
        const QList<Podcast> podcasts = library.podcasts();
        QCOMPARE(podcasts.size(), 3);
        for (const Podcast &p : podcasts) {
            if (p.title == QLatin1String("Alpha"))
                QCOMPARE(p.episodeCount, 3);
            if (p.title == QLatin1String("Beta"))
                QCOMPARE(p.episodeCount, 2);
        }
        QVERIFY(!library.podcastIdForFeedUrl(server.url(QStringLiteral("/missing.xml"))));
        QCOMPARE(library.recentErrors().size(), 2);
    }

    void unreadableFileAddsNothing()
    {
        QTemporaryDir dir;
        Library library;
        QVERIFY(library.open(dir.path()));
        OpmlImporter importer(&library);
        std::optional<OpmlImporter::Report> report;
        connect(&importer, &OpmlImporter::finished, this,
                [&](const OpmlImporter::Report &r) { report = r; });
        importer.import("<rss><channel/></rss>");
        QTRY_VERIFY(report.has_value());
        QVERIFY(report->error.contains(QLatin1String("not an OPML file")));
        QVERIFY(library.podcasts().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOpmlImporter)
#include "tst_opmlimporter.moc"
