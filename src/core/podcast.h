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

    // Library bookkeeping.
    QDateTime addedAt;
    QDateTime lastRefreshed;
    int episodeCount = 0;
    int unplayedCount = 0;
};

} // namespace sidecast
