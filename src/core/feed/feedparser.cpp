#include "feedparser.h"

#include "core/time/datetime.h"
#include "core/time/duration.h"
#include "feedencoding.h"
#include "feedtext.h"
#include "feedvalues.h"
#include "xmlrecovery.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QHash>
#include <QVarLengthArray>
#include <QXmlStreamReader>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
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
    Psc,
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
    {u"http://podlove.org/simple-chapters", Ns::Psc},
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
    Author,
    Image,
    Url,
    Guid,
    PubDate,
    Enclosure,
    Redirect, // <redirect><newLocation>: an old way to say the feed moved
    NewLocation,
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
    ItunesOwner,
    ItunesName,
    ItunesEmail,
    ItunesCategory,
    ItunesExplicit,
    ItunesType,
    ItunesNewFeedUrl,
    ItunesEpisode,
    ItunesSeason,
    ItunesEpisodeType,
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
    MediaDescription,
    // Podcasting 2.0
    PodcastTranscript,
    PodcastChapters,
    PodcastFunding,
    PodcastPerson,
    PodcastSeason,
    PodcastEpisode,
    PodcastSoundbite,
    PodcastLocked,
    PodcastGuid,
    PodcastMedium,
    PodcastAlternateEnclosure,
    PodcastSource,
    // Podlove Simple Chapters
    PscChapters,
    PscChapter,
};

struct NamedTag
{
    QStringView name;
    Tag tag;
};

template <size_t N> Tag lookup(const NamedTag (&table)[N], QStringView name)
{
    for (const NamedTag &entry : table) {
        if (entry.name == name)
            return entry.tag;
    }
    return Tag::Unknown;
}

// Most frequent first: every element of a feed goes through one of these.
constexpr NamedTag kRssTags[] = {
    {u"item", Tag::Item},
    {u"title", Tag::Title},
    {u"link", Tag::Link},
    {u"description", Tag::Description},
    {u"guid", Tag::Guid},
    {u"pubDate", Tag::PubDate},
    {u"enclosure", Tag::Enclosure},
    {u"author", Tag::Author},
    {u"channel", Tag::Channel},
    {u"image", Tag::Image},
    {u"url", Tag::Url},
    {u"language", Tag::Language},
    {u"managingEditor", Tag::ManagingEditor},
    {u"rss", Tag::Rss},
    {u"redirect", Tag::Redirect},
    {u"newLocation", Tag::NewLocation},
};

constexpr NamedTag kAtomTags[] = {
    {u"entry", Tag::AtomEntry},         {u"title", Tag::AtomTitle},
    {u"link", Tag::AtomLink},           {u"id", Tag::AtomId},
    {u"published", Tag::AtomPublished}, {u"updated", Tag::AtomUpdated},
    {u"content", Tag::AtomContent},     {u"summary", Tag::AtomSummary},
    {u"author", Tag::AtomAuthor},       {u"name", Tag::AtomName},
    {u"subtitle", Tag::AtomSubtitle},   {u"logo", Tag::AtomLogo},
    {u"icon", Tag::AtomIcon},           {u"feed", Tag::AtomFeed},
    {u"issued", Tag::AtomPublished}, // Atom 0.3
    {u"modified", Tag::AtomUpdated}, // Atom 0.3
    {u"tagline", Tag::AtomSubtitle}, // Atom 0.3
};

constexpr NamedTag kItunesTags[] = {
    {u"duration", Tag::ItunesDuration},
    {u"image", Tag::ItunesImage},
    {u"summary", Tag::ItunesSummary},
    {u"subtitle", Tag::ItunesSubtitle},
    {u"author", Tag::ItunesAuthor},
    {u"explicit", Tag::ItunesExplicit},
    {u"episode", Tag::ItunesEpisode},
    {u"season", Tag::ItunesSeason},
    {u"episodeType", Tag::ItunesEpisodeType},
    {u"title", Tag::ItunesTitle},
    {u"owner", Tag::ItunesOwner},
    {u"name", Tag::ItunesName},
    {u"email", Tag::ItunesEmail},
    {u"category", Tag::ItunesCategory},
    {u"type", Tag::ItunesType},
    {u"new-feed-url", Tag::ItunesNewFeedUrl},
};

constexpr NamedTag kPodcastTags[] = {
    {u"transcript", Tag::PodcastTranscript},
    {u"chapters", Tag::PodcastChapters},
    {u"person", Tag::PodcastPerson},
    {u"season", Tag::PodcastSeason},
    {u"episode", Tag::PodcastEpisode},
    {u"soundbite", Tag::PodcastSoundbite},
    {u"alternateEnclosure", Tag::PodcastAlternateEnclosure},
    {u"source", Tag::PodcastSource},
    {u"funding", Tag::PodcastFunding},
    {u"locked", Tag::PodcastLocked},
    {u"guid", Tag::PodcastGuid},
    {u"medium", Tag::PodcastMedium},
};

constexpr NamedTag kMediaTags[] = {
    {u"content", Tag::MediaContent},
    {u"thumbnail", Tag::MediaThumbnail},
    {u"group", Tag::MediaGroup},
    {u"description", Tag::MediaDescription},
};

constexpr NamedTag kDcTags[] = {
    {u"date", Tag::DcDate},
    {u"creator", Tag::DcCreator},
    {u"language", Tag::DcLanguage},
};

Tag identify(Ns ns, QStringView name)
{
    switch (ns) {
    case Ns::Rss:
        return lookup(kRssTags, name);
    case Ns::Atom:
        return lookup(kAtomTags, name);
    case Ns::Itunes:
        return lookup(kItunesTags, name);
    case Ns::Content:
        return name == u"encoded" ? Tag::ContentEncoded : Tag::Unknown;
    case Ns::Dc:
        return lookup(kDcTags, name);
    case Ns::Media:
        return lookup(kMediaTags, name);
    case Ns::Podcast:
        return lookup(kPodcastTags, name);
    case Ns::Psc:
        if (name == u"chapter")
            return Tag::PscChapter;
        return name == u"chapters" ? Tag::PscChapters : Tag::Unknown;
    case Ns::Rdf:
        return name == u"RDF" ? Tag::RdfRoot : Tag::Unknown;
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

QString lowerTrimmed(QStringView text)
{
    return text.trimmed().toString().toLower();
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

// An Atom text construct (or an element like it): plain text, or markup to be kept as HTML.
struct AtomText
{
    QString value;
    bool markup = false;

    bool isEmpty() const { return value.isEmpty(); }
    QString html() const { return markup ? value : feedtext::escapeHtml(value); }
    QString plain() const
    {
        return markup ? feedtext::htmlToPlainText(value) : feedtext::collapseWhitespace(value);
    }
};

struct ShowFields
{
    QString title; // text fields hold what was read (markup included); plain text comes last
    QUrl link;
    QUrl atomLink; // rel="alternate" in an RSS channel: the web site only when <link> is missing
    QString description;
    QString contentEncoded;
    AtomText atomSubtitle;
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
    QString language;
    QString dcLanguage;
    QString xmlLang;
    QString ownerName;
    QString ownerEmail;
    QList<QStringList> categories;
    QString explicitText;
    QString typeText;
    QString lockedText;
    QString podcastGuid;
    QString medium;
    QList<Funding> funding;
    QList<Person> persons;
    QUrl newFeedUrl;
    QUrl newLocation;
    QUrl selfUrl;
    QUrl nextUrl;
};

struct EpisodeFields
{
    QString guid;
    bool guidIsPermaLink = false;
    QString title;
    QString itunesTitle;
    QUrl link;
    QUrl atomLink;
    QString pubDate;
    QString dcDate;
    QString atomPublished;
    QString atomUpdated;
    QString duration;
    QString description;
    QString contentEncoded;
    QString itunesSummary;
    QString itunesSubtitle;
    QString mediaDescription;
    AtomText atomContent;
    AtomText atomSummary;
    QString itunesAuthor;
    QString dcCreator;
    QString rssAuthor;
    QString atomAuthor;
    QUrl itunesImage;
    QUrl mediaThumbnail;
    QList<Enclosure> enclosures; // document order, repeated URLs dropped
    qsizetype best = -1;         // index of the enclosure to play (see offerEnclosure)
    QString itunesSeason;
    QString podcastSeason;
    QString itunesEpisode;
    QString podcastEpisode;
    QString episodeType;
    QString explicitText;
    QUrl chaptersUrl;
    QString chaptersType;
    QList<Chapter> chapters;
    QList<Transcript> transcripts;
    QList<Person> persons;
    QList<Soundbite> soundbites;
    QList<AlternateEnclosure> alternateEnclosures;
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
    // The same file listed twice (an <enclosure> and a media:content, typically) is one file.
    for (const Enclosure &known : std::as_const(fields.enclosures)) {
        if (known.url == candidate.url)
            return;
    }
    const int rank = enclosureRank(candidate);
    fields.enclosures.append(std::move(candidate));
    if (fields.best < 0 || rank > enclosureRank(fields.enclosures.at(fields.best)))
        fields.best = fields.enclosures.size() - 1;
}

// About how many items or entries the document has: "<item" and "<entr" found by memchr, which
// is quick. Reserving that many episodes up front spares the list its doubling, which for a
// large feed would briefly hold three times the room the episodes need.
qsizetype estimateItemCount(QByteArrayView data)
{
    qsizetype count = 0;
    const char *p = data.data();
    const char *const end = p + data.size();
    while (end - p > 5) {
        p = static_cast<const char *>(std::memchr(p, '<', size_t(end - p - 5)));
        if (!p)
            break;
        ++p;
        if (std::memcmp(p, "item", 4) == 0 || std::memcmp(p, "entr", 4) == 0)
            ++count;
    }
    return count;
}

// The identity of an item that has no guid, enclosure or link.
QString titleDateHash(const QString &title, const QDateTime &published)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(title.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(QByteArray::number(published.isValid() ? published.toSecsSinceEpoch() : 0));
    return QString::fromLatin1(hash.result().toHex());
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

    // `transcodeFrom` names the encoding to convert from (see feedencoding::decide); empty when
    // QXmlStreamReader reads the bytes as they are.
    Parser(const QByteArray &data, const QUrl &documentBase, QByteArrayView transcodeFrom = {})
        : m_data(data)
        , m_documentBase(documentBase)
    {
        // Reading through a device keeps QXmlStreamReader's decoded text to one buffer's worth;
        // handed the QByteArray itself, it would decode the whole document into a QString (twice
        // the size of the bytes) up front. A transcoding device converts a chunk at a time.
        if (transcodeFrom.isEmpty()) {
            auto buffer = std::make_unique<QBuffer>();
            buffer->setData(m_data);
            buffer->open(QIODevice::ReadOnly);
            m_device = std::move(buffer);
        } else {
            m_device = std::make_unique<feedencoding::Utf8Reader>(m_data, transcodeFrom);
        }
        m_xml.setDevice(m_device.get());
        m_xml.setEntityResolver(&m_resolver);
        m_xml.setEntityExpansionLimit(kEntityExpansionLimit);
        // Real feeds use itunes:, podcast:, content: … without declaring them. Declared ahead of
        // the document, these bindings give such a feed the usual meaning in the first pass; a
        // document's own declarations still take precedence.
        for (const xmlrecovery::KnownPrefix &known : xmlrecovery::knownPrefixes()) {
            m_xml.addExtraNamespaceDeclaration(QXmlStreamNamespaceDeclaration(
                QString::fromLatin1(known.prefix), QString::fromLatin1(known.uri)));
        }
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
    QString readCollapsedText() { return feedtext::collapseWhitespace(readText()); }
    QUrl readUrlText();
    QString readMarkup(bool unwrapXhtmlDiv = false);
    AtomText readAtomText();
    QString readAtomTextAsHtml() { return readAtomText().html(); }
    QUrl readItunesImage();
    Enclosure readRssEnclosure();
    Enclosure readMediaContent();
    QUrl readUrlAttribute(QStringView name);
    void checkEntityBudget();

    void readRssDocument();
    void readChannel();
    void readRssImage();
    void readRedirect();
    void readItem();
    void readAtomFeed();
    void readAtomEntry();
    void readShowLink(QUrl *alternate);
    void readEpisodeLink(QUrl *alternate, EpisodeFields &fields);
    QString readAtomPerson();
    void readOwner();
    void readCategory(QStringList &path);
    std::optional<Person> readPerson();
    std::optional<Funding> readFunding();
    std::optional<Transcript> readTranscript();
    std::optional<Soundbite> readSoundbite();
    AlternateEnclosure readAlternateEnclosure();
    void readPodloveChapters(QList<Chapter> &chapters);
    bool readShowExtension(Tag tag);
    bool readEpisodeExtension(Tag tag, EpisodeFields &fields);

    void finishShow();
    std::optional<Episode> makeEpisode(EpisodeFields &fields) const;

    struct Base
    {
        int depth;
        QUrl url;
    };

    QByteArray m_data;
    QUrl m_documentBase;
    std::unique_ptr<QIODevice> m_device;
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

// An Atom text construct (title, subtitle, summary, content): plain text for type="text", the
// markup as published for html and xhtml, nothing for out-of-line or binary content.
AtomText Parser::readAtomText()
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
        return {readTrimmedText(), false};
    case Kind::Html:
        return {readMarkup(false), true};
    case Kind::Xhtml:
        return {readMarkup(true), true};
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
        enclosure.mimeType = feedvalues::normalizeMimeType(attribute(attributes, u"type"));
        enclosure.length = feedvalues::parseLength(attribute(attributes, u"length"));
    }
    skipElement();
    return enclosure;
}

// media:content in a podcast feed is the episode's media, or its artwork and documents; only
// the first kind is an enclosure.
Enclosure Parser::readMediaContent()
{
    Enclosure enclosure;
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        const QString type = feedvalues::normalizeMimeType(attribute(attributes, u"type"));
        const QStringView medium = attribute(attributes, u"medium").trimmed();
        const bool notMedia = medium == u"image" || medium == u"document" ||
                              medium == u"executable" || type.startsWith(u"image/") ||
                              type.startsWith(u"text/");
        if (!notMedia) {
            enclosure.url = resolveUrl(currentBase(), attribute(attributes, u"url"));
            enclosure.mimeType = type;
            enclosure.length = feedvalues::parseLength(attribute(attributes, u"fileSize"));
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
    m_feed.episodes.reserve(estimateItemCount(m_data));
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
        case Tag::Redirect:
            readRedirect();
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
        case Tag::AtomLink:
            readShowLink(&m_show.atomLink);
            break;
        case Tag::Redirect:
            readRedirect();
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

void Parser::readRedirect()
{
    forEachChild([this](Tag tag) {
        if (tag == Tag::NewLocation && m_show.newLocation.isEmpty())
            m_show.newLocation = readUrlText();
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
    case Tag::ItunesOwner:
        readOwner();
        return true;
    case Tag::ItunesCategory: {
        QStringList path;
        readCategory(path);
        return true;
    }
    case Tag::ItunesExplicit:
        m_show.explicitText = readText();
        return true;
    case Tag::ItunesType:
        m_show.typeText = readText();
        return true;
    case Tag::ItunesNewFeedUrl:
        m_show.newFeedUrl = readUrlText();
        return true;
    case Tag::ContentEncoded:
        m_show.contentEncoded = readMarkup();
        return true;
    case Tag::DcCreator:
        m_show.dcCreator = readText();
        return true;
    case Tag::DcLanguage:
        m_show.dcLanguage = readTrimmedText();
        return true;
    case Tag::PodcastLocked:
        m_show.lockedText = readText();
        return true;
    case Tag::PodcastGuid:
        m_show.podcastGuid = readTrimmedText();
        return true;
    case Tag::PodcastMedium:
        m_show.medium = readTrimmedText().toLower();
        return true;
    case Tag::PodcastFunding:
        if (std::optional<Funding> funding = readFunding())
            m_show.funding.append(std::move(*funding));
        return true;
    case Tag::PodcastPerson:
        if (std::optional<Person> person = readPerson())
            m_show.persons.append(std::move(*person));
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
    case Tag::ItunesAuthor:
        fields.itunesAuthor = readText();
        return true;
    case Tag::ItunesEpisode:
        fields.itunesEpisode = readText();
        return true;
    case Tag::ItunesSeason:
        fields.itunesSeason = readText();
        return true;
    case Tag::ItunesEpisodeType:
        fields.episodeType = readText();
        return true;
    case Tag::ItunesExplicit:
        fields.explicitText = readText();
        return true;
    case Tag::DcDate:
        fields.dcDate = readText();
        return true;
    case Tag::DcCreator:
        fields.dcCreator = readText();
        return true;
    case Tag::AtomLink:
        readEpisodeLink(&fields.atomLink, fields);
        return true;
    case Tag::MediaContent:
        offerEnclosure(fields, readMediaContent());
        return true;
    case Tag::MediaThumbnail:
        if (fields.mediaThumbnail.isEmpty()) {
            fields.mediaThumbnail = readUrlAttribute(u"url");
            return true;
        }
        return false;
    case Tag::MediaDescription:
        if (fields.mediaDescription.isEmpty()) {
            fields.mediaDescription = readMarkup();
            return true;
        }
        return false;
    case Tag::MediaGroup:
        forEachChild([this, &fields](Tag child) {
            if ((child != Tag::MediaContent && child != Tag::MediaThumbnail &&
                 child != Tag::MediaDescription) ||
                !readEpisodeExtension(child, fields))
                skipElement();
        });
        return true;
    case Tag::PodcastTranscript:
        if (std::optional<Transcript> transcript = readTranscript())
            fields.transcripts.append(std::move(*transcript));
        return true;
    case Tag::PodcastChapters:
        if (fields.chaptersUrl.isEmpty()) {
            const QXmlStreamAttributes attributes = m_xml.attributes();
            fields.chaptersType = lowerTrimmed(attribute(attributes, u"type"));
            fields.chaptersUrl = readUrlAttribute(u"url");
            if (fields.chaptersUrl.isEmpty())
                fields.chaptersType.clear();
            return true;
        }
        return false;
    case Tag::PodcastPerson:
        if (std::optional<Person> person = readPerson())
            fields.persons.append(std::move(*person));
        return true;
    case Tag::PodcastSeason:
        fields.podcastSeason = readText();
        return true;
    case Tag::PodcastEpisode:
        fields.podcastEpisode = readText();
        return true;
    case Tag::PodcastSoundbite:
        if (std::optional<Soundbite> soundbite = readSoundbite())
            fields.soundbites.append(std::move(*soundbite));
        return true;
    case Tag::PodcastAlternateEnclosure: {
        AlternateEnclosure alternate = readAlternateEnclosure();
        if (!alternate.sources.isEmpty())
            fields.alternateEnclosures.append(std::move(alternate));
        return true;
    }
    case Tag::PscChapters:
        if (fields.chapters.isEmpty()) {
            readPodloveChapters(fields.chapters);
            return true;
        }
        return false;
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
        case Tag::Guid: {
            // RSS 2.0: a guid is a permalink (a URL, so a relative one resolves) unless it
            // says isPermaLink="false".
            const QXmlStreamAttributes attributes = m_xml.attributes();
            const QStringView permaLink = attribute(attributes, u"isPermaLink").trimmed();
            const QUrl base = currentBase();
            fields.guidIsPermaLink =
                permaLink.isEmpty() || permaLink.compare(u"true", Qt::CaseInsensitive) == 0;
            fields.guid = readTrimmedText();
            if (fields.guidIsPermaLink && !fields.guid.isEmpty()) {
                const QUrl url(fields.guid);
                if (url.isRelative() && !base.isEmpty())
                    fields.guid = base.resolved(url).toString();
            }
            break;
        }
        case Tag::PubDate:
            fields.pubDate = readText();
            break;
        case Tag::Enclosure:
            offerEnclosure(fields, readRssEnclosure());
            break;
        case Tag::Author:
            fields.rssAuthor = readText();
            break;
        default:
            if (!readEpisodeExtension(tag, fields))
                skipElement();
            break;
        }
    });
    if (std::optional<Episode> episode = makeEpisode(fields))
        m_feed.episodes.append(std::move(*episode));
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
            m_show.atomSubtitle = readAtomText();
            break;
        case Tag::AtomLink:
            readShowLink(&m_show.link);
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
            readEpisodeLink(&fields.link, fields);
            break;
        case Tag::AtomPublished:
            fields.atomPublished = readText();
            break;
        case Tag::AtomUpdated:
            fields.atomUpdated = readText();
            break;
        case Tag::AtomContent:
            fields.atomContent = readAtomText();
            break;
        case Tag::AtomSummary:
            fields.atomSummary = readAtomText();
            break;
        case Tag::AtomAuthor:
            if (fields.atomAuthor.isEmpty())
                fields.atomAuthor = readAtomPerson();
            else
                skipElement();
            break;
        default:
            if (!readEpisodeExtension(tag, fields))
                skipElement();
            break;
        }
    });
    if (std::optional<Episode> episode = makeEpisode(fields))
        m_feed.episodes.append(std::move(*episode));
}

// A feed-level atom:link: the web site (rel="alternate", the default), the feed itself
// ("self"), the next page of an RFC 5005 paged feed ("next"), or a way to pay ("payment").
void Parser::readShowLink(QUrl *alternate)
{
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        const QStringView rel = attribute(attributes, u"rel").trimmed();
        const QUrl href = resolveUrl(currentBase(), attribute(attributes, u"href"));
        if (!href.isEmpty()) {
            if (rel.isEmpty() || rel == u"alternate") {
                if (alternate->isEmpty())
                    *alternate = href;
            } else if (rel == u"self") {
                if (m_show.selfUrl.isEmpty())
                    m_show.selfUrl = href;
            } else if (rel == u"next") {
                if (m_show.nextUrl.isEmpty())
                    m_show.nextUrl = href;
            } else if (rel == u"payment") {
                m_show.funding.append({href, feedtext::collapseWhitespace(
                                                 attribute(attributes, u"title").toString())});
            }
        }
    }
    skipElement();
}

// An entry-level atom:link: the web page (rel="alternate", the default) or a media file
// (rel="enclosure").
void Parser::readEpisodeLink(QUrl *alternate, EpisodeFields &fields)
{
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        const QStringView rel = attribute(attributes, u"rel").trimmed();
        const QStringView href = attribute(attributes, u"href");
        if ((rel.isEmpty() || rel == u"alternate") && alternate->isEmpty()) {
            *alternate = resolveUrl(currentBase(), href);
        } else if (rel == u"enclosure") {
            Enclosure enclosure;
            enclosure.url = resolveUrl(currentBase(), href);
            enclosure.mimeType = feedvalues::normalizeMimeType(attribute(attributes, u"type"));
            enclosure.length = feedvalues::parseLength(attribute(attributes, u"length"));
            offerEnclosure(fields, std::move(enclosure));
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

void Parser::readOwner()
{
    forEachChild([this](Tag tag) {
        if (tag == Tag::ItunesName)
            m_show.ownerName = readCollapsedText();
        else if (tag == Tag::ItunesEmail)
            m_show.ownerEmail = readTrimmedText();
        else
            skipElement();
    });
}

// Nested itunes:category elements name a path ("Business" > "Entrepreneurship"); each innermost
// one adds its whole path. A category without a name adds nothing to the path.
void Parser::readCategory(QStringList &path)
{
    const QString name =
        feedtext::collapseWhitespace(attribute(m_xml.attributes(), u"text").toString());
    if (!name.isEmpty())
        path.append(name);
    bool hasChild = false;
    forEachChild([this, &path, &hasChild](Tag tag) {
        if (tag == Tag::ItunesCategory) {
            hasChild = true;
            readCategory(path);
        } else {
            skipElement();
        }
    });
    if (!hasChild && !path.isEmpty()) {
        // "Technology" after "Technology" > "Podcasting" says nothing new, and the other way
        // round the longer path replaces the shorter one.
        const auto isPrefix = [](const QStringList &shorter, const QStringList &longer) {
            return shorter.size() <= longer.size() &&
                   std::equal(shorter.cbegin(), shorter.cend(), longer.cbegin());
        };
        QList<QStringList> &categories = m_show.categories;
        if (std::none_of(categories.cbegin(), categories.cend(),
                         [&](const QStringList &known) { return isPrefix(path, known); })) {
            categories.removeIf([&](const QStringList &known) { return isPrefix(known, path); });
            categories.append(path);
        }
    }
    if (!name.isEmpty())
        path.removeLast();
}

std::optional<Person> Parser::readPerson()
{
    Person person;
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        if (const QString role = lowerTrimmed(attribute(attributes, u"role")); !role.isEmpty())
            person.role = role;
        if (const QString group = lowerTrimmed(attribute(attributes, u"group")); !group.isEmpty())
            person.group = group;
        person.href = resolveUrl(currentBase(), attribute(attributes, u"href"));
        person.img = resolveUrl(currentBase(), attribute(attributes, u"img"));
    }
    person.name = readCollapsedText();
    if (person.name.isEmpty())
        return std::nullopt;
    return person;
}

std::optional<Funding> Parser::readFunding()
{
    Funding funding;
    funding.url = resolveUrl(currentBase(), attribute(m_xml.attributes(), u"url"));
    funding.title = readCollapsedText();
    if (funding.url.isEmpty())
        return std::nullopt;
    return funding;
}

std::optional<Transcript> Parser::readTranscript()
{
    Transcript transcript;
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        transcript.url = resolveUrl(currentBase(), attribute(attributes, u"url"));
        transcript.mimeType = lowerTrimmed(attribute(attributes, u"type"));
        transcript.language = attribute(attributes, u"language").trimmed().toString();
        transcript.rel = lowerTrimmed(attribute(attributes, u"rel"));
    }
    skipElement();
    if (transcript.url.isEmpty())
        return std::nullopt;
    return transcript;
}

std::optional<Soundbite> Parser::readSoundbite()
{
    Soundbite soundbite;
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        soundbite.startSecs = timeutil::parseClockTime(attribute(attributes, u"startTime"));
        soundbite.durationSecs = timeutil::parseClockTime(attribute(attributes, u"duration"));
    }
    soundbite.title = readCollapsedText();
    if (soundbite.startSecs < 0 || soundbite.durationSecs <= 0)
        return std::nullopt;
    return soundbite;
}

AlternateEnclosure Parser::readAlternateEnclosure()
{
    AlternateEnclosure alternate;
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        alternate.mimeType = feedvalues::normalizeMimeType(attribute(attributes, u"type"));
        alternate.length = feedvalues::parseLength(attribute(attributes, u"length"));
        alternate.bitrate =
            std::max(0.0, feedvalues::parseNonNegativeDecimal(attribute(attributes, u"bitrate")));
        alternate.title = feedtext::collapseWhitespace(attribute(attributes, u"title").toString());
        alternate.isDefault =
            feedvalues::parseYesNo(attribute(attributes, u"default")).value_or(false);
    }
    forEachChild([this, &alternate](Tag tag) {
        if (tag == Tag::PodcastSource) {
            if (const QUrl uri = readUrlAttribute(u"uri"); !uri.isEmpty())
                alternate.sources.append(uri);
        } else {
            skipElement();
        }
    });
    return alternate;
}

void Parser::readPodloveChapters(QList<Chapter> &chapters)
{
    forEachChild([this, &chapters](Tag tag) {
        if (tag != Tag::PscChapter) {
            skipElement();
            return;
        }
        Chapter chapter;
        {
            const QXmlStreamAttributes attributes = m_xml.attributes();
            chapter.startSecs = timeutil::parseClockTime(attribute(attributes, u"start"));
            chapter.title =
                feedtext::collapseWhitespace(attribute(attributes, u"title").toString());
            chapter.url = resolveUrl(currentBase(), attribute(attributes, u"href"));
            chapter.imageUrl = resolveUrl(currentBase(), attribute(attributes, u"image"));
        }
        skipElement();
        if (chapter.startSecs >= 0)
            chapters.append(std::move(chapter));
    });
}

void Parser::finishShow()
{
    Podcast &podcast = m_feed.podcast;
    podcast.title = feedtext::htmlToPlainText(m_show.title);
    podcast.link = firstValidUrl({&m_show.link, &m_show.atomLink});
    const QString atomSubtitleHtml = m_show.atomSubtitle.html();
    podcast.description = firstPlainText(
        {&m_show.description, &atomSubtitleHtml, &m_show.itunesSummary, &m_show.itunesSubtitle});
    const QString markupDescription =
        feedtext::hasMarkup(m_show.description) ? m_show.description : QString();
    const QString markupSubtitle =
        m_show.atomSubtitle.markup ? m_show.atomSubtitle.value : QString();
    podcast.descriptionHtml = firstNonEmpty(
        {&m_show.contentEncoded, &markupDescription, &markupSubtitle, &m_show.itunesSummary});
    podcast.subtitle = feedtext::htmlToPlainText(m_show.itunesSubtitle);
    const QString editor = personName(m_show.managingEditor);
    podcast.author = feedtext::collapseWhitespace(
        firstNonEmpty({&m_show.itunesAuthor, &editor, &m_show.atomAuthor, &m_show.dcCreator}));
    podcast.imageUrl =
        firstValidUrl({&m_show.itunesImage, &m_show.rssImage, &m_show.atomLogo, &m_show.atomIcon});
    podcast.language = firstNonEmpty({&m_show.language, &m_show.dcLanguage, &m_show.xmlLang});
    podcast.ownerName = std::move(m_show.ownerName);
    podcast.ownerEmail = std::move(m_show.ownerEmail);
    podcast.categories = std::move(m_show.categories);
    podcast.explicitContent = feedvalues::parseExplicit(m_show.explicitText);
    podcast.showType = feedvalues::parseShowType(m_show.typeText);
    podcast.locked = feedvalues::parseYesNo(m_show.lockedText);
    podcast.podcastGuid = std::move(m_show.podcastGuid);
    podcast.medium = std::move(m_show.medium);
    podcast.funding = std::move(m_show.funding);
    podcast.persons = std::move(m_show.persons);
    podcast.newFeedUrl = firstValidUrl({&m_show.newFeedUrl, &m_show.newLocation});
    podcast.selfUrl = m_show.selfUrl;
    podcast.pagedFeedNext = m_show.nextUrl;
}

std::optional<Episode> Parser::makeEpisode(EpisodeFields &f) const
{
    Episode episode;
    episode.enclosures = std::move(f.enclosures);
    if (f.best >= 0)
        episode.enclosure = episode.enclosures.at(f.best);
    episode.title = firstPlainText({&f.title, &f.itunesTitle});
    if (episode.title.isEmpty() && episode.enclosure.isValid()) {
        // An untitled episode is still better shown by its file name than as a blank row.
        episode.title = fileBaseName(episode.enclosure.url);
    }
    episode.link = firstValidUrl({&f.link, &f.atomLink});
    if (episode.link.isEmpty() && f.guidIsPermaLink && !f.guid.isEmpty())
        episode.link = QUrl(f.guid);
    for (const QString *date : {&f.pubDate, &f.atomPublished, &f.dcDate, &f.atomUpdated}) {
        if (date->isEmpty())
            continue;
        episode.published = timeutil::parseFeedDate(*date);
        if (episode.published.isValid())
            break;
    }
    episode.durationSecs = timeutil::parseDuration(f.duration);

    // HTML: what the feed marks as HTML, else a description or summary that holds markup.
    const QString markupDescription =
        feedtext::hasMarkup(f.description) ? f.description : QString();
    const QString atomContentHtml = f.atomContent.markup ? f.atomContent.value : QString();
    episode.notesHtml =
        firstNonEmpty({&f.contentEncoded, &atomContentHtml, &markupDescription, &f.itunesSummary});
    // Plain text: a description written as plain text, else the plain text of the HTML. An
    // Atom summary is the entry's short abstract, so it is the subtitle, as itunes:subtitle.
    const QString plainDescription = markupDescription.isEmpty() ? f.description : QString();
    const QString atomContentText = f.atomContent.markup ? QString() : f.atomContent.value;
    episode.summary = firstPlainText({&plainDescription, &f.itunesSummary, &f.mediaDescription,
                                      &atomContentText, &episode.notesHtml});
    episode.subtitle = feedtext::htmlToPlainText(f.itunesSubtitle);
    if (episode.subtitle.isEmpty() && !f.atomSummary.isEmpty())
        episode.subtitle = f.atomSummary.plain();

    episode.imageUrl = firstValidUrl({&f.itunesImage, &f.mediaThumbnail});
    const QString rssAuthor = personName(f.rssAuthor);
    episode.author = feedtext::collapseWhitespace(
        firstNonEmpty({&f.itunesAuthor, &f.dcCreator, &rssAuthor, &f.atomAuthor}));
    episode.season = feedvalues::parsePositiveInteger(f.podcastSeason);
    if (episode.season == 0)
        episode.season = feedvalues::parsePositiveInteger(f.itunesSeason);
    episode.episodeNumber = feedvalues::parsePositiveDecimal(f.podcastEpisode);
    if (episode.episodeNumber == 0)
        episode.episodeNumber = feedvalues::parsePositiveDecimal(f.itunesEpisode);
    episode.episodeType = feedvalues::parseEpisodeType(f.episodeType);
    episode.explicitContent = feedvalues::parseExplicit(f.explicitText);
    episode.chaptersUrl = std::move(f.chaptersUrl);
    episode.chaptersType = std::move(f.chaptersType);
    episode.chapters = std::move(f.chapters);
    episode.transcripts = std::move(f.transcripts);
    episode.persons = std::move(f.persons);
    episode.soundbites = std::move(f.soundbites);
    episode.alternateEnclosures = std::move(f.alternateEnclosures);

    // URLs become guids in QUrl's default form, as they always have: a library recognises its
    // episodes by them.
    if (!f.guid.isEmpty()) {
        episode.guid = std::move(f.guid);
    } else if (!episode.enclosures.isEmpty()) {
        episode.guid = episode.enclosures.constFirst().url.toString();
    } else if (!episode.link.isEmpty()) {
        episode.guid = episode.link.toString();
    } else {
        // Nothing identifies the item, nothing in it can be played or opened, and without
        // notes there is nothing to read either: a bare title is not an episode.
        if (episode.summary.isEmpty() && episode.notesHtml.isEmpty() &&
            episode.subtitle.isEmpty() && episode.alternateEnclosures.isEmpty())
            return std::nullopt;
        episode.guid = titleDateHash(episode.title, episode.published);
    }
    return episode;
}

QString fallbackTitle(const QUrl &sourceUrl)
{
    if (QString name = fileBaseName(sourceUrl); !name.isEmpty())
        return name;
    if (!sourceUrl.host().isEmpty())
        return sourceUrl.host();
    return {};
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

QString outcomeMessage(Parser::Outcome outcome, const QString &rootName = {})
{
    switch (outcome) {
    case Parser::Outcome::Html:
        return QStringLiteral("The document looks like an HTML page, not a podcast feed");
    case Parser::Outcome::UnknownRoot:
        return QStringLiteral("Unknown root element <%1>: not an RSS or Atom feed").arg(rootName);
    case Parser::Outcome::TooManyEntities:
        return QStringLiteral("The document declares entities that would expand beyond %1 "
                              "characters")
            .arg(kMaxEntityExpansion);
    case Parser::Outcome::Ok:
    case Parser::Outcome::XmlError:
        break;
    }
    return {};
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
    // Structure no feed has, which Qt's XML reader needs quadratic time for (see MarkupLoad).
    constexpr qsizetype kMaxAttributes = 1000;
    constexpr qsizetype kMaxNamespaceDeclarations = 10000;
    const xmlrecovery::MarkupLoad load = xmlrecovery::measureMarkup(data);
    if (load.maxAttributesOnOneElement > kMaxAttributes)
        return refuse(Error::Kind::NotAFeed,
                      QStringLiteral("An element of the document has %1 attributes, over the limit"
                                     " of %2")
                          .arg(load.maxAttributesOnOneElement)
                          .arg(kMaxAttributes));
    if (load.namespaceDeclarations > kMaxNamespaceDeclarations)
        return refuse(
            Error::Kind::NotAFeed,
            QStringLiteral("The document declares %1 XML namespaces, over the limit of %2")
                .arg(load.namespaceDeclarations)
                .arg(kMaxNamespaceDeclarations));

    // Junk before the XML declaration (often a stray newline) is dropped without copying.
    QByteArray document = data;
    int linesDropped = 0;
    if (const qsizetype junk = xmlrecovery::leadingJunkLength(data); junk > 0) {
        linesDropped = int(std::count(data.cbegin(), data.cbegin() + junk, '\n'));
        document = QByteArray::fromRawData(data.constData() + junk, data.size() - junk);
    }
    // Encodings QXmlStreamReader would get wrong from the declaration alone (an HTTP charset
    // that overrides it, Latin-1 labels on windows-1252 bytes) are converted to UTF-8 as it
    // reads; UTF-16 and UTF-32 ones (rare) all at once.
    const feedencoding::Decision encoding = feedencoding::decide(document, options.httpCharset);
    QByteArray transcodeFrom;
    if (encoding.transcode) {
        const QString unsupported = QStringLiteral("The document's encoding “%1” is not supported")
                                        .arg(QString::fromLatin1(encoding.encoding));
        if (xmlrecovery::isAsciiCompatible(document)) {
            if (!feedencoding::Utf8Reader(document, encoding.encoding).isValid())
                return refuse(Error::Kind::NotAFeed, unsupported);
            transcodeFrom = encoding.encoding;
        } else {
            QByteArray utf8 = feedencoding::toUtf8(document, encoding.encoding);
            if (utf8.isNull())
                return refuse(Error::Kind::NotAFeed, unsupported);
            document = std::move(utf8);
        }
    }

    const QUrl base = options.baseUrl.isEmpty() ? sourceUrl : options.baseUrl;
    const auto succeed = [&](Parser &parser) {
        result.feed = parser.takeFeed();
        Podcast &podcast = result.feed.podcast;
        podcast.feedUrl = sourceUrl;
        if (podcast.title.isEmpty())
            podcast.title = fallbackTitle(sourceUrl);
        if (podcast.title.isEmpty())
            podcast.title = fallbackTitle(options.baseUrl);
        if (podcast.title.isEmpty())
            podcast.title = QStringLiteral("Untitled feed");
        return result;
    };

    QString firstError;
    QXmlStreamReader::Error firstErrorKind = QXmlStreamReader::NoError;
    {
        Parser first(document, base, transcodeFrom);
        const Parser::Outcome outcome = first.run();
        if (outcome == Parser::Outcome::Ok)
            return succeed(first);
        if (outcome != Parser::Outcome::XmlError)
            return refuse(Error::Kind::NotAFeed, outcomeMessage(outcome, first.rootName()));
        firstError = xmlErrorMessage(first.xml(), linesDropped);
        firstErrorKind = first.xml().error();
    } // the first attempt's partial feed is freed before a second one starts
    if (xmlrecovery::looksLikeHtml(document))
        return refuse(Error::Kind::NotAFeed, outcomeMessage(Parser::Outcome::Html));

    // Real feeds are often not quite XML (a bare '&', an undeclared prefix nobody knows, stray
    // bytes). Repair those in one more pass; if that fails too, report the original error,
    // whose line and column match the bytes the publisher wrote.
    if (firstErrorKind == QXmlStreamReader::NotWellFormedError) {
        // The repair works on UTF-8 bytes (or another ASCII-compatible encoding that the
        // document declares).
        if (!transcodeFrom.isEmpty() || !xmlrecovery::isAsciiCompatible(document)) {
            QByteArray utf8 = feedencoding::toUtf8(
                document, transcodeFrom.isEmpty() ? encoding.encoding : transcodeFrom);
            if (!utf8.isNull())
                document = std::move(utf8);
        }
        QByteArray repaired = xmlrecovery::repair(document);
        document.clear();
        if (!repaired.isNull()) {
            Parser second(repaired, base);
            const Parser::Outcome outcome = second.run();
            if (outcome == Parser::Outcome::Ok)
                return succeed(second);
            if (outcome != Parser::Outcome::XmlError)
                return refuse(Error::Kind::NotAFeed, outcomeMessage(outcome, second.rootName()));
        }
    }
    return refuse(Error::Kind::NotAFeed, firstError);
}

} // namespace sidecast
