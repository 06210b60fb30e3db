#pragma once

#include "core/podcast.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace sidecast {

// One subscription as an OPML file lists it.
struct OpmlEntry
{
    QUrl feedUrl;  // xmlUrl
    QString title; // title, else text
    QUrl htmlUrl;  // the show's web site, when given
    friend bool operator==(const OpmlEntry &, const OpmlEntry &) = default;
};

// Reading and writing OPML subscription lists (OPML 1.0 and 2.0). Pure: bytes in, values out.
class Opml
{
public:
    struct Skipped
    {
        QString what;   // the outline's title or URL as written
        QString reason; // why it was not taken, in words
    };

    struct ReadResult
    {
        QList<OpmlEntry> entries; // in document order, without duplicates
        QList<Skipped> skipped;   // duplicates and invalid outlines
        QString error;            // set when the document is not OPML at all
        bool ok() const { return error.isEmpty(); }
    };

    // Reads every outline with an xmlUrl, at any depth of nesting. Outlines without one are
    // folders (or junk) and are passed over silently unless they look like a broken feed entry.
    static ReadResult read(const QByteArray &data);

    // A valid OPML 2.0 document with one outline per entry (text, title, type="rss", xmlUrl,
    // htmlUrl when known).
    static QByteArray write(const QList<OpmlEntry> &entries, const QString &title);
    // The library's subscriptions as the app and the CLI export them.
    static QByteArray writeSubscriptions(const QList<Podcast> &podcasts);
};

} // namespace sidecast
