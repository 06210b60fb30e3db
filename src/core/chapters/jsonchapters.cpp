#include "jsonchapters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace sidecast {

namespace {

bool isWebUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && !url.host().isEmpty() &&
           (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

QUrl webUrl(const QJsonValue &value, const QUrl &base)
{
    if (!value.isString())
        return {};
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return {};
    QUrl url(text);
    if (url.isRelative() && isWebUrl(base))
        url = base.resolved(url);
    return isWebUrl(url) ? url : QUrl();
}

QUrl imageUrl(const QJsonValue &value, const QUrl &base)
{
    if (value.isString() &&
        value.toString().trimmed().startsWith(QLatin1String("data:image/"), Qt::CaseInsensitive))
        return QUrl(value.toString().trimmed());
    return webUrl(value, base);
}

// A time in seconds, or -1 when the value is not a usable one.
double seconds(const QJsonValue &value)
{
    if (!value.isDouble())
        return -1;
    const double s = value.toDouble();
    return std::isfinite(s) && s >= 0 ? s : -1;
}

} // namespace

JsonChapters::Result JsonChapters::parse(const QByteArray &json, const QUrl &documentUrl)
{
    Result result;
    QJsonParseError parseError;
    // Servers and editors sometimes put a UTF-8 byte order mark first; JSON has no use for it.
    const QByteArray text = json.startsWith("\xEF\xBB\xBF") ? json.mid(3) : json;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("The chapters file is not valid JSON (%1 at byte %2).")
                           .arg(parseError.errorString())
                           .arg(parseError.offset);
        return result;
    }
    if (!doc.isObject() || !doc.object().value(QLatin1String("chapters")).isArray()) {
        result.error = QStringLiteral("The chapters file has no list of chapters.");
        return result;
    }

    const QJsonArray entries = doc.object().value(QLatin1String("chapters")).toArray();
    for (const QJsonValue &entry : entries) {
        if (!entry.isObject())
            continue;
        const QJsonObject o = entry.toObject();
        Chapter c;
        c.startSecs = seconds(o.value(QLatin1String("startTime")));
        if (c.startSecs < 0)
            continue;
        const double end = seconds(o.value(QLatin1String("endTime")));
        c.endSecs = end > c.startSecs ? end : -1;
        if (const QJsonValue title = o.value(QLatin1String("title")); title.isString())
            c.title = title.toString().simplified();
        c.url = webUrl(o.value(QLatin1String("url")), documentUrl);
        c.imageUrl = imageUrl(o.value(QLatin1String("img")), documentUrl);
        if (const QJsonValue toc = o.value(QLatin1String("toc")); toc.isBool())
            c.toc = toc.toBool();
        result.chapters.append(c);
    }

    std::stable_sort(result.chapters.begin(), result.chapters.end(),
                     [](const Chapter &a, const Chapter &b) { return a.startSecs < b.startSecs; });
    result.chapters.erase(
        std::unique(result.chapters.begin(), result.chapters.end(),
                    [](const Chapter &a, const Chapter &b) { return a.startSecs == b.startSecs; }),
        result.chapters.end());
    if (result.chapters.size() > kMaxChapters)
        result.chapters.resize(kMaxChapters);
    return result;
}

} // namespace sidecast
