#pragma once

#include "funding.h"
#include "person.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

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

    // Everything else the feed says (see shared/specs/feed-json.md); each default means "the
    // feed does not say".
    QString descriptionHtml; // the richest HTML description, as published
    QString subtitle;        // itunes:subtitle
    QString ownerName;       // itunes:owner
    QString ownerEmail;
    QList<QStringList> categories; // itunes:category paths, e.g. {"Technology", "Software"}
    std::optional<bool> explicitContent;
    QString showType;           // itunes:type: "episodic" or "serial"
    std::optional<bool> locked; // podcast:locked
    QString podcastGuid;        // podcast:guid
    QString medium;             // podcast:medium, lower case
    QList<Funding> funding;     // podcast:funding and atom:link rel="payment"
    QList<Person> persons;      // podcast:person on the channel
    QUrl newFeedUrl;            // itunes:new-feed-url or <redirect><newLocation>
    QUrl selfUrl;               // atom:link rel="self"
    QUrl pagedFeedNext;         // RFC 5005 atom:link rel="next"

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
