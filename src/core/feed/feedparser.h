#pragma once

#include "core/error.h"
#include "core/feed.h"

#include <QByteArray>
#include <QUrl>

namespace sidecast {

// Bytes in, Feed value out: a streaming RSS 2.0 / Atom reader with the iTunes extensions.
// Pure: no network, no files, no globals.
class FeedParser
{
public:
    struct Options
    {
        // Relative URLs resolve against xml:base, then this, then the source URL.
        QUrl baseUrl;
        qint64 maxBytes = qint64(64) * 1024 * 1024;
    };

    struct Result
    {
        Feed feed;
        Error error; // kind NotAFeed (or InvalidInput for size) when the bytes cannot be read
        bool ok() const { return !error.isError(); }
    };

    static Result parse(const QByteArray &data, const QUrl &sourceUrl, const Options &options);
    static Result parse(const QByteArray &data, const QUrl &sourceUrl)
    {
        return parse(data, sourceUrl, Options{});
    }
};

} // namespace sidecast
