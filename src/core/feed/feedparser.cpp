#include "feedparser.h"

#include "core/time/datetime.h"
#include "core/time/duration.h"
#include "feedtext.h"
#include "xmlrecovery.h"

#include <QHash>
#include <QVarLengthArray>
#include <QXmlStreamReader>

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace sidecast {
namespace {

using Token = QXmlStreamReader::TokenType;

// ---------------------------------------------------------------------------------------------
// Namespaces, recognised by URI whatever prefix a document binds them to.

enum class Ns : quint8
{
    Rss,
    Atom,
    Itunes,
    Content,
    Dc,
    Media,
    Podcast,
    Rdf,
    Xhtml,
    Other
};

struct KnownNamespace
{
    QStringView uri;
    Ns ns;
};

constexpr KnownNamespace kNamespaces[] = {
    {u"http://www.itunes.com/dtds/podcast-1.0.dtd", Ns::Itunes},
    {u"http://purl.org/rss/1.0/modules/content/", Ns::Content},
    {u"http://www.w3.org/2005/Atom", Ns::Atom},
    {u"http://purl.org/atom/ns#", Ns::Atom}, // Atom 0.3
    {u"http://purl.org/dc/elements/1.1/", Ns::Dc},
    {u"http://search.yahoo.com/mrss/", Ns::Media},
    {u"https://podcastindex.org/namespace/1.0", Ns::Podcast},
    {u"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md", Ns::Podcast},
    {u"http://purl.org/rss/1.0/", Ns::Rss},               // RSS 1.0 elements
    {u"http://my.netscape.com/rdf/simple/0.9/", Ns::Rss}, // RSS 0.90 elements
    {u"http://backend.userland.com/rss2", Ns::Rss},       // early RSS 2.0 default namespaces
    {u"http://blogs.law.harvard.edu/tech/rss", Ns::Rss},
    {u"http://www.w3.org/1999/02/22-rdf-syntax-ns#", Ns::Rdf},
    {u"http://www.w3.org/1999/xhtml", Ns::Xhtml},
};

// Published feeds vary the case, the scheme and the trailing slash of these URIs (Apple's own
// documentation once spelled iTunes' as ".../DTDs/Podcast-1.0.dtd"), so a URI that is not an
// exact match is compared without them.
QStringView looseUri(QStringView uri)
{
    if (uri.startsWith(u"https://", Qt::CaseInsensitive))
        uri = uri.sliced(8);
    else if (uri.startsWith(u"http://", Qt::CaseInsensitive))
        uri = uri.sliced(7);
    while (uri.endsWith(u'/'))
        uri.chop(1);
    return uri;
}

Ns classifyNamespace(QStringView uri)
{
    for (const KnownNamespace &known : kNamespaces) {
        if (known.uri == uri)
            return known.ns;
    }
    const QStringView key = looseUri(uri);
    for (const KnownNamespace &known : kNamespaces) {
        if (looseUri(known.uri).compare(key, Qt::CaseInsensitive) == 0)
            return known.ns;
    }
    return Ns::Other;
}

// ---------------------------------------------------------------------------------------------
// Elements: every (namespace, local name) the parser reads maps to one Tag, so each handler is
// a switch and supporting a new element is one line here plus one case there.

enum class Tag : quint8
{
    Unknown,
    // RSS 2.0 (no namespace) and RSS 1.0 / 0.90 (their namespaces)
    Rss,
    Channel,
    Item,
    Title,
    Link,
    Description,
    Language,
    ManagingEditor,
    Image,
    Url,
    Guid,
    PubDate,
    Enclosure,
    // RDF
    RdfRoot,
    // Atom 1.0 and 0.3
    AtomFeed,
    AtomEntry,
    AtomTitle,
    AtomSubtitle,
    AtomLink,
    AtomAuthor,
    AtomName,
    AtomLogo,
    AtomIcon,
    AtomId,
    AtomPublished,
    AtomUpdated,
    AtomContent,
    AtomSummary,
    // iTunes
    ItunesAuthor,
    ItunesImage,
    ItunesSummary,
    ItunesSubtitle,
    ItunesDuration,
    ItunesTitle,
    ItunesNewFeedUrl,
    // content:encoded
    ContentEncoded,
    // Dublin Core
    DcCreator,
    DcDate,
    DcLanguage,
    // Media RSS
    MediaContent,
    MediaThumbnail,
    MediaGroup,
};

Tag identify(Ns ns, QStringView name)
{
    switch (ns) {
    case Ns::Rss:
        if (name == u"item")
            return Tag::Item;
        if (name == u"title")
            return Tag::Title;
        if (name == u"link")
            return Tag::Link;
        if (name == u"description")
            return Tag::Description;
        if (name == u"guid")
            return Tag::Guid;
        if (name == u"pubDate")
            return Tag::PubDate;
        if (name == u"enclosure")
            return Tag::Enclosure;
        if (name == u"channel")
            return Tag::Channel;
        if (name == u"image")
            return Tag::Image;
        if (name == u"url")
            return Tag::Url;
        if (name == u"language")
            return Tag::Language;
        if (name == u"managingEditor")
            return Tag::ManagingEditor;
        if (name == u"rss")
            return Tag::Rss;
        return Tag::Unknown;
    case Ns::Atom:
        if (name == u"entry")
            return Tag::AtomEntry;
        if (name == u"title")
            return Tag::AtomTitle;
        if (name == u"link")
            return Tag::AtomLink;
        if (name == u"id")
            return Tag::AtomId;
        if (name == u"published" || name == u"issued")
            return Tag::AtomPublished;
        if (name == u"updated" || name == u"modified")
            return Tag::AtomUpdated;
        if (name == u"content")
            return Tag::AtomContent;
        if (name == u"summary")
            return Tag::AtomSummary;
        if (name == u"author")
            return Tag::AtomAuthor;
        if (name == u"name")
            return Tag::AtomName;
        if (name == u"subtitle" || name == u"tagline")
            return Tag::AtomSubtitle;
        if (name == u"logo")
            return Tag::AtomLogo;
        if (name == u"icon")
            return Tag::AtomIcon;
        if (name == u"feed")
            return Tag::AtomFeed;
        return Tag::Unknown;
    case Ns::Itunes:
        if (name == u"duration")
            return Tag::ItunesDuration;
        if (name == u"image")
            return Tag::ItunesImage;
        if (name == u"summary")
            return Tag::ItunesSummary;
        if (name == u"subtitle")
            return Tag::ItunesSubtitle;
        if (name == u"author")
            return Tag::ItunesAuthor;
        if (name == u"title")
            return Tag::ItunesTitle;
        if (name == u"new-feed-url")
            return Tag::ItunesNewFeedUrl;
        return Tag::Unknown;
    case Ns::Content:
        return name == u"encoded" ? Tag::ContentEncoded : Tag::Unknown;
    case Ns::Dc:
        if (name == u"date")
            return Tag::DcDate;
        if (name == u"creator")
            return Tag::DcCreator;
        if (name == u"language")
            return Tag::DcLanguage;
        return Tag::Unknown;
    case Ns::Media:
        if (name == u"content")
            return Tag::MediaContent;
        if (name == u"thumbnail")
            return Tag::MediaThumbnail;
        if (name == u"group")
            return Tag::MediaGroup;
        return Tag::Unknown;
    case Ns::Rdf:
        return name == u"RDF" ? Tag::RdfRoot : Tag::Unknown;
    case Ns::Podcast:
    case Ns::Xhtml:
    case Ns::Other:
        return Tag::Unknown;
    }
    return Tag::Unknown;
}

// ---------------------------------------------------------------------------------------------
// Small value helpers.

QStringView attribute(const QXmlStreamAttributes &attributes, QStringView name)
{
    for (const QXmlStreamAttribute &a : attributes) {
        if (a.name() == name && a.namespaceUri().isEmpty())
            return a.value();
    }
    return {};
}

QUrl resolveUrl(const QUrl &base, QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return {};
    QUrl url(text.toString());
    if (url.isRelative() && !base.isEmpty())
        return base.resolved(url);
    return url;
}

// Enclosure sizes as feeds write them; anything that is not a positive count is unknown.
qint64 parseLength(QStringView text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok && value > 0 ? value : 0;
}

// RSS people are "email (Name)" or "Name <email>"; the name is what a listener wants to see.
QString personName(const QString &text)
{
    const QString trimmed = feedtext::collapseWhitespace(text);
    const qsizetype open = trimmed.indexOf(u'(');
    if (open > 0 && trimmed.endsWith(u')')) {
        const QString inner = trimmed.sliced(open + 1, trimmed.size() - open - 2).trimmed();
        if (!inner.isEmpty())
            return inner;
    }
    const qsizetype angle = trimmed.indexOf(u'<');
    if (angle > 0)
        return trimmed.first(angle).trimmed();
    return trimmed;
}

// "https://host/dir/Show%20Notes.mp3" -> "Show Notes"
QString fileBaseName(const QUrl &url)
{
    QString name = url.fileName();
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot > 0)
        name.truncate(dot);
    return name;
}

QString firstNonEmpty(std::initializer_list<const QString *> candidates)
{
    for (const QString *candidate : candidates) {
        if (!candidate->isEmpty())
            return *candidate;
    }
    return {};
}

// Plain text of the first candidate whose plain text is not empty.
QString firstPlainText(std::initializer_list<const QString *> htmlCandidates)
{
    for (const QString *candidate : htmlCandidates) {
        if (candidate->isEmpty())
            continue;
        QString plain = feedtext::htmlToPlainText(*candidate);
        if (!plain.isEmpty())
            return plain;
    }
    return {};
}

QUrl firstValidUrl(std::initializer_list<const QUrl *> candidates)
{
    for (const QUrl *candidate : candidates) {
        if (!candidate->isEmpty())
            return *candidate;
    }
    return {};
}

bool isVoidHtmlElement(QStringView name)
{
    static constexpr QStringView kVoid[] = {u"br",    u"img",    u"hr",    u"input", u"meta",
                                            u"link",  u"source", u"wbr",   u"area",  u"col",
                                            u"embed", u"param",  u"track", u"base"};
    return std::find(std::begin(kVoid), std::end(kVoid), name) != std::end(kVoid);
}

// Resolves the entities feeds use without declaring them, so that such a feed reads in one
// pass instead of failing and being repaired: HTML names (&nbsp;, &eacute;, …) become their
// characters, anything else stays as the literal text "&name;". QXmlStreamReader parses the
// replacement as markup, hence the escaped ampersand.
class HtmlEntityResolver final : public QXmlStreamEntityResolver
{
public:
    QString resolveUndeclaredEntity(const QString &name) override
    {
        const char32_t code = feedtext::htmlEntity(name);
        if (code == 0)
            return QStringView(u"&amp;") + name + u';';
        return QString::fromUcs4(&code, 1);
    }
};

// No real feed declares entities; one that does gets this many characters of expansion at most.
constexpr qint64 kMaxEntityExpansion = 16 * 1024 * 1024;
constexpr int kEntityExpansionLimit = 4096; // per entity, as QXmlStreamReader enforces

// ---------------------------------------------------------------------------------------------
// The single-pass reader.

struct ShowFields
{
    QString title; // all text fields hold markup as read; plain text is derived at the end
    QUrl link;
    QString description;
    QString itunesSummary;
    QString itunesSubtitle;
    QString itunesAuthor;
    QString managingEditor;
    QString atomAuthor;
    QString dcCreator;
    QUrl itunesImage;
    QUrl rssImage;
    QUrl atomLogo;
    QUrl atomIcon;
    QUrl newFeedUrl;
    QString language;
    QString dcLanguage;
    QString xmlLang;
};

struct EpisodeFields
{
    QString guid;
    QString title;
    QString itunesTitle;
    QUrl link;
    QString pubDate;
    QString dcDate;
    QString atomPublished;
    QString atomUpdated;
    QString duration;
    QString description;
    QString contentEncoded;
    QString itunesSummary;
    QString itunesSubtitle;
    QString atomContent; // Atom text constructs, converted to HTML
    QString atomSummary;
    QUrl itunesImage;
    QUrl mediaThumbnail;
    Enclosure enclosure;    // the best of the enclosures (see offerEnclosure)
    QUrl firstEnclosureUrl; // the identity fallback, whatever its type
    Enclosure mediaContent;
};

// Episodes sometimes list cover art or a transcript before the audio: an audio or video file
// wins over other types, an image or text last; among equals the first one does.
int enclosureRank(const Enclosure &enclosure)
{
    const QString &type = enclosure.mimeType;
    if (type.startsWith(u"audio/") || type.startsWith(u"video/"))
        return 2;
    if (type.startsWith(u"image/") || type.startsWith(u"text/"))
        return 0;
    return 1;
}

void offerEnclosure(EpisodeFields &fields, Enclosure &&candidate)
{
    if (!candidate.isValid())
        return;
    if (fields.firstEnclosureUrl.isEmpty())
        fields.firstEnclosureUrl = candidate.url;
    if (!fields.enclosure.isValid() || enclosureRank(candidate) > enclosureRank(fields.enclosure))
        fields.enclosure = std::move(candidate);
}

class Parser
{
public:
    enum class Outcome
    {
        Ok,
        XmlError,
        Html,
        UnknownRoot,
        TooManyEntities
    };

    Parser(const QByteArray &data, const QUrl &documentBase)
        : m_data(data)
        , m_documentBase(documentBase)
        , m_xml(data)
    {
        m_xml.setEntityResolver(&m_resolver);
        m_xml.setEntityExpansionLimit(kEntityExpansionLimit);
    }

    Outcome run();
    Feed takeFeed() { return std::move(m_feed); }
    const QXmlStreamReader &xml() const { return m_xml; }
    const QString &rootName() const { return m_rootName; }

private:
    // Token plumbing. Structural loops read through next(), which keeps the xml:base stack;
    // leaf readers consume a whole element with QXmlStreamReader directly and end in
    // leaveElement().
    Token next();
    void enterElement();
    void leaveElement();
    const QUrl &currentBase() const
    {
        return m_bases.isEmpty() ? m_documentBase : m_bases.last().url;
    }
    Ns namespaceOf(QStringView uri);
    Tag currentTag() { return identify(namespaceOf(m_xml.namespaceUri()), m_xml.name()); }
    template <typename Handler> void forEachChild(Handler &&handle);

    void skipElement();
    QString readText();
    QString readTrimmedText() { return readText().trimmed(); }
    QUrl readUrlText();
    QString readMarkup(bool unwrapXhtmlDiv = false);
    QString readAtomTextAsHtml();
    QUrl readItunesImage();
    Enclosure readRssEnclosure();
    Enclosure readMediaContent();
    QUrl readUrlAttribute(QStringView name);
    void checkEntityBudget();

    void readRssDocument();
    void readChannel();
    void readRssImage();
    void readItem();
    void readAtomFeed();
    void readAtomEntry();
    void readAtomLink(QUrl *alternate, EpisodeFields *episode);
    QString readAtomPerson();
    bool readShowExtension(Tag tag);
    bool readEpisodeExtension(Tag tag, EpisodeFields &fields);

    void finishShow();
    Episode makeEpisode(EpisodeFields &fields) const;

    struct Base
    {
        int depth;
        QUrl url;
    };

    QByteArray m_data;
    QUrl m_documentBase;
    HtmlEntityResolver m_resolver;
    QXmlStreamReader m_xml;
    QVarLengthArray<Base, 4> m_bases;
    QVarLengthArray<std::pair<QString, Ns>, 12> m_namespaceCache;
    Ns m_unqualified = Ns::Rss; // what elements without a namespace are (Atom without xmlns)
    int m_depth = 0;
    bool m_tooManyEntities = false;
    QString m_rootName;
    ShowFields m_show;
    Feed m_feed;
};

Token Parser::next()
{
    const Token token = m_xml.readNext();
    switch (token) {
    case Token::StartElement:
        enterElement();
        break;
    case Token::EndElement:
        leaveElement();
        break;
    case Token::DTD:
        checkEntityBudget();
        break;
    default:
        break;
    }
    return token;
}

void Parser::enterElement()
{
    ++m_depth;
    const QXmlStreamAttributes attributes = m_xml.attributes();
    for (const QXmlStreamAttribute &a : attributes) {
        if (a.qualifiedName() == u"xml:base") {
            m_bases.append({m_depth, resolveUrl(currentBase(), a.value())});
            break;
        }
    }
}

void Parser::leaveElement()
{
    if (!m_bases.isEmpty() && m_bases.last().depth == m_depth)
        m_bases.removeLast();
    --m_depth;
}

Ns Parser::namespaceOf(QStringView uri)
{
    if (uri.isEmpty())
        return m_unqualified;
    for (const auto &[known, ns] : m_namespaceCache) {
        if (known == uri)
            return ns;
    }
    const Ns ns = classifyNamespace(uri);
    if (m_namespaceCache.size() < 32)
        m_namespaceCache.append({uri.toString(), ns});
    return ns;
}

template <typename Handler> void Parser::forEachChild(Handler &&handle)
{
    for (;;) {
        switch (next()) {
        case Token::StartElement:
            handle(currentTag());
            break;
        case Token::EndElement:
        case Token::EndDocument:
        case Token::Invalid:
            return;
        default:
            break;
        }
    }
}

void Parser::skipElement()
{
    m_xml.skipCurrentElement();
    if (!m_xml.hasError())
        leaveElement();
}

QString Parser::readText()
{
    QString text = m_xml.readElementText(QXmlStreamReader::IncludeChildElements);
    if (!m_xml.hasError())
        leaveElement();
    return text;
}

QUrl Parser::readUrlText()
{
    const QUrl base = currentBase();
    return resolveUrl(base, readText());
}

QUrl Parser::readUrlAttribute(QStringView name)
{
    const QXmlStreamAttributes attributes = m_xml.attributes();
    const QUrl url = resolveUrl(currentBase(), attribute(attributes, name));
    skipElement();
    return url;
}

// The element's content as HTML, as published: escaped or CDATA markup comes back unchanged;
// markup written as child elements (XHTML, or careless RSS) is serialized again.
QString Parser::readMarkup(bool unwrapXhtmlDiv)
{
    QString out;
    bool childElements = false;
    int depth = 0;
    int unwrappedDiv = unwrapXhtmlDiv ? 0 : -1; // 0: may unwrap, 1: unwrapping, -1: no
    for (;;) {
        switch (m_xml.readNext()) {
        case Token::Characters:
            if (childElements)
                feedtext::appendEscapedHtml(out, m_xml.text());
            else if (out.isEmpty())
                out = m_xml.text().toString();
            else
                out.append(m_xml.text());
            break;
        case Token::StartElement: {
            if (!childElements) {
                out = feedtext::escapeHtml(out);
                childElements = true;
            }
            ++depth;
            const QStringView name = m_xml.name();
            if (depth == 1 && unwrappedDiv == 0 && name == u"div") {
                unwrappedDiv = 1; // Atom's xhtml wrapper is not part of the content
                break;
            }
            out.append(u'<');
            out.append(name);
            const QXmlStreamAttributes attributes = m_xml.attributes();
            for (const QXmlStreamAttribute &a : attributes) {
                out.append(u' ');
                out.append(a.qualifiedName());
                out.append(u"=\"");
                feedtext::appendEscapedHtml(out, a.value(), true);
                out.append(u'"');
            }
            out.append(u'>');
            break;
        }
        case Token::EndElement:
            if (depth == 0) {
                leaveElement();
                return std::move(out).trimmed();
            }
            if (depth == 1 && unwrappedDiv == 1)
                unwrappedDiv = -1;
            else if (!isVoidHtmlElement(m_xml.name()))
                out.append(u"</").append(m_xml.name()).append(u'>');
            --depth;
            break;
        case Token::Invalid:
            return out;
        default:
            break; // comments, processing instructions, unresolved entity references
        }
    }
}

// An Atom text construct (title, subtitle, summary, content) as HTML whatever its type.
QString Parser::readAtomTextAsHtml()
{
    enum class Kind
    {
        Text,
        Html,
        Xhtml,
        Other
    };
    Kind kind = Kind::Text;
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        if (!attribute(attributes, u"src").isNull()) {
            kind = Kind::Other; // out-of-line content: nothing to show here
        } else {
            const QStringView type = attribute(attributes, u"type").trimmed();
            if (type.isEmpty() || type == u"text" || type == u"text/plain")
                kind = Kind::Text;
            else if (type == u"html" || type == u"text/html")
                kind = Kind::Html;
            else if (type == u"xhtml" || type == u"application/xhtml+xml")
                kind = Kind::Xhtml;
            else
                kind = Kind::Other;
        }
    }
    switch (kind) {
    case Kind::Text:
        return feedtext::escapeHtml(readTrimmedText());
    case Kind::Html:
        return readMarkup(false);
    case Kind::Xhtml:
        return readMarkup(true);
    case Kind::Other:
        break;
    }
    skipElement();
    return {};
}

QUrl Parser::readItunesImage()
{
    const QXmlStreamAttributes attributes = m_xml.attributes();
    QStringView href = attribute(attributes, u"href");
    if (href.trimmed().isEmpty())
        href = attribute(attributes, u"url");
    if (!href.trimmed().isEmpty()) {
        const QUrl url = resolveUrl(currentBase(), href);
        skipElement();
        return url;
    }
    // Hand-written feeds sometimes put the address (or even "href=…") in the text.
    const QUrl base = currentBase();
    QString text = readTrimmedText();
    QStringView address(text);
    if (address.startsWith(u"href=", Qt::CaseInsensitive))
        address = address.sliced(5);
    const auto isDebris = [](QChar c) { return c == u'"' || c == u'\'' || c == u'>'; };
    while (!address.isEmpty() && isDebris(address.front()))
        address = address.sliced(1);
    while (!address.isEmpty() && isDebris(address.back()))
        address.chop(1);
    return resolveUrl(base, address);
}

Enclosure Parser::readRssEnclosure()
{
    Enclosure enclosure;
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        enclosure.url = resolveUrl(currentBase(), attribute(attributes, u"url"));
        enclosure.mimeType = attribute(attributes, u"type").trimmed().toString();
        enclosure.length = parseLength(attribute(attributes, u"length"));
    }
    skipElement();
    return enclosure;
}

Enclosure Parser::readMediaContent()
{
    Enclosure enclosure;
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        const QStringView type = attribute(attributes, u"type").trimmed();
        const QStringView medium = attribute(attributes, u"medium").trimmed();
        const bool playable = type.startsWith(u"audio/") || type.startsWith(u"video/") ||
                              medium == u"audio" || medium == u"video";
        if (playable) {
            enclosure.url = resolveUrl(currentBase(), attribute(attributes, u"url"));
            enclosure.mimeType = type.toString();
            enclosure.length = parseLength(attribute(attributes, u"fileSize"));
        }
    }
    skipElement();
    return enclosure;
}

// Entities declared in an internal DTD subset are expanded by QXmlStreamReader, each up to
// kEntityExpansionLimit characters. That bounds one reference, not a document made of many, so
// the worst case (references x largest expansion) has to fit a budget too.
void Parser::checkEntityBudget()
{
    const QXmlStreamEntityDeclarations declarations = m_xml.entityDeclarations();
    if (declarations.isEmpty())
        return;
    QHash<QString, qint64> sizes;
    const auto expandedSize = [&](const auto &self, QStringView name, int depth) -> qint64 {
        if (depth > 16)
            return kEntityExpansionLimit;
        if (const auto it = sizes.constFind(name.toString()); it != sizes.constEnd())
            return *it;
        qint64 size = 0;
        for (const QXmlStreamEntityDeclaration &d : declarations) {
            if (d.name() != name)
                continue;
            const QStringView value = d.value();
            size = value.size();
            for (qsizetype amp = value.indexOf(u'&'); amp >= 0;
                 amp = value.indexOf(u'&', amp + 1)) {
                const qsizetype semicolon = value.indexOf(u';', amp);
                if (semicolon < 0)
                    break;
                size += self(self, value.sliced(amp + 1, semicolon - amp - 1), depth + 1);
            }
            break;
        }
        size = std::min<qint64>(size, kEntityExpansionLimit);
        sizes.insert(name.toString(), size);
        return size;
    };
    qint64 largest = 0;
    for (const QXmlStreamEntityDeclaration &d : declarations)
        largest = std::max(largest, expandedSize(expandedSize, d.name(), 0));
    const qint64 references = std::count(m_data.cbegin(), m_data.cend(), '&');
    if (references * largest > kMaxEntityExpansion) {
        m_tooManyEntities = true;
        m_xml.raiseError(QStringLiteral("entity expansion over the limit"));
    }
}

Parser::Outcome Parser::run()
{
    Token token = Token::NoToken;
    do {
        token = next();
    } while (token != Token::StartElement && token != Token::Invalid &&
             token != Token::EndDocument);
    if (m_xml.hasError() || token != Token::StartElement)
        return m_tooManyEntities ? Outcome::TooManyEntities : Outcome::XmlError;

    const QStringView name = m_xml.name();
    const QStringView uri = m_xml.namespaceUri();
    if (name.compare(u"html", Qt::CaseInsensitive) == 0)
        return Outcome::Html;
    const Ns ns = namespaceOf(uri);
    if (name == u"rss" && ns == Ns::Rss) {
        m_feed.format = Feed::Format::Rss2;
        readRssDocument();
    } else if (name == u"RDF" && ns == Ns::Rdf) {
        m_feed.format = Feed::Format::Rss1;
        readRssDocument();
    } else if (name == u"feed" && (ns == Ns::Atom || uri.isEmpty())) {
        m_unqualified = Ns::Atom;
        m_feed.format = Feed::Format::Atom;
        readAtomFeed();
    } else {
        m_rootName = m_xml.qualifiedName().toString();
        return Outcome::UnknownRoot;
    }
    if (m_xml.hasError())
        return m_tooManyEntities ? Outcome::TooManyEntities : Outcome::XmlError;
    finishShow();
    return Outcome::Ok;
}

// <rss> holds a <channel>; RSS 1.0's <rdf:RDF> holds the channel, image and items side by side.
void Parser::readRssDocument()
{
    forEachChild([this](Tag tag) {
        switch (tag) {
        case Tag::Channel:
            readChannel();
            break;
        case Tag::Item:
            readItem();
            break;
        case Tag::Image:
            readRssImage();
            break;
        default:
            skipElement();
            break;
        }
    });
}

void Parser::readChannel()
{
    forEachChild([this](Tag tag) {
        switch (tag) {
        case Tag::Item:
            readItem();
            break;
        case Tag::Title:
            m_show.title = readText();
            break;
        case Tag::Link:
            m_show.link = readUrlText();
            break;
        case Tag::Description:
            m_show.description = readMarkup();
            break;
        case Tag::Language:
            m_show.language = readTrimmedText();
            break;
        case Tag::ManagingEditor:
            m_show.managingEditor = readText();
            break;
        case Tag::Image:
            readRssImage();
            break;
        default:
            if (!readShowExtension(tag))
                skipElement();
            break;
        }
    });
}

void Parser::readRssImage()
{
    forEachChild([this](Tag tag) {
        if (tag == Tag::Url && m_show.rssImage.isEmpty())
            m_show.rssImage = readUrlText();
        else
            skipElement();
    });
}

// Show-level elements that RSS channels and Atom feeds share (extension namespaces).
bool Parser::readShowExtension(Tag tag)
{
    switch (tag) {
    case Tag::ItunesAuthor:
        m_show.itunesAuthor = readText();
        return true;
    case Tag::ItunesImage:
        if (m_show.itunesImage.isEmpty()) {
            m_show.itunesImage = readItunesImage();
            return true;
        }
        return false;
    case Tag::ItunesSummary:
        m_show.itunesSummary = readMarkup();
        return true;
    case Tag::ItunesSubtitle:
        m_show.itunesSubtitle = readText();
        return true;
    case Tag::ItunesNewFeedUrl:
        m_show.newFeedUrl = readUrlText();
        return true;
    case Tag::DcCreator:
        m_show.dcCreator = readText();
        return true;
    case Tag::DcLanguage:
        m_show.dcLanguage = readTrimmedText();
        return true;
    default:
        return false;
    }
}

bool Parser::readEpisodeExtension(Tag tag, EpisodeFields &fields)
{
    switch (tag) {
    case Tag::ItunesDuration:
        fields.duration = readText();
        return true;
    case Tag::ContentEncoded:
        fields.contentEncoded = readMarkup();
        return true;
    case Tag::ItunesSummary:
        fields.itunesSummary = readMarkup();
        return true;
    case Tag::ItunesSubtitle:
        fields.itunesSubtitle = readText();
        return true;
    case Tag::ItunesImage:
        if (fields.itunesImage.isEmpty()) {
            fields.itunesImage = readItunesImage();
            return true;
        }
        return false;
    case Tag::ItunesTitle:
        fields.itunesTitle = readText();
        return true;
    case Tag::DcDate:
        fields.dcDate = readText();
        return true;
    case Tag::MediaContent:
        if (!fields.mediaContent.isValid()) {
            fields.mediaContent = readMediaContent();
            return true;
        }
        return false;
    case Tag::MediaThumbnail:
        if (fields.mediaThumbnail.isEmpty()) {
            fields.mediaThumbnail = readUrlAttribute(u"url");
            return true;
        }
        return false;
    case Tag::MediaGroup:
        forEachChild([this, &fields](Tag child) {
            if ((child != Tag::MediaContent && child != Tag::MediaThumbnail) ||
                !readEpisodeExtension(child, fields))
                skipElement();
        });
        return true;
    default:
        return false;
    }
}

void Parser::readItem()
{
    EpisodeFields fields;
    forEachChild([this, &fields](Tag tag) {
        switch (tag) {
        case Tag::Title:
            fields.title = readText();
            break;
        case Tag::Link:
            fields.link = readUrlText();
            break;
        case Tag::Description:
            fields.description = readMarkup();
            break;
        case Tag::Guid:
            fields.guid = readTrimmedText();
            break;
        case Tag::PubDate:
            fields.pubDate = readText();
            break;
        case Tag::Enclosure:
            offerEnclosure(fields, readRssEnclosure());
            break;
        default:
            if (!readEpisodeExtension(tag, fields))
                skipElement();
            break;
        }
    });
    m_feed.episodes.append(makeEpisode(fields));
}

void Parser::readAtomFeed()
{
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        for (const QXmlStreamAttribute &a : attributes) {
            if (a.qualifiedName() == u"xml:lang")
                m_show.xmlLang = a.value().trimmed().toString();
        }
    }
    forEachChild([this](Tag tag) {
        switch (tag) {
        case Tag::AtomEntry:
            readAtomEntry();
            break;
        case Tag::AtomTitle:
            m_show.title = readAtomTextAsHtml();
            break;
        case Tag::AtomSubtitle:
            m_show.description = readAtomTextAsHtml();
            break;
        case Tag::AtomLink:
            readAtomLink(&m_show.link, nullptr);
            break;
        case Tag::AtomAuthor:
            if (m_show.atomAuthor.isEmpty())
                m_show.atomAuthor = readAtomPerson();
            else
                skipElement();
            break;
        case Tag::AtomLogo:
            m_show.atomLogo = readUrlText();
            break;
        case Tag::AtomIcon:
            m_show.atomIcon = readUrlText();
            break;
        default:
            if (!readShowExtension(tag))
                skipElement();
            break;
        }
    });
}

void Parser::readAtomEntry()
{
    EpisodeFields fields;
    forEachChild([this, &fields](Tag tag) {
        switch (tag) {
        case Tag::AtomId:
            fields.guid = readTrimmedText();
            break;
        case Tag::AtomTitle:
            fields.title = readAtomTextAsHtml();
            break;
        case Tag::AtomLink:
            readAtomLink(&fields.link, &fields);
            break;
        case Tag::AtomPublished:
            fields.atomPublished = readText();
            break;
        case Tag::AtomUpdated:
            fields.atomUpdated = readText();
            break;
        case Tag::AtomContent:
            fields.atomContent = readAtomTextAsHtml();
            break;
        case Tag::AtomSummary:
            fields.atomSummary = readAtomTextAsHtml();
            break;
        default:
            if (!readEpisodeExtension(tag, fields))
                skipElement();
            break;
        }
    });
    m_feed.episodes.append(makeEpisode(fields));
}

// rel="alternate" (the default) is the web page; rel="enclosure" the media file.
void Parser::readAtomLink(QUrl *alternate, EpisodeFields *episode)
{
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        const QStringView rel = attribute(attributes, u"rel").trimmed();
        const QStringView href = attribute(attributes, u"href");
        if ((rel.isEmpty() || rel == u"alternate") && alternate->isEmpty()) {
            *alternate = resolveUrl(currentBase(), href);
        } else if (rel == u"enclosure" && episode) {
            Enclosure enclosure;
            enclosure.url = resolveUrl(currentBase(), href);
            enclosure.mimeType = attribute(attributes, u"type").trimmed().toString();
            enclosure.length = parseLength(attribute(attributes, u"length"));
            offerEnclosure(*episode, std::move(enclosure));
        }
    }
    skipElement();
}

QString Parser::readAtomPerson()
{
    QString name;
    forEachChild([this, &name](Tag tag) {
        if (tag == Tag::AtomName && name.isEmpty())
            name = readText();
        else
            skipElement();
    });
    return name;
}

void Parser::finishShow()
{
    Podcast &podcast = m_feed.podcast;
    podcast.title = feedtext::htmlToPlainText(m_show.title);
    podcast.link = m_show.link;
    podcast.description =
        firstPlainText({&m_show.description, &m_show.itunesSummary, &m_show.itunesSubtitle});
    const QString editor = personName(m_show.managingEditor);
    podcast.author = feedtext::collapseWhitespace(
        firstNonEmpty({&m_show.itunesAuthor, &editor, &m_show.atomAuthor, &m_show.dcCreator}));
    podcast.imageUrl =
        firstValidUrl({&m_show.itunesImage, &m_show.rssImage, &m_show.atomLogo, &m_show.atomIcon});
    podcast.language = firstNonEmpty({&m_show.language, &m_show.dcLanguage, &m_show.xmlLang});
    podcast.newFeedUrl = m_show.newFeedUrl;
}

Episode Parser::makeEpisode(EpisodeFields &f) const
{
    Episode episode;
    episode.enclosure = f.enclosure.isValid() ? std::move(f.enclosure) : std::move(f.mediaContent);
    episode.title = firstPlainText({&f.title, &f.itunesTitle});
    if (episode.title.isEmpty() && episode.enclosure.isValid()) {
        // An untitled episode is still better shown by its file name than as a blank row.
        episode.title = fileBaseName(episode.enclosure.url);
    }
    episode.link = f.link;
    for (const QString *date : {&f.pubDate, &f.atomPublished, &f.dcDate, &f.atomUpdated}) {
        if (date->isEmpty())
            continue;
        episode.published = timeutil::parseFeedDate(*date);
        if (episode.published.isValid())
            break;
    }
    episode.durationSecs = timeutil::parseDuration(f.duration);
    episode.notesHtml = firstNonEmpty(
        {&f.contentEncoded, &f.atomContent, &f.description, &f.atomSummary, &f.itunesSummary});
    episode.summary = firstPlainText({&f.description, &f.atomSummary, &f.itunesSummary,
                                      &f.contentEncoded, &f.atomContent, &f.itunesSubtitle});
    episode.imageUrl = firstValidUrl({&f.itunesImage, &f.mediaThumbnail});

    if (!f.guid.isEmpty())
        episode.guid = std::move(f.guid);
    else if (!f.firstEnclosureUrl.isEmpty())
        episode.guid = f.firstEnclosureUrl.toString();
    else if (episode.enclosure.isValid())
        episode.guid = episode.enclosure.url.toString();
    else if (!episode.link.isEmpty())
        episode.guid = episode.link.toString();
    else
        episode.guid = episode.title;
    return episode;
}

QString fallbackTitle(const QUrl &sourceUrl)
{
    if (QString name = fileBaseName(sourceUrl); !name.isEmpty())
        return name;
    if (!sourceUrl.host().isEmpty())
        return sourceUrl.host();
    return QStringLiteral("Untitled feed");
}

QString xmlErrorMessage(const QXmlStreamReader &xml, int linesDropped)
{
    const qint64 line = xml.lineNumber() + linesDropped;
    const qint64 column = xml.columnNumber();
    if (xml.error() == QXmlStreamReader::PrematureEndOfDocumentError)
        return QStringLiteral("The XML ends before the feed does (line %1, column %2): %3")
            .arg(line)
            .arg(column)
            .arg(xml.errorString());
    return QStringLiteral("Not well-formed XML at line %1, column %2: %3")
        .arg(line)
        .arg(column)
        .arg(xml.errorString());
}

} // namespace

FeedParser::Result FeedParser::parse(const QByteArray &data, const QUrl &sourceUrl,
                                     const Options &options)
{
    Result result;
    const auto refuse = [&](Error::Kind kind, const QString &message) {
        result.error = Error::make(kind, sourceUrl, message);
        return result;
    };
    if (options.maxBytes >= 0 && data.size() > options.maxBytes)
        return refuse(Error::Kind::InvalidInput,
                      QStringLiteral("The document is %1 bytes, over the limit of %2 bytes")
                          .arg(data.size())
                          .arg(options.maxBytes));
    if (xmlrecovery::isBlank(data))
        return refuse(Error::Kind::NotAFeed, QStringLiteral("The document is empty"));

    // Junk before the XML declaration (often a stray newline) is dropped without copying.
    QByteArray document = data;
    int linesDropped = 0;
    if (const qsizetype junk = xmlrecovery::leadingJunkLength(data); junk > 0) {
        linesDropped = int(std::count(data.cbegin(), data.cbegin() + junk, '\n'));
        document = QByteArray::fromRawData(data.constData() + junk, data.size() - junk);
    }

    const QUrl base = options.baseUrl.isEmpty() ? sourceUrl : options.baseUrl;
    const QString htmlMessage =
        QStringLiteral("The document looks like an HTML page, not a podcast feed");
    const auto outcomeError = [&](Parser::Outcome outcome, const Parser &parser) -> QString {
        switch (outcome) {
        case Parser::Outcome::Html:
            return htmlMessage;
        case Parser::Outcome::UnknownRoot:
            return QStringLiteral("Unknown root element <%1>: not an RSS or Atom feed")
                .arg(parser.rootName());
        case Parser::Outcome::TooManyEntities:
            return QStringLiteral("The document declares entities that would expand beyond %1 "
                                  "characters")
                .arg(kMaxEntityExpansion);
        case Parser::Outcome::Ok:
        case Parser::Outcome::XmlError:
            break;
        }
        return {};
    };
    const auto succeed = [&](Parser &parser) {
        result.feed = parser.takeFeed();
        Podcast &podcast = result.feed.podcast;
        podcast.feedUrl = sourceUrl;
        if (podcast.title.isEmpty())
            podcast.title = fallbackTitle(sourceUrl);
        return result;
    };

    Parser first(document, base);
    const Parser::Outcome outcome = first.run();
    if (outcome == Parser::Outcome::Ok)
        return succeed(first);
    if (outcome != Parser::Outcome::XmlError)
        return refuse(Error::Kind::NotAFeed, outcomeError(outcome, first));
    if (xmlrecovery::looksLikeHtml(document))
        return refuse(Error::Kind::NotAFeed, htmlMessage);

    // Real feeds are often not quite XML (a bare '&', &nbsp;, an undeclared itunes: prefix).
    // Repair those in one more pass; if that fails too, report the original error, whose line
    // and column match the bytes the publisher wrote.
    if (first.xml().error() == QXmlStreamReader::NotWellFormedError) {
        const QByteArray repaired = xmlrecovery::repair(document);
        if (!repaired.isNull()) {
            Parser second(repaired, base);
            const Parser::Outcome secondOutcome = second.run();
            if (secondOutcome == Parser::Outcome::Ok)
                return succeed(second);
            if (secondOutcome != Parser::Outcome::XmlError)
                return refuse(Error::Kind::NotAFeed, outcomeError(secondOutcome, second));
        }
    }
    return refuse(Error::Kind::NotAFeed, xmlErrorMessage(first.xml(), linesDropped));
}

} // namespace sidecast
