// Kills `sidecast-cli refresh` with SIGKILL at random moments while it merges changed feeds from
// a local server. Every time the database must pass PRAGMA integrity_check and every position
// stored before must still be there.

#include "storage/library.h"
#include "support/httpserver.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace sidecast;
using sidecast::test::HttpServer;

namespace {

constexpr int kFeeds = 60;
constexpr int kItems = 150;
constexpr int kKills = 24;

// Every generation changes every guid and adds an episode: each refresh merges a lot.
QByteArray feedBody(int feed, int generation)
{
    QByteArray out = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed " +
                     QByteArray::number(feed) + "</title>";
    const int count = kItems + generation;
    for (int i = count - 1; i >= 0; --i) {
        const QByteArray n = QByteArray::number(i);
        out += "<item><title>Episode " + n + " (rev " + QByteArray::number(generation) +
               ")</title><guid>gen" + QByteArray::number(generation) + "-" + n +
               "</guid><description>Notes for episode " + n + " of feed " +
               QByteArray::number(feed) + ", revision " + QByteArray::number(generation) +
               ".</description><enclosure url=\"https://media.example.org/" +
               QByteArray::number(feed) + "/" + n +
               ".mp3\" type=\"audio/mpeg\" length=\"1000\"/></item>";
    }
    return out + "</channel></rss>";
}

} // namespace

class TestRefreshCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void survivesSigkill()
    {
        QTemporaryDir dir;
        HttpServer server;
        QVERIFY(server.listen());
        server.setKeepRequests(false);
        int generation = 0;
        for (int f = 0; f < kFeeds; ++f) {
            server.route("/feed/" + QByteArray::number(f),
                         [f, &generation](const HttpServer::Request &) {
                             HttpServer::Response r;
                             r.body = feedBody(f, generation);
                             r.addHeader("Content-Type", "application/rss+xml");
                             return r;
                         });
        }

        Library library;
        QVERIFY(library.open(dir.path()));
        for (int f = 0; f < kFeeds; ++f) {
            Feed feed;
            feed.podcast.feedUrl = server.url(QStringLiteral("/feed/%1").arg(f));
            QVERIFY(library.addPodcast(feed).ok());
        }

        auto startRefresh = [&](QProcess &process) {
            process.start(QStringLiteral(SIDECAST_CLI),
                          {QStringLiteral("--library"), dir.path(), QStringLiteral("refresh")});
            return process.waitForStarted(10000);
        };

        // One complete refresh, to know how long one takes.
        QElapsedTimer clock;
        clock.start();
        {
            QProcess process;
            QVERIFY(startRefresh(process));
            QVERIFY(
                QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 120000));
            QCOMPARE(process.exitCode(), 0);
        }
        const qint64 fullMs = qMax<qint64>(200, clock.elapsed());
        qInfo("one refresh of %d feeds takes about %lld ms", kFeeds, fullMs);

        QHash<qint64, qint64> positions;
        QSet<qint64> played;
        auto storeSomeState = [&] {
            for (const Podcast &p : library.podcasts()) {
                const QList<Episode> episodes = library.episodes(p.id);
                for (int k = 0; k < 3; ++k) {
                    const Episode &e =
                        episodes.at(QRandomGenerator::global()->bounded(int(episodes.size())));
                    if (played.contains(e.id))
                        continue;
                    const qint64 position = 1 + QRandomGenerator::global()->bounded(3600000);
                    QVERIFY(library.savePosition(e.id, position));
                    positions.insert(e.id, position);
                }
                const Episode &e =
                    episodes.at(QRandomGenerator::global()->bounded(int(episodes.size())));
                if (library.setPlayed(e.id, true)) {
                    positions.remove(e.id);
                    played.insert(e.id);
                }
            }
        };

        int killedWhileRunning = 0;
        for (int round = 0; round < kKills; ++round) {
            storeSomeState();
            ++generation;
            QProcess process;
            QVERIFY(startRefresh(process));
            // Anywhere from start-up to the last feeds.
            const int delay =
                int(fullMs / 50 + QRandomGenerator::global()->bounded(fullMs * 4 / 5));
            QTest::qWait(delay);
            if (process.state() == QProcess::Running) {
                ++killedWhileRunning;
                process.kill(); // SIGKILL
            }
            // The server lives on this thread's event loop: wait without blocking it.
            QVERIFY(
                QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000));

            QSqlDatabase probe =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
            probe.setDatabaseName(dir.filePath(Library::databaseFileName()));
            QVERIFY(probe.open());
            {
                QSqlQuery q(probe);
                QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")));
                QVERIFY(q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
                QVERIFY(q.exec(QStringLiteral("SELECT id, position_ms, played FROM episodes")));
                QHash<qint64, qint64> found;
                QSet<qint64> foundPlayed;
                while (q.next()) {
                    found.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
                    if (q.value(2).toBool())
                        foundPlayed.insert(q.value(0).toLongLong());
                }
                for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
                    QVERIFY2(found.contains(it.key()), "an episode with a position disappeared");
                    QCOMPARE(found.value(it.key()), it.value());
                }
                for (qint64 id : std::as_const(played))
                    QVERIFY2(foundPlayed.contains(id), "a played mark was lost");
            }
            probe.close();
            probe = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("probe"));
        }
        qInfo("killed %d of %d refreshes while they ran; %lld positions and %lld played marks"
              " checked each time",
              killedWhileRunning, kKills, qint64(positions.size()), qint64(played.size()));
        QVERIFY2(killedWhileRunning >= 20, "too few kills landed during a refresh");
    }
};

QTEST_GUILESS_MAIN(TestRefreshCrash)
#include "tst_refreshcrash.moc"
