#include "parsebench.h"

#include "core/feed/feedparser.h"
#include "feedgenerator.h"
#include "report.h"
#include "samples.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QUrl>
#include <QXmlStreamReader>

namespace sidecast::bench {
namespace {

enum ExitCode
{
    Ok = 0,
    Failure = 1,
    Usage = 2
};

struct ScanResult
{
    quint64 touched = 0; // a sum over every token, so the loop has an observable result
    bool wellFormed = false;
};

// The floor for any QXmlStreamReader-based parser: every token read and looked at, nothing kept.
// Out of line, so that a profile shows it beside FeedParser::parse.
Q_NEVER_INLINE ScanResult scanTokens(const QByteArray &bytes)
{
    QXmlStreamReader xml(bytes);
    ScanResult result;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement:
        case QXmlStreamReader::EndElement:
            result.touched += quint64(xml.name().size());
            break;
        case QXmlStreamReader::Characters:
            result.touched += quint64(xml.text().size());
            break;
        default:
            ++result.touched;
            break;
        }
    }
    result.wellFormed = !xml.hasError();
    return result;
}

double secondsSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

QByteArray jsonNumber(double value, int decimals)
{
    return QByteArray::number(value, 'f', decimals);
}

} // namespace

int runParseBench(const QStringList &arguments)
{
    QCommandLineParser cli;
    cli.setApplicationDescription(
        QStringLiteral("Times FeedParser::parse against a bare QXmlStreamReader scan of the same "
                       "generated feed (RSS 2.0 + iTunes, 3000 episodes, about 16 MB)."));
    cli.addPositionalArgument(QStringLiteral("parse"), QStringLiteral("This benchmark."),
                              QStringLiteral("parse"));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QStringLiteral("Print one JSON object: parser_mb_s, scan_mb_s, ratio, bytes, episodes."));
    const QCommandLineOption runsOption(
        QStringLiteral("runs"),
        QStringLiteral("Timed runs of each, after one warm-up (default 5)."), QStringLiteral("n"),
        QStringLiteral("5"));
    const QCommandLineOption saveOption(
        QStringLiteral("save"), QStringLiteral("Also write the generated feed to this file."),
        QStringLiteral("file"));
    cli.addOptions({helpOption, jsonOption, runsOption, saveOption});
    if (!cli.parse(arguments)) {
        printError(cli.errorText());
        return Usage;
    }
    if (cli.isSet(helpOption)) {
        printLine(cli.helpText().replace(QStringLiteral("[options] parse"),
                                         QStringLiteral("parse [options]")));
        return Ok;
    }
    if (cli.positionalArguments().size() > 1) {
        printError(QStringLiteral("parse takes no arguments besides options"));
        return Usage;
    }
    bool runsOk = false;
    const int runs = cli.value(runsOption).toInt(&runsOk);
    if (!runsOk || runs < 1) {
        printError(QStringLiteral("--runs wants a positive number"));
        return Usage;
    }
    const bool json = cli.isSet(jsonOption);

    const FeedSpec spec;
    const QByteArray feed = generateFeed(spec);
    if (cli.isSet(saveOption)) {
        QFile file(cli.value(saveOption));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(feed) != feed.size()) {
            printError(
                QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
            return Failure;
        }
    }

    const QUrl url(QStringLiteral("https://bench.example.org/feed.xml"));
    Samples parserTimes;
    Samples scanTimes;
    qsizetype episodes = -1;
    QString parseError;
    ScanResult firstScan;
    // Interleaved, so that a change in machine load during the run hits both sides alike.
    for (int run = 0; run <= runs; ++run) {
        const bool warmUp = run == 0;

        QElapsedTimer timer;
        timer.start();
        const ScanResult scan = scanTokens(feed);
        const double scanSeconds = secondsSince(timer);
        if (warmUp)
            firstScan = scan;
        else
            scanTimes.add(scanSeconds);
        if (!scan.wellFormed || scan.touched != firstScan.touched) {
            printError(QStringLiteral("the generated feed does not scan as well-formed XML"));
            return Failure;
        }

        timer.start();
        const FeedParser::Result result = FeedParser::parse(feed, url);
        const double parserSeconds = secondsSince(timer);
        if (!warmUp)
            parserTimes.add(parserSeconds);
        episodes = result.ok() ? result.feed.episodes.size() : 0;
        if (!result.ok())
            parseError = result.error.message;
    }

    // The best run is the headline: on a shared machine noise only ever adds time, so the
    // shortest run is the least disturbed one. The median is printed beside it in text mode.
    const double parserRate = megabytesPerSecond(feed.size(), parserTimes.best());
    const double scanRate = megabytesPerSecond(feed.size(), scanTimes.best());
    const double ratio = scanRate > 0 ? parserRate / scanRate : 0.0;

    if (json) {
        printJsonLine("{\"parser_mb_s\": " + jsonNumber(parserRate, 1) + ", \"scan_mb_s\": " +
                      jsonNumber(scanRate, 1) + ", \"ratio\": " + jsonNumber(ratio, 3) +
                      ", \"bytes\": " + QByteArray::number(feed.size()) +
                      ", \"episodes\": " + QByteArray::number(episodes) + '}');
    } else {
        const auto rateLine = [&](QStringView label, const Samples &samples) -> QString {
            return QStringLiteral("  %1 %2 MB/s   best of %3 (median %4 MB/s)")
                .arg(label.toString().leftJustified(24))
                .arg(megabytesPerSecond(feed.size(), samples.best()), 7, 'f', 1)
                .arg(samples.count())
                .arg(megabytesPerSecond(feed.size(), samples.median()), 0, 'f', 1);
        };
        printLine(QStringLiteral("parse: %1 episodes, %2 bytes (%3 MB) of RSS 2.0 + iTunes")
                      .arg(spec.episodes)
                      .arg(feed.size())
                      .arg(double(feed.size()) / 1e6, 0, 'f', 2));
        printLine(rateLine(u"FeedParser::parse", parserTimes));
        printLine(rateLine(u"QXmlStreamReader scan", scanTimes));
        printLine(QStringLiteral("  %1 %2         target >= 0.70")
                      .arg(QStringLiteral("ratio parser/scan").leftJustified(24))
                      .arg(ratio, 7, 'f', 3));
    }

    if (!parseError.isEmpty()) {
        printError(QStringLiteral("FeedParser failed: %1").arg(parseError));
        return Failure;
    }
    if (episodes != spec.episodes) {
        printError(QStringLiteral("FeedParser returned %1 episodes, the feed has %2")
                       .arg(episodes)
                       .arg(spec.episodes));
        return Failure;
    }
    return Ok;
}

} // namespace sidecast::bench
