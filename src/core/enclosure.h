#pragma once

#include <QString>
#include <QUrl>

namespace sidecast {

// The media file an episode points at (RSS <enclosure>, Atom rel="enclosure").
struct Enclosure
{
    QUrl url;
    QString mimeType;
    qint64 length = 0; // bytes as the feed claims them; 0 when unknown

    bool isValid() const { return url.isValid() && !url.isEmpty(); }
    friend bool operator==(const Enclosure &, const Enclosure &) = default;
};

} // namespace sidecast
