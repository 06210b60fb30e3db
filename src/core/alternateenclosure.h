#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace sidecast {

// podcast:alternateEnclosure: the same episode in another format, quality or language, with
// the places it can be fetched from (podcast:source).
struct AlternateEnclosure
{
    QString mimeType;
    qint64 length = 0;  // bytes; 0 when unknown
    double bitrate = 0; // bits per second; 0 when unknown
    QString title;      // may be empty
    bool isDefault = false;
    QList<QUrl> sources;

    friend bool operator==(const AlternateEnclosure &, const AlternateEnclosure &) = default;
};

} // namespace sidecast
