// sidecast-cli as a user runs it: a real process on a temporary library.

#include "support/httpserver.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

namespace {

const QString kDemoFeed =
    QStringLiteral(SIDECAST_SOURCE_DIR "/resources/demo/52-weeks-of-cloud.xml");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QString feedFixture(const QString &name)
{
    return QStringLiteral(SIDECAST_TEST_DATA_DIR "/feeds/") + name;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// `sidecast-cli parse …` with `input` on stdin. The event loop keeps running meanwhile, so a
// test's HTTP server can answer the process.
Run parse(const QStringList &args, const QByteArray &input = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // parse needs no library; should it open one anyway, not in the user's home.
    environment.insert(QStringLiteral("XDG_DATA_HOME"), QDir::tempPath());
    process.setProcessEnvironment(environment);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    process.start(QStringLiteral(SIDECAST_CLI), QStringList{QStringLiteral("parse")} + args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    Run run;
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonObject jsonOf(const Run &run)
{
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(run.out, &error).object();
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(error.errorString()));
    return object;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Run cli(const QStringList &args)
    {
        QProcess process;
        process.start(QStringLiteral(SIDECAST_CLI),
                      QStringList{QStringLiteral("--library"), m_dir.path()} + args);
        Run run;
        if (!process.waitForFinished(30000)) {
            process.kill();
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

private Q_SLOTS:
    void emptyLibrary()
    {
        const Run list = cli({QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("No podcasts yet"));
        const Run json = cli({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(json.out).array().size(), 0);
    }

    void addThenListEpisodesAsJson()
    {
        const QString url = QUrl::fromLocalFile(kDemoFeed).toString();
        const Run add = cli({QStringLiteral("add"), url});
        QVERIFY2(add.exitCode == 0, add.err.constData());
        QVERIFY(add.out.contains("52 Weeks of Cloud"));

        const Run run =
            cli({QStringLiteral("episodes"), QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonParseError parseError;
        const QJsonArray episodes = QJsonDocument::fromJson(run.out, &parseError).array();
        QVERIFY2(parseError.error == QJsonParseError::NoError,
                 qPrintable(parseError.errorString()));
        QCOMPARE(episodes.size(), 3);

        const QJsonObject first = episodes.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("title")).toString(),
                 QStringLiteral("Why I Like Rust Better Than Python"));
        QCOMPARE(first.value(QStringLiteral("published")).toString(),
                 QStringLiteral("2025-02-16T12:00:00Z"));
        QCOMPARE(first.value(QStringLiteral("duration")).toInt(), 70);
        const QJsonObject enclosure = first.value(QStringLiteral("enclosure")).toObject();
        QCOMPARE(enclosure.value(QStringLiteral("type")).toString(), QStringLiteral("audio/mpeg"));
        const QUrl audio(enclosure.value(QStringLiteral("url")).toString());
        QVERIFY(audio.isLocalFile());
        QVERIFY2(QFile::exists(audio.toLocalFile()), qPrintable(audio.toString()));
        QCOMPARE(QFileInfo(audio.toLocalFile()).size(),
                 enclosure.value(QStringLiteral("length")).toInteger());

        QStringList titles;
        for (const QJsonValue &v : episodes)
            titles << v.toObject().value(QStringLiteral("title")).toString();
        QCOMPARE(titles, (QStringList{QStringLiteral("Why I Like Rust Better Than Python"),
                                      QStringLiteral("Websockets"),
                                      QStringLiteral("Memory Allocation Strategies with Zig")}));
        for (const QJsonValue &v : episodes)
            QVERIFY(v.toObject().value(QStringLiteral("duration")).toInt() > 0);

        // Human-readable output, by title as well as by id.
        const Run human = cli({QStringLiteral("episodes"), QStringLiteral("weeks of cloud")});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("Websockets"));
        QVERIFY(human.out.contains("2025-02-16"));
        QVERIFY(human.out.contains("1:10"));

        const Run list = cli({QStringLiteral("list"), QStringLiteral("--json")});
        const QJsonArray podcasts = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(podcasts.size(), 1);
        QCOMPARE(podcasts.at(0).toObject().value(QStringLiteral("episodes")).toInt(), 3);
    }

    void errorsAreReadable()
    {
        const Run again = cli({QStringLiteral("add"), kDemoFeed});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already subscribed"), again.err.constData());

        const Run missing =
            cli({QStringLiteral("add"), m_dir.filePath(QStringLiteral("missing.xml"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("no file"), missing.err.constData());
        QVERIFY(missing.out.isEmpty());

        const Run notFeed =
            cli({QStringLiteral("add"), QStringLiteral(SIDECAST_SOURCE_DIR "/README.md")});
        QCOMPARE(notFeed.exitCode, 1);
        QVERIFY2(notFeed.err.contains("not a podcast feed"), notFeed.err.constData());

        const Run unknownPodcast = cli({QStringLiteral("episodes"), QStringLiteral("99")});
        QCOMPARE(unknownPodcast.exitCode, 1);
        QVERIFY(unknownPodcast.err.contains("no podcast with id 99"));

        const Run unknownCommand = cli({QStringLiteral("frobnicate")});
        QCOMPARE(unknownCommand.exitCode, 2);
        QVERIFY(unknownCommand.err.contains("unknown command"));

        const Run badUrl = cli({QStringLiteral("add"), QStringLiteral("gopher://example.org/")});
        QCOMPARE(badUrl.exitCode, 2);

        // Nothing above changed the library.
        const Run list = cli({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 1);
    }
    void opmlExportThenImportIntoAnotherLibrary()
    {
        const QString opmlPath = m_dir.filePath(QStringLiteral("subscriptions.opml"));
        const Run exported = cli({QStringLiteral("export-opml"), opmlPath});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QFile file(opmlPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray opml = file.readAll();
        QVERIFY(opml.contains("version=\"2.0\""));
        QVERIFY(opml.contains(QUrl::fromLocalFile(kDemoFeed).toEncoded()));
        QVERIFY(opml.contains("52 Weeks of Cloud"));
        const Run toStdout = cli({QStringLiteral("export-opml")});
        QCOMPARE(toStdout.exitCode, 0);
        QVERIFY(toStdout.out.contains(QUrl::fromLocalFile(kDemoFeed).toEncoded()));

        // Into a fresh library, with a broken entry and a duplicate added by hand.
        QTemporaryDir other;
        QFile edited(other.filePath(QStringLiteral("edited.opml")));
        QVERIFY(edited.open(QIODevice::WriteOnly));
        QByteArray withExtras = opml;
        const QByteArray extras =
            QByteArray(
                "<outline text=\"gone\" type=\"rss\" xmlUrl=\"file:///nonexistent/feed.xml\"/>"
                "<outline text=\"again\" type=\"rss\" xmlUrl=\"") +
            QUrl::fromLocalFile(kDemoFeed).toEncoded() + QByteArray("\"/></body>");
        withExtras.replace(QByteArray("</body>"), extras);
        edited.write(withExtras);
        edited.close();
        QProcess process;
        process.start(QStringLiteral(SIDECAST_CLI),
                      {QStringLiteral("--library"), other.path(), QStringLiteral("--json"),
                       QStringLiteral("import-opml"), edited.fileName()});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 1); // one feed failed
        const QJsonObject report =
            QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        QCOMPARE(report.value(QStringLiteral("added")).toArray().size(), 1);
        QCOMPARE(report.value(QStringLiteral("skipped")).toArray().size(), 1);
        QCOMPARE(report.value(QStringLiteral("failed")).toArray().size(), 1);
        QVERIFY(report.value(QStringLiteral("failed"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("no file")));

        QProcess list;
        list.start(QStringLiteral(SIDECAST_CLI),
                   {QStringLiteral("--library"), other.path(), QStringLiteral("--json"),
                    QStringLiteral("list")});
        QVERIFY(list.waitForFinished(30000));
        const QJsonArray podcasts = QJsonDocument::fromJson(list.readAllStandardOutput()).array();
        QCOMPARE(podcasts.size(), 1);
        QCOMPARE(podcasts.at(0).toObject().value(QStringLiteral("episodes")).toInt(), 3);

        const Run notOpml = cli({QStringLiteral("import-opml"), kDemoFeed});
        QCOMPARE(notOpml.exitCode, 1);
        QVERIFY2(notOpml.err.contains("not an OPML file"), notOpml.err.constData());
    }

    void refreshRemoveAndErrors()
    {
        const Run first = cli({QStringLiteral("refresh"), QStringLiteral("--json")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(first.out).object();
        QCOMPARE(summary.value(QStringLiteral("feeds")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("failed")).toInt(), 0);
        const Run again = cli({QStringLiteral("refresh"), QStringLiteral("--json")});
        QCOMPARE(
            QJsonDocument::fromJson(again.out).object().value(QStringLiteral("unchanged")).toInt(),
            1);

        // A second podcast whose file then disappears.
        const QString copy = m_dir.filePath(QStringLiteral("copy.xml"));
        QVERIFY(QFile::copy(kDemoFeed, copy));
        QByteArray text;
        {
            QFile f(copy);
            QVERIFY(f.open(QIODevice::ReadOnly));
            text = f.readAll().replace("52 Weeks of Cloud", "Second Show");
        }
        {
            QFile f(copy);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
        }
        QCOMPARE(cli({QStringLiteral("add"), copy}).exitCode, 0);
        QVERIFY(QFile::remove(copy));
        const Run failing = cli({QStringLiteral("refresh")});
        QCOMPARE(failing.exitCode, 1);
        QVERIFY2(failing.out.contains("1 failed"), failing.out.constData());
        QVERIFY2(failing.out.contains("Second Show"), failing.out.constData());

        const Run errors = cli({QStringLiteral("errors"), QStringLiteral("--json")});
        QCOMPARE(errors.exitCode, 0);
        const QJsonArray log = QJsonDocument::fromJson(errors.out).array();
        QVERIFY(!log.isEmpty());
        const QJsonObject entry = log.at(0).toObject();
        QCOMPARE(entry.value(QStringLiteral("podcast")).toString(), QStringLiteral("Second Show"));
        QVERIFY(
            entry.value(QStringLiteral("message")).toString().contains(QLatin1String("no file")));
        QVERIFY(entry.value(QStringLiteral("url")).toString().endsWith(QLatin1String("copy.xml")));
        QVERIFY(!entry.value(QStringLiteral("time")).toString().isEmpty());
        QVERIFY(entry.contains(QStringLiteral("status")));
        const Run human = cli({QStringLiteral("errors")});
        QVERIFY(human.out.contains("Second Show"));

        const Run removed = cli({QStringLiteral("remove"), QStringLiteral("second show")});
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        QVERIFY(removed.out.contains("Removed"));
        QCOMPARE(
            QJsonDocument::fromJson(cli({QStringLiteral("list"), QStringLiteral("--json")}).out)
                .array()
                .size(),
            1);
        QCOMPARE(cli({QStringLiteral("remove"), QStringLiteral("nothing like it")}).exitCode, 1);
    }

    void parseFilePrintsFeedJson()
    {
        const Run run = parse({feedFixture(QStringLiteral("podcast20.xml"))});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.err.isEmpty());
        const QJsonObject expected =
            QJsonDocument::fromJson(readFile(feedFixture(QStringLiteral("podcast20.json"))))
                .object();
        QVERIFY(!expected.isEmpty());
        QCOMPARE(jsonOf(run), expected);

        // A file URL is the same file.
        const Run viaUrl =
            parse({QUrl::fromLocalFile(feedFixture(QStringLiteral("podcast20.xml"))).toString()});
        QCOMPARE(viaUrl.exitCode, 0);
        QCOMPARE(jsonOf(viaUrl), expected);
    }

    void parseStdinWithBaseUrl()
    {
        const QByteArray feed = "<rss><channel><item><title>E</title>"
                                "<enclosure url=\"audio/e.mp3\"/></item></channel></rss>";
        const Run run = parse({QStringLiteral("-"), QStringLiteral("--base-url"),
                               QStringLiteral("https://base.example/shows/show.rss")},
                              feed);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = jsonOf(run);
        QCOMPARE(json.value(QStringLiteral("title")).toString(), QStringLiteral("show"));
        const QJsonObject episode =
            json.value(QStringLiteral("episodes")).toArray().at(0).toObject();
        QCOMPARE(episode.value(QStringLiteral("guid")).toString(),
                 QStringLiteral("https://base.example/shows/audio/e.mp3"));

        // Without a base, a relative URL stays relative and the title has no file to fall back on.
        const Run bare = parse({QStringLiteral("-")}, feed);
        QCOMPARE(bare.exitCode, 0);
        QCOMPARE(jsonOf(bare).value(QStringLiteral("title")).toString(),
                 QStringLiteral("Untitled feed"));
    }

    void parseRefusesWhatIsNotAFeed()
    {
        const Run html =
            parse({QStringLiteral("-")}, "<!DOCTYPE html><html><body>Hi</body></html>");
        QCOMPARE(html.exitCode, 2);
        QVERIFY(html.out.isEmpty());
        QVERIFY2(html.err.contains("HTML page"), html.err.constData());

        const Run broken = parse({QStringLiteral("-")}, "<rss><channel>\n<title>x</channel></rss>");
        QCOMPARE(broken.exitCode, 2);
        QVERIFY(broken.out.isEmpty());
        QVERIFY2(broken.err.contains("line 2, column"), broken.err.constData());

        const Run opml = parse({feedFixture(QStringLiteral("unknown-root.xml"))});
        QCOMPARE(opml.exitCode, 2);
        QVERIFY2(opml.err.contains("Unknown root element <opml>"), opml.err.constData());
    }

    void parseOtherFailures()
    {
        const Run missing = parse({m_dir.filePath(QStringLiteral("missing.xml"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.out.isEmpty());
        QVERIFY2(missing.err.contains("no file"), missing.err.constData());

        const Run usage = parse({});
        QCOMPARE(usage.exitCode, 1);
        QVERIFY(usage.err.contains("usage"));

        const Run badBase = parse({feedFixture(QStringLiteral("rss1.xml")),
                                   QStringLiteral("--base-url"), QStringLiteral("relative/")});
        QCOMPARE(badBase.exitCode, 1);
        QVERIFY(badBase.out.isEmpty());
    }

    void parseHttp()
    {
        sidecast::test::HttpServer server;
        QVERIFY(server.listen());
        // No declaration: only the HTTP charset says these bytes are Latin-1.
        sidecast::test::HttpServer::Response latin1;
        latin1.addHeader("Content-Type", "application/rss+xml; charset=ISO-8859-1");
        latin1.body = "<rss><channel><title>Gr\xfc\xdf Gott</title></channel></rss>";
        server.route("/latin1.rss", latin1);
        sidecast::test::HttpServer::Response page;
        page.addHeader("Content-Type", "text/html");
        page.body = "<!DOCTYPE html><html><head><title>Not a feed</title></head></html>";
        server.route("/page.html", page);
        sidecast::test::HttpServer::Response gone;
        gone.status = 404;
        server.route("/gone.rss", gone);

        const Run run = parse({server.url(QStringLiteral("/latin1.rss")).toString()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(jsonOf(run).value(QStringLiteral("title")).toString(),
                 QStringLiteral("Grüß Gott"));

        const Run html = parse({server.url(QStringLiteral("/page.html")).toString()});
        QCOMPARE(html.exitCode, 2);
        QVERIFY(html.out.isEmpty());

        const Run notFound = parse({server.url(QStringLiteral("/gone.rss")).toString()});
        QCOMPARE(notFound.exitCode, 1);
        QVERIFY(notFound.out.isEmpty());
        QVERIFY2(notFound.err.contains("404"), notFound.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
