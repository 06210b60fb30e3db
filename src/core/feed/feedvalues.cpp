#include "feedvalues.h"

#include <cmath>

namespace sidecast::feedvalues {
namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool equalsNoCase(QStringView text, QStringView word)
{
    return text.compare(word, Qt::CaseInsensitive) == 0;
}

// Digits with at most one '.', nothing else; -1 when the text is not that.
double parseUnsignedDecimal(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty() || text.size() > 32)
        return -1;
    bool dot = false;
    bool anyDigit = false;
    for (const QChar c : text) {
        if (isDigit(c)) {
            anyDigit = true;
        } else if (c == u'.' && !dot) {
            dot = true;
        } else {
            return -1;
        }
    }
    if (!anyDigit)
        return -1;
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok && std::isfinite(value) ? value : -1;
}

} // namespace

std::optional<bool> parseExplicit(QStringView text)
{
    text = text.trimmed();
    if (equalsNoCase(text, u"true") || equalsNoCase(text, u"yes") ||
        equalsNoCase(text, u"explicit"))
        return true;
    if (equalsNoCase(text, u"false") || equalsNoCase(text, u"no") || equalsNoCase(text, u"clean"))
        return false;
    return std::nullopt;
}

std::optional<bool> parseYesNo(QStringView text)
{
    text = text.trimmed();
    if (equalsNoCase(text, u"yes") || equalsNoCase(text, u"true"))
        return true;
    if (equalsNoCase(text, u"no") || equalsNoCase(text, u"false"))
        return false;
    return std::nullopt;
}

int parsePositiveInteger(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty() || text.size() > 9)
        return 0;
    int value = 0;
    for (const QChar c : text) {
        if (!isDigit(c))
            return 0;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

double parsePositiveDecimal(QStringView text)
{
    const double value = parseUnsignedDecimal(text);
    return value > 0 ? value : 0;
}

double parseNonNegativeDecimal(QStringView text)
{
    return parseUnsignedDecimal(text);
}

qint64 parseLength(QStringView text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok && value > 0 ? value : 0;
}

QString normalizeMimeType(QStringView text)
{
    text = text.trimmed();
    const qsizetype slash = text.indexOf(u'/');
    if (slash <= 0 || slash == text.size() - 1)
        return {};
    for (const QChar c : text) {
        if (c.isSpace() && c != u' ')
            return {};
    }
    if (text.first(slash).contains(u' '))
        return {};
    return text.toString().toLower();
}

QString parseEpisodeType(QStringView text)
{
    text = text.trimmed();
    for (const QStringView type :
         {QStringView(u"full"), QStringView(u"trailer"), QStringView(u"bonus")}) {
        if (equalsNoCase(text, type))
            return type.toString();
    }
    return {};
}

QString parseShowType(QStringView text)
{
    text = text.trimmed();
    for (const QStringView type : {QStringView(u"episodic"), QStringView(u"serial")}) {
        if (equalsNoCase(text, type))
            return type.toString();
    }
    return {};
}

} // namespace sidecast::feedvalues
