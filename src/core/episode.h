#pragma once

#include "alternateenclosure.h"
#include "chapter.h"
#include "enclosure.h"
#include "person.h"
#include "soundbite.h"
#include "transcript.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

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
    Enclosure enclosure; // the best of `enclosures`: audio or video before anything else

    // Everything else the feed says (see shared/specs/feed-json.md); each default means "the
    // feed does not say".
    QList<Enclosure> enclosures; // every media file in document order, repeated URLs dropped
    QString subtitle;            // itunes:subtitle, else an Atom summary; plain text
    QString author;              // itunes:author, dc:creator, author, Atom author name
    int season = 0;              // itunes:season / podcast:season
    double episodeNumber = 0;    // itunes:episode / podcast:episode; may be fractional
    QString episodeType;         // "full", "trailer" or "bonus"
    std::optional<bool> explicitContent;
    QUrl chaptersUrl; // podcast:chapters
    QString chaptersType;
    QList<Chapter> chapters; // inline Podlove Simple Chapters
    QList<Transcript> transcripts;
    QList<Person> persons;
    QList<Soundbite> soundbites;
    QList<AlternateEnclosure> alternateEnclosures;

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
