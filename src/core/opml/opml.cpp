#include "opml.h"

#include <QDateTime>
#include <QSet>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace sidecast {

namespace {

// Feed addresses are compared without case in scheme and host and without a trailing slash, so
// the same feed written twice slightly differently counts once.
QString identityOf(const QUrl &url)
{
    QString s = url.adjusted(QUrl::NormalizePathSegments | QUrl::StripTrailingSlash)
                    .toString(QUrl::FullyEncoded);
    return s;
}

bool isFeedScheme(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https") ||
           scheme == QLatin1String("file");
}

} // namespace

Opml::ReadResult Opml::read(const QByteArray &data)
{
    ReadResult result;
    QXmlStreamReader xml(data);
    bool sawOpml = false;
    QSet<QString> seen;

    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        if (!sawOpml) {
            if (name.compare(QLatin1String("opml"), Qt::CaseInsensitive) != 0) {
                result.error =
                    QStringLiteral(
                        "This is not an OPML file: its root element is <%1>, not <opml>.")
                        .arg(name.toString());
                return result;
            }
            sawOpml = true;
            continue;
        }
        if (name.compare(QLatin1String("outline"), Qt::CaseInsensitive) != 0)
            continue;

        const QXmlStreamAttributes attrs = xml.attributes();
        QString xmlUrl;
        QString text;
        QString title;
        QString htmlUrl;
        QString type;
        // Attribute names are case-sensitive in OPML, but real exports vary (xmlURL, XMLUrl).
        for (const QXmlStreamAttribute &a : attrs) {
            const QString key = a.name().toString().toLower();
            if (key == QLatin1String("xmlurl"))
                xmlUrl = a.value().toString().trimmed();
            else if (key == QLatin1String("text"))
                text = a.value().toString().trimmed();
            else if (key == QLatin1String("title"))
                title = a.value().toString().trimmed();
            else if (key == QLatin1String("htmlurl"))
                htmlUrl = a.value().toString().trimmed();
            else if (key == QLatin1String("type"))
                type = a.value().toString().trimmed().toLower();
        }
        const QString label = !title.isEmpty() ? title : text;
        if (xmlUrl.isEmpty()) {
            // A folder is an outline with children and no URL; an entry that says it is a feed but
            // has no address is broken.
            if (type == QLatin1String("rss") || type == QLatin1String("atom"))
                result.skipped.append({label.isEmpty() ? QStringLiteral("(untitled)") : label,
                                       QStringLiteral("it has no feed address (xmlUrl)")});
            continue;
        }
        QUrl url(xmlUrl, QUrl::TolerantMode);
        if (url.scheme().compare(QLatin1String("feed"), Qt::CaseInsensitive) == 0)
            url = QUrl(QStringLiteral("https:") + xmlUrl.section(QLatin1Char(':'), 1),
                       QUrl::TolerantMode);
        if (!url.isValid() || url.isRelative() || !isFeedScheme(url) ||
            (url.scheme().toLower() != QLatin1String("file") && url.host().isEmpty())) {
            result.skipped.append(
                {label.isEmpty() ? xmlUrl : label,
                 QStringLiteral("“%1” is not a feed address Sidecast can read").arg(xmlUrl)});
            continue;
        }
        const QString id = identityOf(url);
        if (seen.contains(id)) {
            result.skipped.append(
                {label.isEmpty() ? xmlUrl : label, QStringLiteral("it is listed more than once")});
            continue;
        }
        seen.insert(id);
        OpmlEntry entry;
        entry.feedUrl = url;
        entry.title = label;
        const QUrl site(htmlUrl, QUrl::TolerantMode);
        if (!htmlUrl.isEmpty() && site.isValid() && !site.isRelative())
            entry.htmlUrl = site;
        result.entries.append(entry);
    }

    if (xml.hasError() && xml.error() != QXmlStreamReader::PrematureEndOfDocumentError) {
        result.entries.clear();
        result.skipped.clear();
        result.error =
            QStringLiteral("The OPML file is not well-formed XML (line %1, column %2: %3).")
                .arg(xml.lineNumber())
                .arg(xml.columnNumber())
                .arg(xml.errorString());
        return result;
    }
    if (!sawOpml) {
        result.error =
            QStringLiteral("This is not an OPML file: it is empty or has no <opml> element.");
        return result;
    }
    if (xml.hasError()) {
        result.entries.clear();
        result.skipped.clear();
        result.error =
            QStringLiteral("The OPML file ends too early (line %1).").arg(xml.lineNumber());
    }
    return result;
}

QByteArray Opml::write(const QList<OpmlEntry> &entries, const QString &title)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("opml"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("2.0"));
    xml.writeStartElement(QStringLiteral("head"));
    xml.writeTextElement(QStringLiteral("title"), title);
    xml.writeTextElement(QStringLiteral("dateCreated"),
                         QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date));
    xml.writeEndElement(); // head
    xml.writeStartElement(QStringLiteral("body"));
    for (const OpmlEntry &e : entries) {
        xml.writeEmptyElement(QStringLiteral("outline"));
        const QString name = e.title.isEmpty() ? e.feedUrl.toString() : e.title;
        xml.writeAttribute(QStringLiteral("text"), name);
        xml.writeAttribute(QStringLiteral("title"), name);
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("rss"));
        xml.writeAttribute(QStringLiteral("xmlUrl"), e.feedUrl.toString(QUrl::FullyEncoded));
        if (!e.htmlUrl.isEmpty())
            xml.writeAttribute(QStringLiteral("htmlUrl"), e.htmlUrl.toString(QUrl::FullyEncoded));
    }
    xml.writeEndElement(); // body
    xml.writeEndElement(); // opml
    xml.writeEndDocument();
    return out;
}

QByteArray Opml::writeSubscriptions(const QList<Podcast> &podcasts)
{
    QList<OpmlEntry> entries;
    entries.reserve(podcasts.size());
    for (const Podcast &p : podcasts)
        entries.append(OpmlEntry{p.feedUrl, p.title, p.link});
    return write(entries, QStringLiteral("Sidecast subscriptions"));
}

} // namespace sidecast
