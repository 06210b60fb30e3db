#pragma once

#include <QString>
#include <QUrl>

namespace sidecast {

// A point in an episode a listener can jump to: from Podcasting 2.0 JSON chapters, inline Podlove
// Simple Chapters, ID3 CHAP frames or the timestamps in the notes (see core/chapters/).
struct Chapter
{
    double startSecs = 0;
    double endSecs = -1; // -1 when the source does not say (the next chapter's start then)
    QString title;
    QUrl url;        // a web page about the chapter
    QUrl imageUrl;   // artwork shown while the chapter plays
    bool toc = true; // false: not listed, but still changes artwork and link

    friend bool operator==(const Chapter &, const Chapter &) = default;
};

} // namespace sidecast
