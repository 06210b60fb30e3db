#pragma once

#include "core/chapter.h"

#include <QList>
#include <QString>

namespace sidecast {

// Chapters inside an MP3 file: ID3v2 CHAP frames, read with TagLib. Each frame gives start and
// end (ms); its TIT2 sub-frame the title, WXXX a link, APIC an image. An embedded image becomes a
// data: URL (one larger than kMaxImageBytes is left out); an APIC that links to an image ("-->")
// keeps the link when it is http(s). Every CHAP frame is listed: the CTOC frames that may order
// and nest them are not needed for a flat list sorted by start.
class Id3Chapters
{
public:
    struct Result
    {
        QList<Chapter> chapters; // sorted by start; empty when the file has none
        QString error;           // the file could not be read as MP3; empty otherwise
        bool ok() const { return error.isEmpty(); }
    };

    static constexpr qsizetype kMaxImageBytes = 512 * 1024;

    static Result read(const QString &filePath);
};

} // namespace sidecast
