#pragma once

#include <QByteArray>
#include <QString>

namespace sidecast::bench {

// What every subcommand prints: figures on stdout (text, or one JSON object with --json),
// problems on stderr.
void printLine(const QString &text);
void printJsonLine(const QByteArray &json);
void printError(const QString &text);

// Megabytes (10^6 bytes) per second; 0 when nothing was timed.
double megabytesPerSecond(qint64 bytes, double seconds);

} // namespace sidecast::bench
