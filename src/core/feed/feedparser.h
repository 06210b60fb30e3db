#pragma once

#include "core/error.h"
#include "core/feed.h"

#include <QByteArray>
#include <QUrl>

namespace sidecast {

// Bytes in, Feed value out: a streaming RSS 2.0 / Atom 1.0 / RSS 1.0 reader with the iTunes,
// Podcasting 2.0, Podlove Simple Chapters and Media RSS extensions, by the rules of
// shared/specs/feed-json.md. Pure: no network, no files, no globals.
class FeedParser
{
public:
    struct Options
    {
        // Relative URLs resolve against xml:base, then this, then the source URL.
        QUrl baseUrl;
        qint64 maxBytes = qint64(64) * 1024 * 1024;
        // The charset of the HTTP Content-Type the document came with (see
        // feedencoding::charsetFromContentType); empty for files.
        QByteArray httpCharset;
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
