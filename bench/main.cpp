// sidecast-bench: benchmarks that print figures and never pass or fail on time. Each subcommand
// measures one thing against a baseline run in the same process, so the ratio is what to compare.

#include "parsebench.h"
#include "refreshbench.h"
#include "report.h"

#include <QCoreApplication>

#include <cstring>

using namespace sidecast::bench;

namespace {

struct Command
{
    QStringView name;
    QStringView summary;
    int (*run)(const QStringList &arguments); // arguments[0] is the command's name
};

constexpr Command kCommands[] = {
    {u"parse", u"FeedParser::parse against a bare QXmlStreamReader scan", &runParseBench},
};

// These run their own event loop (and QCoreApplication) over argc/argv.
struct ArgvCommand
{
    const char *name;
    int (*run)(int argc, char *argv[]);
};

constexpr ArgvCommand kArgvCommands[] = {
    {"refresh", &sidecast::bench::refresh},
    {"listing", &sidecast::bench::listing},
};

QString usage()
{
    QString text = QStringLiteral("Usage: sidecast-bench <command> [options]\n"
                                  "       sidecast-bench <command> --help\n\nCommands:\n");
    for (const Command &command : kCommands) {
        text += QStringLiteral("  %1  %2\n")
                    .arg(command.name.toString().leftJustified(10), command.summary.toString());
    }
    text +=
        QStringLiteral("  %1  %2\n")
            .arg(QStringLiteral("refresh").leftJustified(10),
                 QStringLiteral("refresh N feeds from loopback hosts with latency, then all-304"));
    text += QStringLiteral("  %1  %2\n")
                .arg(QStringLiteral("listing").leftJustified(10),
                     QStringLiteral("open a 200,000-episode library and list first pages"));
    text +=
        QStringLiteral("\nEvery command takes --json to print one JSON object instead of text.");
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    for (const ArgvCommand &command : kArgvCommands) {
        if (argc >= 2 && std::strcmp(argv[1], command.name) == 0)
            return command.run(argc - 1, argv + 1);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sidecast-bench"));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.isEmpty()) {
        printError(QStringLiteral("no command given\n") + usage());
        return 2;
    }
    const QString &name = arguments.first();
    if (name == u"help" || name == u"--help" || name == u"-h") {
        printLine(usage());
        return 0;
    }
    for (const Command &command : kCommands) {
        if (command.name == name)
            return command.run(arguments);
    }
    printError(QStringLiteral("unknown command \"%1\"\n").arg(name) + usage());
    return 2;
}
