// libFuzzer target for FeedParser::parse: arbitrary bytes in, a Feed or an Error out. Any crash,
// sanitizer report, hang or runaway allocation is a bug; a parse error is the expected outcome
// for most inputs.

#include "core/feed/feedparser.h"

#include <QByteArray>
#include <QUrl>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // A copy, as callers hold the bytes (a QNetworkReply or QFile read): owned and
    // null-terminated.
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // A source URL with a path, so that relative links and enclosures are resolved.
    static const QUrl source(QStringLiteral("https://fuzz.example.org/podcast/feed.xml"));

    const sidecast::FeedParser::Result result = sidecast::FeedParser::parse(bytes, source);
    // What the library does next with every episode of a parsed feed.
    for (const sidecast::Episode &episode : result.feed.episodes)
        episode.identity();
    return 0;
}
