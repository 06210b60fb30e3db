#include "duration.h"

namespace sidecast::timeutil {

qint64 parseDuration(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return 0;
    // Up to three colon-separated fields, the last of which may carry a fraction.
    qint64 fields[3] = {};
    int fieldCount = 0;
    qint64 current = 0;
    int digits = 0;
    qsizetype i = 0;
    for (; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= u'0' && c <= u'9') {
            if (++digits > 12)
                return 0; // longer than any real episode; also keeps the arithmetic safe
            current = current * 10 + (c - u'0');
        } else if (c == u':') {
            if (digits == 0 || fieldCount == 2)
                return 0;
            fields[fieldCount++] = current;
            current = 0;
            digits = 0;
        } else if (c == u'.') {
            break;
        } else {
            return 0;
        }
    }
    if (i < text.size()) {
        // The fraction is truncated, but it must still be digits.
        for (++i; i < text.size(); ++i) {
            if (text[i] < u'0' || text[i] > u'9')
                return 0;
        }
        if (digits == 0 && fieldCount > 0)
            return 0;
    } else if (digits == 0) {
        return 0;
    }
    fields[fieldCount++] = current;

    qint64 seconds = 0;
    for (int f = 0; f < fieldCount; ++f)
        seconds = seconds * 60 + fields[f];
    return seconds;
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    const qint64 hours = seconds / 3600;
    const int minutes = int(seconds % 3600 / 60);
    const int secs = int(seconds % 60);
    const auto twoDigits = [](int value) -> QString {
        return QString(QChar(u'0' + value / 10)) + QChar(u'0' + value % 10);
    };
    if (hours > 0)
        return QString::number(hours) + QLatin1Char(':') + twoDigits(minutes) + QLatin1Char(':') +
               twoDigits(secs);
    return QString::number(minutes) + QLatin1Char(':') + twoDigits(secs);
}

} // namespace sidecast::timeutil
