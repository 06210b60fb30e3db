#include "duration.h"

namespace sidecast::timeutil {
namespace {

// "[[H:]M:]S[.fff]": up to three colon-separated fields of digits, the last of which may carry
// a fraction. False for anything else (signs, units, empty fields, absurd lengths).
bool parseClock(QStringView text, qint64 *seconds, double *fraction)
{
    text = text.trimmed();
    if (text.isEmpty())
        return false;
    qint64 fields[3] = {};
    int fieldCount = 0;
    qint64 current = 0;
    int digits = 0;
    qsizetype i = 0;
    for (; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= u'0' && c <= u'9') {
            if (++digits > 12)
                return false; // longer than any real episode; also keeps the arithmetic safe
            current = current * 10 + (c - u'0');
        } else if (c == u':') {
            if (digits == 0 || fieldCount == 2)
                return false;
            fields[fieldCount++] = current;
            current = 0;
            digits = 0;
        } else if (c == u'.') {
            break;
        } else {
            return false;
        }
    }
    double fractionValue = 0;
    if (i < text.size()) {
        double scale = 0.1;
        for (++i; i < text.size(); ++i) {
            const char16_t c = text[i].unicode();
            if (c < u'0' || c > u'9')
                return false;
            fractionValue += (c - u'0') * scale;
            scale /= 10;
        }
        if (digits == 0 && fieldCount > 0)
            return false;
    } else if (digits == 0) {
        return false;
    }
    fields[fieldCount++] = current;

    qint64 total = 0;
    for (int f = 0; f < fieldCount; ++f)
        total = total * 60 + fields[f];
    *seconds = total;
    *fraction = fractionValue;
    return true;
}

} // namespace

qint64 parseDuration(QStringView text)
{
    qint64 seconds = 0;
    double fraction = 0;
    return parseClock(text, &seconds, &fraction) ? seconds : 0;
}

double parseClockTime(QStringView text)
{
    qint64 seconds = 0;
    double fraction = 0;
    if (!parseClock(text, &seconds, &fraction))
        return -1;
    return double(seconds) + fraction;
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
