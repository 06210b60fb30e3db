#include "datetime.h"

#include <QTimeZone>

#include <array>

namespace sidecast::timeutil {
namespace {

constexpr bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}
constexpr bool isLetter(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}
constexpr char16_t toLower(char16_t c)
{
    return (c >= u'A' && c <= u'Z') ? c + 32 : c;
}

// A cursor over the date text; every read is bounds-checked, nothing allocates.
class Scanner
{
public:
    explicit Scanner(QStringView text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char16_t peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead].unicode() : u'\0';
    }
    bool consume(char16_t c)
    {
        if (atEnd() || peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    void skipSpaces()
    {
        while (!atEnd() && (peek() == u' ' || QChar::isSpace(peek())))
            ++m_pos;
    }
    // Reads up to maxDigits decimal digits; returns how many were read.
    int number(int maxDigits, int *value)
    {
        int count = 0;
        int result = 0;
        while (count < maxDigits && isDigit(peek())) {
            result = result * 10 + (peek() - u'0');
            ++m_pos;
            ++count;
        }
        *value = result;
        return count;
    }
    // Skips digits without reading them (fractions beyond milliseconds).
    void skipDigits()
    {
        while (isDigit(peek()))
            ++m_pos;
    }
    void skipPast(char16_t c)
    {
        while (!atEnd() && peek() != c)
            ++m_pos;
        consume(c);
    }
    QStringView word()
    {
        const qsizetype start = m_pos;
        while (isLetter(peek()))
            ++m_pos;
        return m_text.sliced(start, m_pos - start);
    }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};

struct Fields
{
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int msec = 0;
    int offsetMinutes = 0; // local time minus UTC
};

// True when `word` is a case-insensitive prefix of `full` at least three letters long
// ("Tue", "Tues", "Tuesday"; "Sep", "Sept").
bool isAbbreviationOf(QStringView word, std::u16string_view full)
{
    if (word.size() < 3 || word.size() > qsizetype(full.size()))
        return false;
    for (qsizetype i = 0; i < word.size(); ++i) {
        if (toLower(word[i].unicode()) != full[size_t(i)])
            return false;
    }
    return true;
}

int monthFromName(QStringView word)
{
    static constexpr std::array<std::u16string_view, 12> kMonths = {
        u"january", u"february", u"march",     u"april",   u"may",      u"june",
        u"july",    u"august",   u"september", u"october", u"november", u"december"};
    for (size_t i = 0; i < kMonths.size(); ++i) {
        if (isAbbreviationOf(word, kMonths[i]))
            return int(i) + 1;
    }
    return 0;
}

bool isWeekdayName(QStringView word)
{
    static constexpr std::array<std::u16string_view, 7> kDays = {
        u"monday", u"tuesday", u"wednesday", u"thursday", u"friday", u"saturday", u"sunday"};
    for (const auto day : kDays) {
        if (isAbbreviationOf(word, day))
            return true;
    }
    return false;
}

// Zone abbreviations: RFC 822's own, then ones feeds commonly use. In RFC 822 dates, short
// names we do not know count as UTC, as RFC 2822 section 4.3 asks; longer words are not zones.
enum class UnknownZones
{
    AsUtc,
    Reject
};

bool zoneOffsetMinutes(QStringView name, UnknownZones unknown, int *minutes)
{
    struct Zone
    {
        std::u16string_view name;
        int minutes;
    };
    static constexpr Zone kZones[] = {
        {u"gmt", 0},     {u"ut", 0},     {u"utc", 0},    {u"z", 0},      {u"est", -300},
        {u"edt", -240},  {u"cst", -360}, {u"cdt", -300}, {u"mst", -420}, {u"mdt", -360},
        {u"pst", -480},  {u"pdt", -420}, {u"ast", -240}, {u"adt", -180}, {u"akst", -540},
        {u"akdt", -480}, {u"hst", -600}, {u"nst", -210}, {u"ndt", -150}, {u"wet", 0},
        {u"west", 60},   {u"bst", 60},   {u"cet", 60},   {u"cest", 120}, {u"met", 60},
        {u"mest", 120},  {u"eet", 120},  {u"eest", 180}, {u"msk", 180},  {u"jst", 540},
        {u"kst", 540},   {u"hkt", 480},  {u"sgt", 480},  {u"awst", 480}, {u"acst", 570},
        {u"acdt", 630},  {u"aest", 600}, {u"aedt", 660}, {u"nzst", 720}, {u"nzdt", 780},
    };
    for (const Zone &zone : kZones) {
        if (qsizetype(zone.name.size()) != name.size())
            continue;
        bool same = true;
        for (qsizetype i = 0; i < name.size() && same; ++i)
            same = toLower(name[i].unicode()) == zone.name[size_t(i)];
        if (same) {
            *minutes = zone.minutes;
            return true;
        }
    }
    *minutes = 0;
    return unknown == UnknownZones::AsUtc && name.size() <= 5;
}

// "+0100", "-05:00", "+01", after the sign.
bool numericOffset(Scanner &s, int *minutes)
{
    const bool negative = s.peek() == u'-';
    if (!s.consume(u'+') && !s.consume(u'-'))
        return false;
    int hours = 0;
    int mins = 0;
    const int digits = s.number(4, &hours);
    if (digits == 4) {
        mins = hours % 100;
        hours /= 100;
    } else if (digits == 2 || digits == 1) {
        if (s.consume(u':') && s.number(2, &mins) != 2)
            return false;
    } else {
        return false;
    }
    if (hours > 23 || mins > 59)
        return false;
    *minutes = (negative ? -1 : 1) * (hours * 60 + mins);
    return true;
}

// A zone after the time: numeric, a name, or a name with an offset ("GMT+01:00"). Absent
// means UTC.
bool zone(Scanner &s, UnknownZones unknown, int *minutes)
{
    *minutes = 0;
    if (s.peek() == u'+' || s.peek() == u'-')
        return numericOffset(s, minutes);
    const QStringView name = s.word();
    if (name.isEmpty())
        return true;
    if (!zoneOffsetMinutes(name, unknown, minutes))
        return false;
    if (s.peek() == u'+' || s.peek() == u'-') {
        int extra = 0;
        if (!numericOffset(s, &extra))
            return false;
        *minutes += extra;
    }
    return true;
}

// "HH:MM[:SS[.fff]]"
bool timeOfDay(Scanner &s, Fields *f)
{
    if (s.number(2, &f->hour) == 0 || !s.consume(u':') || s.number(2, &f->minute) == 0)
        return false;
    if (s.consume(u':')) {
        if (s.number(2, &f->second) == 0)
            return false;
        if (s.consume(u'.') || s.consume(u',')) {
            int fraction = 0;
            const int digits = s.number(3, &fraction);
            if (digits == 0)
                return false;
            f->msec = digits == 1 ? fraction * 100 : digits == 2 ? fraction * 10 : fraction;
            s.skipDigits();
        }
    }
    return true;
}

int fullYear(int year, int digits)
{
    if (digits == 2)
        return year < 50 ? 2000 + year : 1900 + year;
    if (digits == 3)
        return 1900 + year;
    return year;
}

// RFC 822 / 2822 and the variants feeds produce: optional weekday, day-month-year or
// month-day-year (with ctime's "Tue Mar 5 10:00:00 2024"), optional seconds and zone, and a
// trailing comment.
bool parseRfc822(Scanner &s, Fields *f)
{
    s.skipSpaces();
    QStringView w = s.word();
    if (!w.isEmpty() && isWeekdayName(w)) {
        s.skipSpaces();
        s.consume(u',');
        s.skipSpaces();
        w = s.word();
    }
    int digits = 0;
    bool timeRead = false;
    if (!w.isEmpty()) {
        // Month first: "Mar 5, 2024" or ctime.
        f->month = monthFromName(w);
        if (f->month == 0)
            return false;
        s.skipSpaces();
        if (s.number(2, &f->day) == 0)
            return false;
        s.skipSpaces();
        s.consume(u',');
        s.skipSpaces();
        if (s.peek(1) == u':' || s.peek(2) == u':') {
            if (!timeOfDay(s, f))
                return false;
            timeRead = true;
            s.skipSpaces();
            if (!zone(s, UnknownZones::AsUtc, &f->offsetMinutes))
                return false;
            s.skipSpaces();
        }
        digits = s.number(4, &f->year);
    } else {
        if (s.number(2, &f->day) == 0)
            return false;
        s.skipSpaces();
        s.consume(u'-');
        s.skipSpaces();
        f->month = monthFromName(s.word());
        if (f->month == 0)
            return false;
        s.skipSpaces();
        s.consume(u'-');
        s.skipSpaces();
        digits = s.number(4, &f->year);
    }
    if (digits < 2)
        return false;
    f->year = fullYear(f->year, digits);
    s.skipSpaces();
    s.consume(u',');
    s.skipSpaces();
    if (!timeRead && !s.atEnd() && isDigit(s.peek())) {
        if (!timeOfDay(s, f))
            return false;
        s.skipSpaces();
        if (!zone(s, UnknownZones::AsUtc, &f->offsetMinutes))
            return false;
        s.skipSpaces();
    }
    if (s.consume(u'(')) {
        s.skipPast(u')');
        s.skipSpaces();
    }
    return s.atEnd();
}

// ISO 8601 / RFC 3339: "YYYY-MM-DD", optionally "THH:MM[:SS[.fff]]" and a zone.
bool parseIso8601(Scanner &s, Fields *f)
{
    if (s.number(4, &f->year) != 4 || !s.consume(u'-') || s.number(2, &f->month) == 0 ||
        !s.consume(u'-') || s.number(2, &f->day) == 0)
        return false;
    if (s.atEnd())
        return true;
    if (!s.consume(u'T') && !s.consume(u't')) {
        if (s.peek() != u' ')
            return false;
        s.skipSpaces();
    }
    if (!timeOfDay(s, f))
        return false;
    s.skipSpaces();
    if (!zone(s, UnknownZones::Reject, &f->offsetMinutes))
        return false;
    s.skipSpaces();
    return s.atEnd();
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to the given proleptic Gregorian date (the "days from civil" method:
// count in 400-year eras starting in March, so the leap day falls at the end of a year).
qint64 daysSinceEpoch(int year, int month, int day)
{
    const int y = month <= 2 ? year - 1 : year;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yearOfEra = y - era * 400;
    const int monthFromMarch = month > 2 ? month - 3 : month + 9;
    const int dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return qint64(era) * 146097 + dayOfEra - 719468;
}

QDateTime toUtc(const Fields &f)
{
    if (f.year < 1 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1 ||
        f.day > daysInMonth(f.year, f.month) || f.hour > 23 || f.minute > 59 || f.second > 60)
        return {};
    const int second = f.second == 60 ? 59 : f.second; // a leap second
    const qint64 secs = daysSinceEpoch(f.year, f.month, f.day) * 86400 + f.hour * 3600 +
                        f.minute * 60 + second - qint64(f.offsetMinutes) * 60;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(secs * 1000 + f.msec, QTimeZone::UTC);
#else
    return QDateTime::fromMSecsSinceEpoch(secs * 1000 + f.msec, Qt::UTC);
#endif
}

} // namespace

QDateTime parseFeedDate(QStringView text)
{
    text = text.trimmed();
    if (text.size() < 6 || text.size() > 200)
        return {};
    Fields fields;
    Scanner scanner(text);
    const bool iso = isDigit(text[0].unicode()) && isDigit(text[1].unicode()) &&
                     isDigit(text[2].unicode()) && isDigit(text[3].unicode()) && text[4] == u'-';
    if (!(iso ? parseIso8601(scanner, &fields) : parseRfc822(scanner, &fields)))
        return {};
    return toUtc(fields);
}

} // namespace sidecast::timeutil
