// sidecast-cli: the library without the window. Same database, same subscribe path as the app.

#include "core/error.h"
#include "core/feed/feedencoding.h"
#include "core/feed/feedjson.h"
#include "core/feed/feedparser.h"
#include "core/opml/opml.h"
#include "core/time/duration.h"
#include "net/credentialstore.h"
#include "net/feedfetcher.h"
#include "net/opmlimporter.h"
#include "net/refresher.h"
#include "net/subscriber.h"
#include "storage/library.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <optional>

using namespace sidecast;

namespace {

enum ExitCode
{
    Ok = 0,
    Failure = 1,
    Usage = 2
};

void out(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
}

void err(const QString &text)
{
    std::fputs((QStringLiteral("sidecast-cli: ") + text).toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
}

void printJson(const QJsonValue &value)
{
    const QByteArray bytes = value.isArray()
                                 ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)
                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

QJsonValue jsonUrl(const QUrl &url)
{
    return url.isEmpty() ? QJsonValue() : QJsonValue(url.toString(QUrl::FullyEncoded));
}

QJsonValue jsonDate(const QDateTime &dt)
{
    return dt.isValid() ? QJsonValue(dt.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject podcastJson(const Podcast &p)
{
    return QJsonObject{
        {QStringLiteral("id"), p.id},
        {QStringLiteral("title"), p.title},
        {QStringLiteral("author"), p.author},
        {QStringLiteral("feed_url"), jsonUrl(p.feedUrl)},
        {QStringLiteral("link"), jsonUrl(p.link)},
        {QStringLiteral("image"), jsonUrl(p.imageUrl)},
        {QStringLiteral("episodes"), p.episodeCount},
        {QStringLiteral("unplayed"), p.unplayedCount},
    };
}

QJsonObject episodeJson(const Episode &e)
{
    return QJsonObject{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("podcast_id"), e.podcastId},
        {QStringLiteral("guid"), e.guid},
        {QStringLiteral("title"), e.title},
        {QStringLiteral("published"), jsonDate(e.published)},
        {QStringLiteral("duration"), e.durationSecs},
        {QStringLiteral("enclosure"), e.enclosure.isValid()
                                          ? QJsonValue(QJsonObject{
                                                {QStringLiteral("url"), jsonUrl(e.enclosure.url)},
                                                {QStringLiteral("type"), e.enclosure.mimeType},
                                                {QStringLiteral("length"), e.enclosure.length},
                                            })
                                          : QJsonValue()},
        {QStringLiteral("link"), jsonUrl(e.link)},
        {QStringLiteral("position_ms"), e.positionMs},
        {QStringLiteral("played"), e.played},
    };
}

// A podcast named on the command line: its id, or its title (exact, else one unique substring).
std::optional<Podcast> findPodcast(const Library &library, const QString &key, QString *why)
{
    bool isNumber = false;
    const qint64 id = key.toLongLong(&isNumber);
    if (isNumber) {
        if (auto p = library.podcast(id))
            return p;
        *why = QStringLiteral("There is no podcast with id %1 (see `sidecast-cli list`).").arg(id);
        return std::nullopt;
    }
    QList<Podcast> matches;
    for (const Podcast &p : library.podcasts()) {
        if (p.title.compare(key, Qt::CaseInsensitive) == 0)
            return p;
        if (p.title.contains(key, Qt::CaseInsensitive))
            matches.append(p);
    }
    if (matches.size() == 1)
        return matches.constFirst();
    *why =
        matches.isEmpty()
            ? QStringLiteral("No podcast matches “%1”.").arg(key)
            : QStringLiteral("“%1” matches %2 podcasts; use the id.").arg(key).arg(matches.size());
    return std::nullopt;
}

int commandAdd(Library &library, const QString &input, bool json)
{
    QString why;
    const QUrl url = Subscriber::normalizeInput(input, &why);
    if (!url.isValid()) {
        err(why);
        return Usage;
    }
    Subscriber subscriber(&library);
    int code = Failure;
    QObject::connect(&subscriber, &Subscriber::subscribed,
                     [&](qint64 podcastId, const QString &title, int count) {
                         if (json)
                             printJson(podcastJson(*library.podcast(podcastId)));
                         else
                             out(QStringLiteral("Subscribed to “%1” (id %2, %3 episodes).")
                                     .arg(title)
                                     .arg(podcastId)
                                     .arg(count));
                         code = Ok;
                         QCoreApplication::quit();
                     });
    QObject::connect(&subscriber, &Subscriber::failed, [&](const Error &error) {
        err(error.message);
        if (error.kind != Error::Kind::Duplicate)
            library.logError(error);
        code = Failure;
        QCoreApplication::quit();
    });
    subscriber.subscribe(url);
    QCoreApplication::exec();
    return code;
}

int commandList(const Library &library, bool json)
{
    const QList<Podcast> podcasts = library.podcasts();
    if (json) {
        QJsonArray array;
        for (const Podcast &p : podcasts)
            array.append(podcastJson(p));
        printJson(array);
        return Ok;
    }
    if (podcasts.isEmpty()) {
        out(QStringLiteral("No podcasts yet. Add one with: sidecast-cli add URL"));
        return Ok;
    }
    for (const Podcast &p : podcasts) {
        out(QStringLiteral("%1  %2  (%3 episodes, %4 unplayed)")
                .arg(p.id, 4)
                .arg(p.title)
                .arg(p.episodeCount)
                .arg(p.unplayedCount));
        out(QStringLiteral("      %1").arg(p.feedUrl.toDisplayString()));
    }
    return Ok;
}

int commandEpisodes(const Library &library, const QString &key, bool json)
{
    QString why;
    const std::optional<Podcast> podcast = findPodcast(library, key, &why);
    if (!podcast) {
        err(why);
        return Failure;
    }
    const QList<Episode> episodes = library.episodes(podcast->id);
    if (json) {
        QJsonArray array;
        for (const Episode &e : episodes)
            array.append(episodeJson(e));
        printJson(array);
        return Ok;
    }
    out(QStringLiteral("%1 — %2 episodes").arg(podcast->title).arg(episodes.size()));
    for (const Episode &e : episodes) {
        const QString date = e.published.isValid()
                                 ? e.published.toUTC().toString(QStringLiteral("yyyy-MM-dd"))
                                 : QStringLiteral("----------");
        const QString length =
            e.durationSecs > 0 ? timeutil::formatDuration(e.durationSecs) : QStringLiteral("?");
        QString state;
        if (e.played)
            state = QStringLiteral("played");
        else if (e.positionMs > 0)
            state = QStringLiteral("at %1").arg(timeutil::formatDuration(e.positionMs / 1000));
        out(QStringLiteral("%1  %2  %3  %4%5")
                .arg(e.id, 6)
                .arg(date)
                .arg(length, 8)
                .arg(e.title)
                .arg(state.isEmpty() ? QString() : QStringLiteral("  [%1]").arg(state)));
    }
    return Ok;
}

int commandImportOpml(Library &library, const QString &path, bool json)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return Failure;
    }
    OpmlImporter importer(&library);
    OpmlImporter::Report report;
    QObject::connect(&importer, &OpmlImporter::finished, [&](const OpmlImporter::Report &r) {
        report = r;
        QCoreApplication::quit();
    });
    if (!json) {
        QObject::connect(&importer, &OpmlImporter::progress, [](int done, int total) {
            std::fprintf(stderr, "\r%d/%d feeds", done, total);
            if (done == total)
                std::fputc('\n', stderr);
        });
    }
    importer.import(file.readAll());
    QCoreApplication::exec();
    if (!report.error.isEmpty()) {
        err(report.error);
        return Failure;
    }
    if (json) {
        QJsonArray added, skipped, failed;
        for (const OpmlEntry &e : std::as_const(report.added))
            added.append(QJsonObject{{QStringLiteral("title"), e.title},
                                     {QStringLiteral("url"), jsonUrl(e.feedUrl)}});
        for (const Opml::Skipped &s : std::as_const(report.skipped))
            skipped.append(QJsonObject{{QStringLiteral("what"), s.what},
                                       {QStringLiteral("reason"), s.reason}});
        for (const auto &[entry, error] : std::as_const(report.failed))
            failed.append(QJsonObject{{QStringLiteral("url"), jsonUrl(entry.feedUrl)},
                                      {QStringLiteral("message"), error.message}});
        printJson(QJsonObject{{QStringLiteral("added"), added},
                              {QStringLiteral("skipped"), skipped},
                              {QStringLiteral("failed"), failed}});
    } else {
        out(QStringLiteral("Added %1, skipped %2, failed %3.")
                .arg(report.added.size())
                .arg(report.skipped.size())
                .arg(report.failed.size()));
        for (const Opml::Skipped &s : std::as_const(report.skipped))
            out(QStringLiteral("  skipped “%1”: %2").arg(s.what, s.reason));
        for (const auto &[entry, error] : std::as_const(report.failed))
            out(QStringLiteral("  failed %1: %2")
                    .arg(entry.feedUrl.toDisplayString(), error.message));
    }
    return report.failed.isEmpty() ? Ok : Failure;
}

int commandExportOpml(const Library &library, const QString &path)
{
    const QList<Podcast> podcasts = library.podcasts();
    const QByteArray bytes = Opml::writeSubscriptions(podcasts);
    if (path.isEmpty() || path == QLatin1String("-")) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        return Ok;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(bytes) != bytes.size()) {
        err(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return Failure;
    }
    out(QStringLiteral("Wrote %1 podcasts to %2.").arg(podcasts.size()).arg(path));
    return Ok;
}

QJsonObject outcomeJson(const Refresher::FeedOutcome &o)
{
    return QJsonObject{
        {QStringLiteral("podcast_id"), o.podcastId},
        {QStringLiteral("title"), o.title},
        {QStringLiteral("url"), jsonUrl(o.url)},
        {QStringLiteral("status"), o.error.httpStatus},
        {QStringLiteral("message"), o.error.message},
    };
}

int commandRefresh(Library &library, const QString &key, bool json)
{
    std::optional<Podcast> only;
    if (!key.isEmpty()) {
        QString why;
        only = findPodcast(library, key, &why);
        if (!only) {
            err(why);
            return Failure;
        }
    }
    KeychainCredentialStore credentials;
    Refresher refresher(&library, &credentials);
    Refresher::Summary summary;
    QObject::connect(&refresher, &Refresher::finished, [&](const Refresher::Summary &s) {
        summary = s;
        QCoreApplication::quit();
    });
    if (only)
        refresher.refreshPodcast(only->id);
    else
        refresher.refreshAll();
    QCoreApplication::exec();

    if (json) {
        QJsonArray failures;
        for (const Refresher::FeedOutcome &o : std::as_const(summary.failures))
            failures.append(outcomeJson(o));
        printJson(QJsonObject{
            {QStringLiteral("feeds"), summary.feeds},
            {QStringLiteral("changed"), summary.changed},
            {QStringLiteral("not_modified"), summary.notModified},
            {QStringLiteral("unchanged"), summary.unchanged},
            {QStringLiteral("failed"), summary.failed},
            {QStringLiteral("added"), summary.added},
            {QStringLiteral("updated"), summary.updated},
            {QStringLiteral("removed"), summary.removed},
            {QStringLiteral("seconds"), double(summary.elapsedMs) / 1000.0},
            {QStringLiteral("failures"), failures},
        });
    } else if (summary.feeds == 0) {
        out(QStringLiteral("Nothing to refresh."));
    } else {
        out(QStringLiteral("Refreshed %1 podcasts in %2 s: %3 changed (%4 new episodes), %5 not"
                           " modified, %6 unchanged, %7 failed.")
                .arg(summary.feeds)
                .arg(double(summary.elapsedMs) / 1000.0, 0, 'f', 1)
                .arg(summary.changed)
                .arg(summary.added)
                .arg(summary.notModified)
                .arg(summary.unchanged)
                .arg(summary.failed));
        for (const Refresher::FeedOutcome &o : std::as_const(summary.failures))
            out(QStringLiteral("  %1: %2").arg(o.title, o.error.message));
    }
    return summary.failed > 0 ? Failure : Ok;
}

int commandRemove(Library &library, const QString &key, bool json)
{
    QString why;
    const std::optional<Podcast> podcast = findPodcast(library, key, &why);
    if (!podcast) {
        err(why);
        return Failure;
    }
    if (!library.removePodcast(podcast->id)) {
        err(library.lastError().message);
        return Failure;
    }
    if (json)
        printJson(podcastJson(*podcast));
    else
        out(QStringLiteral("Removed “%1” (id %2).").arg(podcast->title).arg(podcast->id));
    return Ok;
}

int commandErrors(const Library &library, bool json)
{
    const QList<Library::ErrorLogEntry> log = library.errorLog(100);
    if (json) {
        QJsonArray array;
        for (const Library::ErrorLogEntry &e : log)
            array.append(QJsonObject{
                {QStringLiteral("time"), jsonDate(e.error.when)},
                {QStringLiteral("kind"), Error::kindName(e.error.kind)},
                {QStringLiteral("podcast_id"),
                 e.podcastId > 0 ? QJsonValue(e.podcastId) : QJsonValue()},
                {QStringLiteral("podcast"), e.podcastTitle},
                {QStringLiteral("url"), jsonUrl(e.error.url)},
                {QStringLiteral("status"), e.error.httpStatus},
                {QStringLiteral("message"), e.error.message},
            });
        printJson(array);
        return Ok;
    }
    if (log.isEmpty()) {
        out(QStringLiteral("No errors."));
        return Ok;
    }
    for (const Library::ErrorLogEntry &e : log) {
        const QString when =
            e.error.when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const QString status =
            e.error.httpStatus > 0 ? QStringLiteral(" [%1]").arg(e.error.httpStatus) : QString();
        out(QStringLiteral("%1  %2%3")
                .arg(when, e.podcastTitle.isEmpty() ? QStringLiteral("-") : e.podcastTitle,
                     status));
        out(QStringLiteral("    %1").arg(e.error.message));
        if (e.error.url.isValid())
            out(QStringLiteral("    %1").arg(e.error.url.toDisplayString()));
    }
    return Ok;
}

// `parse` has its own exit statuses (shared/specs/feed-json.md): 0 parsed, 2 not a feed we can
// read, 1 anything else; stdout stays empty unless the status is 0.
enum ParseExit
{
    Parsed = 0,
    ParseFailure = 1,
    NotAFeed = 2
};

struct Source
{
    QByteArray bytes;
    QUrl url;           // where the document lives; empty for stdin
    QByteArray charset; // from the HTTP Content-Type
    Error error;
};

// Reads a file or stdin, refusing (without reading it all) input over the parser's size limit.
Source readLocal(QFile &file, const QUrl &url, qint64 maxBytes)
{
    Source source;
    source.url = url;
    const QString name = url.isEmpty() ? QStringLiteral("standard input") : file.fileName();
    if (!file.isOpen() && !file.open(QIODevice::ReadOnly)) {
        source.error =
            Error::make(Error::Kind::Network, url,
                        QFileInfo(file.fileName()).exists()
                            ? QStringLiteral("Cannot read %1: %2").arg(name, file.errorString())
                            : QStringLiteral("There is no file %1.").arg(name));
        return source;
    }
    if (QFileInfo(file.fileName()).isDir()) {
        source.error = Error::make(Error::Kind::Network, url,
                                   QStringLiteral("%1 is a folder, not a feed file.").arg(name));
        return source;
    }
    // One byte over the limit is enough for the parser to refuse with its own message.
    source.bytes = file.read(maxBytes + 1);
    if (file.error() != QFileDevice::NoError)
        source.error =
            Error::make(Error::Kind::Network, url,
                        QStringLiteral("Cannot read %1: %2").arg(name, file.errorString()));
    return source;
}

Source fetchRemote(const QUrl &url, qint64 maxBytes)
{
    Source source;
    FeedFetcher fetcher;
    fetcher.setMaxBytes(maxBytes);
    fetcher.fetch(url, &fetcher, [&](const FeedFetcher::Result &result) {
        source.url = result.finalUrl.isEmpty() ? url : result.finalUrl;
        source.bytes = result.body;
        source.charset = feedencoding::charsetFromContentType(result.contentType);
        source.error = result.error;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    return source;
}

int commandParse(const QString &input, const QString &baseUrlText)
{
    FeedParser::Options options;
    if (!baseUrlText.isEmpty()) {
        options.baseUrl = QUrl(baseUrlText, QUrl::StrictMode);
        if (!options.baseUrl.isValid() || options.baseUrl.isRelative()) {
            err(QStringLiteral("--base-url needs an absolute URL, not “%1”.").arg(baseUrlText));
            return ParseFailure;
        }
    }

    Source source;
    const QUrl inputUrl(input);
    const QString scheme = inputUrl.scheme().toLower();
    if (input == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err(QStringLiteral("Cannot read standard input."));
            return ParseFailure;
        }
        source = readLocal(in, QUrl(), options.maxBytes);
    } else if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        source = fetchRemote(inputUrl, options.maxBytes);
    } else {
        const QString path = scheme == QLatin1String("file") ? inputUrl.toLocalFile() : input;
        QFile file(path);
        source = readLocal(file, QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()),
                           options.maxBytes);
    }
    if (source.error.isError()) {
        err(source.error.message);
        // A body over the size limit is a document we will not read, like the parser's refusal.
        return source.error.kind == Error::Kind::InvalidInput ? NotAFeed : ParseFailure;
    }

    options.httpCharset = source.charset;
    const FeedParser::Result result = FeedParser::parse(source.bytes, source.url, options);
    if (!result.ok()) {
        const QString where =
            source.url.isEmpty() ? QStringLiteral("standard input") : source.url.toDisplayString();
        err(QStringLiteral("%1: %2").arg(where, result.error.message));
        return NotAFeed;
    }
    const QByteArray json = QJsonDocument(feedjson::toJson(result.feed)).toJson();
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    return std::fflush(stdout) == 0 ? Parsed : ParseFailure;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sidecast"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIDECAST_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sidecast's library from the command line.\n\n"
        "Commands:\n"
        "  add URL            subscribe to a feed (http, https or file URL, or a path)\n"
        "  list               the subscribed podcasts\n"
        "  episodes PODCAST   the episodes of a podcast (its id or title), newest first\n"
        "  import-opml FILE   subscribe to every feed of an OPML file\n"
        "  export-opml [FILE] write the subscriptions as OPML 2.0 (to stdout without FILE)\n"
        "  refresh [PODCAST]  bring every podcast (or one) up to date\n"
        "  remove PODCAST     unsubscribe and forget its episodes\n"
        "  errors             the error log, newest first\n"

        "  parse SOURCE       parse one feed (a path, - for stdin, or an http, https or file\n"
        "                     URL) and print it as JSON (shared/specs/feed-json.md); exit\n"
        "                     status 0 parsed, 2 not a feed, 1 anything else"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption libraryOption(
        QStringLiteral("library"),
        QStringLiteral("Use the library in <dir> instead of the default."), QStringLiteral("dir"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print JSON for machines."));
    const QCommandLineOption baseUrlOption(
        QStringLiteral("base-url"),
        QStringLiteral("parse: resolve relative URLs against <url> (after xml:base, before the "
                       "source's own URL)."),
        QStringLiteral("url"));
    parser.addOptions({libraryOption, jsonOption, baseUrlOption});
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral(
            "add, list, episodes, refresh, remove, errors, import-opml, export-opml or parse"));
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        err(QStringLiteral("no command given; see --help"));
        return Usage;
    }
    const QString command = args.constFirst();
    const bool json = parser.isSet(jsonOption);

    if (command == QLatin1String("parse")) {
        // Needs no library, and keeps its own exit statuses.
        if (args.size() != 2) {
            err(QStringLiteral("usage: sidecast-cli parse SOURCE [--base-url URL]"));
            return ParseFailure;
        }
        return commandParse(args.at(1), parser.value(baseUrlOption));
    }

    if (command == QLatin1String("parse")) {
        // Needs no library, and keeps its own exit statuses.
        if (args.size() != 2) {
            err(QStringLiteral("usage: sidecast-cli parse SOURCE [--base-url URL]"));
            return ParseFailure;
        }
        return commandParse(args.at(1), parser.value(baseUrlOption));
    }

    auto needs = [&](int count, const QString &usage) {
        if (args.size() == count + 1)
            return true;
        err(QStringLiteral("usage: sidecast-cli %1").arg(usage));
        return false;
    };
    const QStringList commands = {QStringLiteral("add"),         QStringLiteral("list"),
                                  QStringLiteral("episodes"),    QStringLiteral("refresh"),
                                  QStringLiteral("remove"),      QStringLiteral("errors"),
                                  QStringLiteral("import-opml"), QStringLiteral("export-opml")};
    if (!commands.contains(command)) {
        err(QStringLiteral("unknown command “%1”; see --help").arg(command));
        return Usage;
    }
    if ((command == QLatin1String("add") && !needs(1, QStringLiteral("add URL"))) ||
        (command == QLatin1String("list") && !needs(0, QStringLiteral("list"))) ||
        (command == QLatin1String("episodes") && !needs(1, QStringLiteral("episodes PODCAST"))) ||
        (command == QLatin1String("refresh") && args.size() > 2 &&
         !needs(1, QStringLiteral("refresh [PODCAST]"))) ||
        (command == QLatin1String("remove") && !needs(1, QStringLiteral("remove PODCAST"))) ||
        (command == QLatin1String("errors") && !needs(0, QStringLiteral("errors"))) ||
        (command == QLatin1String("import-opml") &&
         !needs(1, QStringLiteral("import-opml FILE"))) ||
        (command == QLatin1String("export-opml") && args.size() > 2)) {
        if (command == QLatin1String("export-opml"))
            err(QStringLiteral("usage: sidecast-cli export-opml [FILE]"));
        return Usage;
    }

    Library library;
    Error openError;
    const QString directory =
        parser.isSet(libraryOption) ? parser.value(libraryOption) : Library::defaultDirectory();
    if (!library.open(directory, &openError)) {
        err(openError.message);
        return Failure;
    }

    if (command == QLatin1String("add"))
        return commandAdd(library, args.at(1), json);
    if (command == QLatin1String("list"))
        return commandList(library, json);
    if (command == QLatin1String("import-opml"))
        return commandImportOpml(library, args.at(1), json);
    if (command == QLatin1String("export-opml"))
        return commandExportOpml(library, args.value(1));
    if (command == QLatin1String("refresh"))
        return commandRefresh(library, args.value(1), json);
    if (command == QLatin1String("remove"))
        return commandRemove(library, args.at(1), json);
    if (command == QLatin1String("errors"))
        return commandErrors(library, json);
    return commandEpisodes(library, args.at(1), json);
}
