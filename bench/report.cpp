#include "report.h"

#include <cstdio>

namespace sidecast::bench {
namespace {

void writeLine(std::FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

void printLine(const QString &text)
{
    writeLine(stdout, text.toUtf8());
}

void printJsonLine(const QByteArray &json)
{
    writeLine(stdout, json);
}

void printError(const QString &text)
{
    writeLine(stderr, QByteArray("sidecast-bench: ") + text.toUtf8());
}

double megabytesPerSecond(qint64 bytes, double seconds)
{
    return seconds > 0 ? double(bytes) / 1e6 / seconds : 0.0;
}

} // namespace sidecast::bench
