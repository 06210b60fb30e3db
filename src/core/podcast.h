#pragma once

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace sidecast {

// A subscribed (or just parsed) show.
struct Podcast
{
    qint64 id = 0; // library row id; 0 before it is stored
    QUrl feedUrl;  // where the feed was fetched from
    QString title;
    QUrl link; // the show's web site
    QString description;
    QString author;
    QUrl imageUrl;
    QString language;
    // itunes:new-feed-url: where the publisher says the feed now lives (parsed feeds only).
    QUrl newFeedUrl;

    // Library bookkeeping.
    QDateTime addedAt;
    QDateTime lastRefreshed;
    int episodeCount = 0;
    int unplayedCount = 0;
    bool ended = false;            // the server answered 410 Gone: no longer refreshed
    bool needsCredentials = false; // the server asked for a user name and password
    QString lastError;             // why the last refresh failed; empty when it succeeded
};

} // namespace sidecast
