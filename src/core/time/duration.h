#pragma once

#include <QString>
#include <QStringView>

namespace sidecast::timeutil {

// "H:MM:SS", "MM:SS", plain seconds, each optionally with a fraction (truncated); minutes over
// 59 are accepted. Negative or unreadable text gives 0.
qint64 parseDuration(QStringView text);

// A position in an episode, "[[H:]M:]S[.fff]" (Podlove chapter starts, soundbite times): the same
// shapes as parseDuration, but the fraction is kept. -1 when the text is not a time.
double parseClockTime(QStringView text);

// 737 -> "12:17", 3723 -> "1:02:03", 0 -> "0:00". Negative values format as 0.
QString formatDuration(qint64 seconds);

} // namespace sidecast::timeutil
