#include "jsoncolumns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sidecast::storage {
namespace {

QString urlText(const QUrl &url)
{
    return url.isEmpty() ? QString() : url.toString(QUrl::FullyEncoded);
}

QUrl textUrl(const QJsonValue &value)
{
    const QString text = value.toString();
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

QJsonObject toObject(const Enclosure &e)
{
    return {{QStringLiteral("url"), urlText(e.url)},
            {QStringLiteral("type"), e.mimeType},
            {QStringLiteral("length"), e.length}};
}

void fromObject(const QJsonObject &o, Enclosure &e)
{
    e.url = textUrl(o.value(QStringLiteral("url")));
    e.mimeType = o.value(QStringLiteral("type")).toString();
    e.length = o.value(QStringLiteral("length")).toInteger();
}

QJsonObject toObject(const Chapter &c)
{
    return {{QStringLiteral("start"), c.startSecs},
            {QStringLiteral("end"), c.endSecs},
            {QStringLiteral("title"), c.title},
            {QStringLiteral("url"), urlText(c.url)},
            {QStringLiteral("image"), urlText(c.imageUrl)},
            {QStringLiteral("toc"), c.toc}};
}

void fromObject(const QJsonObject &o, Chapter &c)
{
    c.startSecs = o.value(QStringLiteral("start")).toDouble();
    c.endSecs = o.value(QStringLiteral("end")).toDouble(-1);
    c.title = o.value(QStringLiteral("title")).toString();
    c.url = textUrl(o.value(QStringLiteral("url")));
    c.imageUrl = textUrl(o.value(QStringLiteral("image")));
    c.toc = o.value(QStringLiteral("toc")).toBool(true);
}

QJsonObject toObject(const Transcript &t)
{
    return {{QStringLiteral("url"), urlText(t.url)},
            {QStringLiteral("type"), t.mimeType},
            {QStringLiteral("language"), t.language},
            {QStringLiteral("rel"), t.rel}};
}

void fromObject(const QJsonObject &o, Transcript &t)
{
    t.url = textUrl(o.value(QStringLiteral("url")));
    t.mimeType = o.value(QStringLiteral("type")).toString();
    t.language = o.value(QStringLiteral("language")).toString();
    t.rel = o.value(QStringLiteral("rel")).toString();
}

QJsonObject toObject(const Person &p)
{
    return {{QStringLiteral("name"), p.name},
            {QStringLiteral("role"), p.role},
            {QStringLiteral("group"), p.group},
            {QStringLiteral("href"), urlText(p.href)},
            {QStringLiteral("img"), urlText(p.img)}};
}

void fromObject(const QJsonObject &o, Person &p)
{
    p.name = o.value(QStringLiteral("name")).toString();
    p.role = o.value(QStringLiteral("role")).toString(p.role);
    p.group = o.value(QStringLiteral("group")).toString(p.group);
    p.href = textUrl(o.value(QStringLiteral("href")));
    p.img = textUrl(o.value(QStringLiteral("img")));
}

QJsonObject toObject(const Soundbite &s)
{
    return {{QStringLiteral("start"), s.startSecs},
            {QStringLiteral("duration"), s.durationSecs},
            {QStringLiteral("title"), s.title}};
}

void fromObject(const QJsonObject &o, Soundbite &s)
{
    s.startSecs = o.value(QStringLiteral("start")).toDouble();
    s.durationSecs = o.value(QStringLiteral("duration")).toDouble();
    s.title = o.value(QStringLiteral("title")).toString();
}

QJsonObject toObject(const AlternateEnclosure &a)
{
    QJsonArray sources;
    for (const QUrl &source : a.sources)
        sources.append(urlText(source));
    return {{QStringLiteral("type"), a.mimeType},     {QStringLiteral("length"), a.length},
            {QStringLiteral("bitrate"), a.bitrate},   {QStringLiteral("title"), a.title},
            {QStringLiteral("default"), a.isDefault}, {QStringLiteral("sources"), sources}};
}

void fromObject(const QJsonObject &o, AlternateEnclosure &a)
{
    a.mimeType = o.value(QStringLiteral("type")).toString();
    a.length = o.value(QStringLiteral("length")).toInteger();
    a.bitrate = o.value(QStringLiteral("bitrate")).toDouble();
    a.title = o.value(QStringLiteral("title")).toString();
    a.isDefault = o.value(QStringLiteral("default")).toBool();
    for (const QJsonValue &source : o.value(QStringLiteral("sources")).toArray())
        a.sources.append(textUrl(source));
}

QJsonObject toObject(const Funding &f)
{
    return {{QStringLiteral("url"), urlText(f.url)}, {QStringLiteral("title"), f.title}};
}

void fromObject(const QJsonObject &o, Funding &f)
{
    f.url = textUrl(o.value(QStringLiteral("url")));
    f.title = o.value(QStringLiteral("title")).toString();
}

QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QJsonArray parseArray(const QString &text)
{
    if (text.isEmpty() || text == QLatin1String("[]"))
        return {};
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

template <typename T> QString encode(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(toObject(item));
    return compact(array);
}

template <typename T> void decode(const QString &text, QList<T> &items)
{
    items.clear();
    const QJsonArray array = parseArray(text);
    items.reserve(array.size());
    for (const QJsonValue &value : array) {
        T item;
        fromObject(value.toObject(), item);
        items.append(std::move(item));
    }
}

} // namespace

QString toJsonColumn(const QList<Enclosure> &items)
{
    return encode(items);
}
QString toJsonColumn(const QList<Chapter> &items)
{
    return encode(items);
}
QString toJsonColumn(const QList<Transcript> &items)
{
    return encode(items);
}
QString toJsonColumn(const QList<Person> &items)
{
    return encode(items);
}
QString toJsonColumn(const QList<Soundbite> &items)
{
    return encode(items);
}
QString toJsonColumn(const QList<AlternateEnclosure> &items)
{
    return encode(items);
}
QString toJsonColumn(const QList<Funding> &items)
{
    return encode(items);
}
QString toJsonColumn(const QList<QStringList> &paths)
{
    QJsonArray array;
    for (const QStringList &path : paths)
        array.append(QJsonArray::fromStringList(path));
    return compact(array);
}

void fromJsonColumn(const QString &text, QList<Enclosure> &items)
{
    decode(text, items);
}
void fromJsonColumn(const QString &text, QList<Chapter> &items)
{
    decode(text, items);
}
void fromJsonColumn(const QString &text, QList<Transcript> &items)
{
    decode(text, items);
}
void fromJsonColumn(const QString &text, QList<Person> &items)
{
    decode(text, items);
}
void fromJsonColumn(const QString &text, QList<Soundbite> &items)
{
    decode(text, items);
}
void fromJsonColumn(const QString &text, QList<AlternateEnclosure> &items)
{
    decode(text, items);
}
void fromJsonColumn(const QString &text, QList<Funding> &items)
{
    decode(text, items);
}
void fromJsonColumn(const QString &text, QList<QStringList> &paths)
{
    paths.clear();
    for (const QJsonValue &path : parseArray(text)) {
        QStringList names;
        for (const QJsonValue &name : path.toArray())
            names.append(name.toString());
        paths.append(names);
    }
}

} // namespace sidecast::storage
