#pragma once

#include "enclosure.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

namespace sidecast {

// One episode as a feed describes it, plus the listening state the library keeps for it.
struct Episode
{
    qint64 id = 0;        // library row id; 0 before it is stored
    qint64 podcastId = 0; // library row id of the owning podcast
    QString guid;
    QString title;
    QUrl link;
    QDateTime published;     // UTC; invalid when the feed gives no usable date
    qint64 durationSecs = 0; // 0 when unknown
    QString summary;         // plain-text description (description / itunes:summary)
    QString notesHtml; // the richest notes the feed offers (content:encoded, else description)
    QUrl imageUrl;
    Enclosure enclosure;

    // Listening state (library only; a parsed feed leaves these at their defaults).
    qint64 positionMs = 0;
    bool played = false;
    bool starred = false;
    QString downloadPath; // the downloaded file; empty when not downloaded

    // The identity used to recognise an episode across refreshes: guid, else enclosure URL,
    // else link, else title.
    QString identity() const;
    bool inProgress() const { return !played && positionMs > 0; }
    // What a refresh must never throw away.
    bool hasUserState() const
    {
        return played || positionMs > 0 || starred || !downloadPath.isEmpty();
    }
};

} // namespace sidecast
