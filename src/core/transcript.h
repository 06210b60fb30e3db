#pragma once

#include <QString>
#include <QUrl>

namespace sidecast {

// Where an episode's transcript lives (podcast:transcript); the cues are read elsewhere.
struct Transcript
{
    QUrl url;
    QString mimeType; // text/vtt, application/x-subrip, application/json, text/html, text/plain
    QString language; // empty when the feed does not say
    QString rel;      // "captions" for timed captions; empty otherwise

    friend bool operator==(const Transcript &, const Transcript &) = default;
};

} // namespace sidecast
