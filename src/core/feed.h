#pragma once

#include "episode.h"
#include "podcast.h"

#include <QList>

namespace sidecast {

// What a parser makes of one feed document: the show and its episodes, in document order.
struct Feed
{
    enum class Format
    {
        Unknown,
        Rss2,
        Atom,
        Rss1
    };

    Podcast podcast;
    QList<Episode> episodes;
    Format format = Format::Unknown; // the dialect the document was written in
};

} // namespace sidecast
