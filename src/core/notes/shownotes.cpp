#include "shownotes.h"

#include "core/feed/feedtext.h"

#include <QUrlQuery>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <iterator>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace sidecast {

namespace {

// ---------------------------------------------------------------------------------------------
// Characters

bool isHtmlSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiAlpha(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiAlnum(QChar c)
{
    return isAsciiAlpha(c) || isAsciiDigit(c);
}

int hexValue(QChar c)
{
    if (isAsciiDigit(c))
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

// A fixed table keyed by short names. Sorted by length, then characters, and searched by
// bisection: cheaper than hashing for names this short.
template <typename T> class NameTable
{
public:
    void insert(QStringView name, T value) { m_entries.push_back({name, std::move(value)}); }
    void sort() { std::sort(m_entries.begin(), m_entries.end(), &NameTable::less); }

    const T *find(QStringView name) const
    {
        const auto it = std::lower_bound(m_entries.cbegin(), m_entries.cend(), Entry{name, T()},
                                         &NameTable::less);
        return it != m_entries.cend() && it->first == name ? &it->second : nullptr;
    }

private:
    using Entry = std::pair<QStringView, T>;

    static bool less(const Entry &a, const Entry &b)
    {
        if (a.first.size() != b.first.size())
            return a.first.size() < b.first.size();
        return std::char_traits<char16_t>::compare(a.first.utf16(), b.first.utf16(),
                                                   size_t(a.first.size())) < 0;
    }

    std::vector<Entry> m_entries;
};

// ---------------------------------------------------------------------------------------------
// Entities

// Names HTML decodes even without the closing ';' ("&amp", "&nbsp"), as browsers do.
bool isLegacyEntity(QStringView name)
{
    for (const char16_t *legacy :
         {u"amp", u"lt", u"gt", u"quot", u"nbsp", u"copy", u"reg", u"AMP", u"LT", u"GT", u"QUOT"}) {
        if (name == QStringView(legacy))
            return true;
    }
    return false;
}

// Appends a character of text, dropping control characters that mean nothing in notes.
void appendCodePoint(QString &out, char32_t c)
{
    // Feeds written in windows-1252 use "&#146;" for a right quote, and browsers honour that;
    // the five C1 codes windows-1252 leaves unassigned mean nothing.
    if (c >= 0x80 && c <= 0x9F) {
        c = feedtext::fromWindows1252(static_cast<unsigned char>(c));
        if (c >= 0x80 && c <= 0x9F)
            return;
    }
    if ((c < 0x20 && c != u'\t' && c != u'\n') || c == 0x7F)
        return;
    if (c > 0xFFFF) {
        out += QChar(QChar::highSurrogate(c));
        out += QChar(QChar::lowSurrogate(c));
    } else {
        out += QChar(char16_t(c));
    }
}

enum class EntityMode
{
    Strict,    // plain text: only complete references ("AT&T" and "&c" stay as written)
    Text,      // HTML text: also the legacy names without ';'
    Attribute, // HTML attribute: legacy names only when not followed by '=' or a letter/digit
};

// Decodes the reference starting at the '&' at `amp`; returns its length, 0 when it is none.
qsizetype decodeEntityAt(QStringView s, qsizetype amp, EntityMode mode, char32_t *code)
{
    const qsizetype n = s.size();
    qsizetype i = amp + 1;
    if (i < n && s[i] == u'#') {
        ++i;
        bool hex = false;
        if (i < n && (s[i] == u'x' || s[i] == u'X')) {
            hex = true;
            ++i;
        }
        const qsizetype digits = i;
        char32_t value = 0;
        for (; i < n; ++i) {
            const int d = hex ? hexValue(s[i]) : (isAsciiDigit(s[i]) ? s[i].unicode() - u'0' : -1);
            if (d < 0)
                break;
            value = std::min<char32_t>(value * (hex ? 16 : 10) + char32_t(d), 0x110000);
        }
        if (i == digits)
            return 0;
        if (i < n && s[i] == u';')
            ++i;
        else if (mode == EntityMode::Strict)
            return 0;
        if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            value = 0xFFFD;
        *code = value;
        return i - amp;
    }

    const qsizetype nameStart = i;
    while (i < n && isAsciiAlnum(s[i]) && i - nameStart < 32)
        ++i;
    if (i == nameStart)
        return 0;
    const QStringView name = s.sliced(nameStart, i - nameStart);
    if (i < n && s[i] == u';') {
        const char32_t found = feedtext::htmlEntity(name);
        if (found == 0)
            return 0;
        *code = found;
        return i + 1 - amp;
    }
    if (mode == EntityMode::Strict || !isLegacyEntity(name))
        return 0;
    if (mode == EntityMode::Attribute && i < n && (s[i] == u'=' || isAsciiAlnum(s[i])))
        return 0;
    *code = feedtext::htmlEntity(name);
    return i - amp;
}

// Entities decoded, CR LF and CR made LF, control characters dropped.
QString decodeText(QStringView in, EntityMode mode)
{
    QString out;
    out.reserve(in.size());
    const qsizetype n = in.size();
    qsizetype copied = 0; // ordinary characters are copied in runs
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = in[i].unicode();
        if (c != u'&' && (c >= 0xA0 || (c >= 0x20 && c < 0x7F) || c == u'\n' || c == u'\t'))
            continue;
        out.append(in.sliced(copied, i - copied));
        copied = i + 1;
        if (c == u'&') {
            char32_t code = 0;
            if (const qsizetype length = decodeEntityAt(in, i, mode, &code)) {
                appendCodePoint(out, code == u'\r' ? char32_t(u'\n') : code);
                i += length - 1;
                copied = i + 1;
            } else {
                out += u'&';
            }
        } else if (c == u'\r') {
            if (i + 1 >= n || in[i + 1] != u'\n')
                out += u'\n';
        } else {
            appendCodePoint(out, c);
        }
    }
    out.append(in.sliced(copied));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Elements

// How an element breaks the flow of text, for plain text and for finding lines.
enum class Flow
{
    Inline,
    Cell,      // a table cell: a space
    Line,      // a block: starts on a new line
    HardLine,  // <br>: always a new line
    Paragraph, // a paragraph-like block: a blank line around it
};

enum class Action
{
    Keep,        // kept, possibly under another name
    Transparent, // the tag goes, its content stays
    Skip,        // the element goes with its content
    Void,        // kept, has no content (br, hr)
    Drop,        // has no content and goes (img, input, ...)
};

// What an element written out means to the tree-building rules (which close what).
enum class Role
{
    Other,
    P,
    Heading,
    List, // ul, ol
    Li,
    Dl,
    DtDd,
    Table,
    TableSection, // thead, tbody, tfoot
    Tr,
    Cell,
    A,
    Pre,
    Count
};

struct ElementInfo
{
    Action action = Action::Transparent;
    Flow flow = Flow::Inline;
    Role role = Role::Other;
    bool rawText = false; // its content is not markup and runs to its end tag (script, style)
    QStringView name;     // lower case; empty for an unknown element
    QString open;         // written form of its start tag, e.g. "<b>" (kept elements only)
    QString close;        // "</b>"
};

// The element called `name` (any case); an unknown element for names we do not know.
const ElementInfo &elementInfo(QStringView name)
{
    static const NameTable<ElementInfo> table = [] {
        NameTable<ElementInfo> t;
        const auto add = [&t](std::initializer_list<const char16_t *> names, Action action,
                              Flow flow, const char16_t *out = nullptr, Role role = Role::Other,
                              bool rawText = false) {
            for (const char16_t *n : names) {
                ElementInfo e;
                e.action = action;
                e.flow = flow;
                e.role = role;
                e.rawText = rawText;
                e.name = QStringView(n);
                if (action == Action::Keep || action == Action::Void) {
                    const QStringView written(out ? out : n);
                    e.open = QString(u'<').append(written).append(u'>');
                    e.close = QStringView(u"</").toString().append(written).append(u'>');
                }
                t.insert(e.name, e);
            }
        };
        add({u"b", u"strong", u"i", u"em", u"u", u"s", u"code", u"sub", u"sup", u"span", u"small",
             u"big"},
            Action::Keep, Flow::Inline);
        add({u"a"}, Action::Keep, Flow::Inline, nullptr, Role::A);
        add({u"ins"}, Action::Keep, Flow::Inline, u"u");
        add({u"strike", u"del"}, Action::Keep, Flow::Inline, u"s");
        add({u"tt", u"kbd", u"samp"}, Action::Keep, Flow::Inline, u"code");
        add({u"var", u"cite", u"dfn"}, Action::Keep, Flow::Inline, u"i");
        add({u"p"}, Action::Keep, Flow::Paragraph, nullptr, Role::P);
        add({u"h1", u"h2", u"h3", u"h4", u"h5", u"h6"}, Action::Keep, Flow::Paragraph, nullptr,
            Role::Heading);
        add({u"ul", u"ol"}, Action::Keep, Flow::Paragraph, nullptr, Role::List);
        add({u"menu", u"dir"}, Action::Keep, Flow::Paragraph, u"ul", Role::List);
        add({u"dl"}, Action::Keep, Flow::Paragraph, nullptr, Role::Dl);
        add({u"blockquote"}, Action::Keep, Flow::Paragraph);
        add({u"pre"}, Action::Keep, Flow::Paragraph, nullptr, Role::Pre);
        add({u"listing"}, Action::Keep, Flow::Paragraph, u"pre", Role::Pre);
        add({u"table"}, Action::Keep, Flow::Paragraph, nullptr, Role::Table);
        add({u"li"}, Action::Keep, Flow::Line, nullptr, Role::Li);
        add({u"dt", u"dd"}, Action::Keep, Flow::Line, nullptr, Role::DtDd);
        add({u"tr"}, Action::Keep, Flow::Line, nullptr, Role::Tr);
        add({u"thead", u"tbody", u"tfoot"}, Action::Keep, Flow::Line, nullptr, Role::TableSection);
        add({u"div"}, Action::Keep, Flow::Line);
        add({u"section", u"article", u"header", u"footer", u"main", u"nav", u"aside", u"figure",
             u"figcaption", u"address", u"center", u"details", u"summary", u"hgroup", u"fieldset",
             u"legend", u"search"},
            Action::Keep, Flow::Line, u"div");
        add({u"td", u"th"}, Action::Keep, Flow::Cell, nullptr, Role::Cell);
        add({u"br"}, Action::Void, Flow::HardLine);
        add({u"hr"}, Action::Void, Flow::Paragraph);
        add({u"img", u"image", u"wbr", u"input", u"meta", u"link", u"base", u"source", u"track",
             u"area", u"param", u"col", u"embed", u"frame", u"keygen", u"basefont", u"bgsound"},
            Action::Drop, Flow::Inline);
        add({u"caption"}, Action::Transparent, Flow::Line);
        add({u"head", u"object", u"form", u"svg", u"template", u"math", u"canvas", u"video",
             u"audio", u"applet", u"frameset", u"select", u"button", u"datalist", u"dialog"},
            Action::Skip, Flow::Inline);
        add({u"script", u"style", u"title", u"iframe", u"noscript", u"textarea", u"xmp", u"noembed",
             u"noframes", u"plaintext"},
            Action::Skip, Flow::Inline, nullptr, Role::Other, true);
        // Known so that looksLikeHtml() recognises them; their tags go, their text stays.
        add({u"html", u"body", u"font", u"abbr", u"acronym", u"mark", u"q", u"bdi", u"bdo", u"time",
             u"data", u"label", u"nobr", u"picture", u"map", u"colgroup", u"ruby", u"rt", u"rp"},
            Action::Transparent, Flow::Inline);
        t.sort();
        return t;
    }();
    static const ElementInfo unknown;

    constexpr qsizetype MaxName = 16; // longer than any name in the table
    if (name.size() > MaxName)
        return unknown;
    char16_t lower[MaxName];
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name[i].unicode();
        lower[i] = c >= u'A' && c <= u'Z' ? char16_t(c + (u'a' - u'A')) : c;
    }
    const ElementInfo *found = table.find(QStringView(lower, name.size()));
    return found ? *found : unknown;
}

bool isBlockElement(const ElementInfo &info)
{
    return (info.action == Action::Keep || info.action == Action::Void) &&
           info.flow != Flow::Inline && info.flow != Flow::Cell;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer: HTML as browsers read it, simplified to what notes contain. It never fails: what
// is not markup is text.

struct Attribute
{
    QStringView name;
    QStringView value; // raw, entities not yet decoded
};

struct Token
{
    enum class Type
    {
        Text,
        StartTag,
        EndTag
    };
    Type type = Type::Text;
    bool selfClosing = false;
    QStringView text;                     // Text: the raw text; tags: the name as written
    const ElementInfo *element = nullptr; // tags only
    std::vector<Attribute> attributes;
};

class Tokenizer
{
public:
    static constexpr size_t MaxAttributes = 32;

    explicit Tokenizer(QStringView src)
        : m_src(src)
    {}

    std::vector<Token> run()
    {
        const qsizetype n = m_src.size();
        m_tokens.reserve(size_t(m_src.count(u'<')) * 2 + 1);
        m_lastGt = m_src.lastIndexOf(u'>');
        while (m_pos < n) {
            const QChar c = m_src[m_pos];
            if (c == u'<') {
                if (!markup())
                    ++m_pos; // a stray '<' is text
            } else if (c == u']' && m_inCdata && m_src.sliced(m_pos).startsWith(u"]]>")) {
                flushText(m_pos);
                m_pos += 3;
                m_textStart = m_pos;
                m_inCdata = false;
            } else {
                ++m_pos;
            }
        }
        flushText(n);
        return std::move(m_tokens);
    }

private:
    void flushText(qsizetype end)
    {
        if (end > m_textStart) {
            Token t;
            t.text = m_src.sliced(m_textStart, end - m_textStart);
            m_tokens.push_back(std::move(t));
        }
        m_textStart = end;
    }

    // Consumes the markup at m_pos ('<'); false when it is not markup after all.
    bool markup()
    {
        // All markup ends in '>'. A tag that runs into the end of the input makes the rest
        // text; stopping there keeps stray '<'s from making the scan quadratic.
        if (m_pos > m_lastGt || m_tagRanOut)
            return false;
        const QStringView rest = m_src.sliced(m_pos);
        if (rest.startsWith(u"<!--")) {
            // "<!-->" and "<!--->" are empty comments. An unterminated comment ends at the
            // next '>' (there is one, see above) rather than swallowing the rest of the notes.
            qsizetype end;
            if (rest.sliced(4).startsWith(u'>'))
                end = m_pos + 5;
            else if (rest.sliced(4).startsWith(u"->"))
                end = m_pos + 6;
            else if (const qsizetype close = m_src.indexOf(u"-->", m_pos + 4); close >= 0)
                end = close + 3;
            else
                end = m_src.indexOf(u'>', m_pos + 4) + 1;
            skipTo(end);
            return true;
        }
        if (rest.startsWith(u"<![CDATA[", Qt::CaseInsensitive)) {
            // Double-wrapped feeds leave CDATA markers in the notes; what they wrap is meant as
            // the notes themselves, so the markers go and the content is read as usual.
            skipTo(m_pos + 9);
            m_inCdata = true;
            return true;
        }
        if (rest.startsWith(u"<!") || rest.startsWith(u"<?")) {
            const qsizetype gt = m_src.indexOf(u'>', m_pos + 2);
            if (gt < 0)
                return false;
            skipTo(gt + 1);
            return true;
        }
        if (rest.startsWith(u"</")) {
            if (rest.size() > 2 && rest[2] == u'>') {
                skipTo(m_pos + 3);
                return true;
            }
            if (rest.size() > 2 && isAsciiAlpha(rest[2])) {
                Token t;
                t.type = Token::Type::EndTag;
                const qsizetype end = parseTag(m_pos + 2, t);
                if (end < 0) {
                    m_tagRanOut = true;
                    return false;
                }
                flushText(m_pos);
                m_tokens.push_back(std::move(t));
                skipTo(end);
                return true;
            }
            const qsizetype gt = m_src.indexOf(u'>', m_pos + 2);
            if (gt < 0)
                return false;
            skipTo(gt + 1);
            return true;
        }
        if (rest.size() > 1 && isAsciiAlpha(rest[1])) {
            Token t;
            t.type = Token::Type::StartTag;
            const qsizetype end = parseTag(m_pos + 1, t);
            if (end < 0) {
                m_tagRanOut = true;
                return false;
            }
            const ElementInfo *element = t.element;
            flushText(m_pos);
            m_tokens.push_back(std::move(t));
            skipTo(end);
            if (element->rawText)
                skipRawText(element->name);
            return true;
        }
        return false;
    }

    void skipTo(qsizetype pos)
    {
        flushText(m_pos);
        m_pos = pos;
        m_textStart = pos;
    }

    // Skips the content of a raw-text element up to its end tag (or the end of the input);
    // none of these elements is displayed, so the content is dropped.
    void skipRawText(QStringView name)
    {
        const qsizetype n = m_src.size();
        qsizetype from = m_pos;
        while (true) {
            const qsizetype lt = m_src.indexOf(u"</", from);
            if (lt < 0) {
                skipTo(n);
                return;
            }
            const qsizetype after = lt + 2 + name.size();
            if (after <= n &&
                m_src.sliced(lt + 2, name.size()).compare(name, Qt::CaseInsensitive) == 0 &&
                (after == n || isHtmlSpace(m_src[after]) || m_src[after] == u'/' ||
                 m_src[after] == u'>')) {
                skipTo(lt);
                return;
            }
            from = lt + 2;
        }
    }

    // Reads a tag's name and attributes starting at the name; returns the index after its '>',
    // or -1 when the input ends inside the tag.
    qsizetype parseTag(qsizetype i, Token &t)
    {
        const qsizetype n = m_src.size();
        const qsizetype nameStart = i;
        while (i < n && !isHtmlSpace(m_src[i]) && m_src[i] != u'/' && m_src[i] != u'>')
            ++i;
        t.text = m_src.sliced(nameStart, i - nameStart);
        t.element = &elementInfo(t.text);
        while (true) {
            while (i < n && isHtmlSpace(m_src[i]))
                ++i;
            if (i >= n)
                return -1;
            if (m_src[i] == u'>')
                return i + 1;
            if (m_src[i] == u'/') {
                if (i + 1 < n && m_src[i + 1] == u'>') {
                    t.selfClosing = true;
                    return i + 2;
                }
                ++i;
                continue;
            }
            const qsizetype attrStart = i++; // a leading '=' belongs to the name
            while (i < n && !isHtmlSpace(m_src[i]) && m_src[i] != u'/' && m_src[i] != u'>' &&
                   m_src[i] != u'=')
                ++i;
            Attribute a;
            a.name = m_src.sliced(attrStart, i - attrStart);
            while (i < n && isHtmlSpace(m_src[i]))
                ++i;
            if (i < n && m_src[i] == u'=') {
                ++i;
                while (i < n && isHtmlSpace(m_src[i]))
                    ++i;
                if (i >= n)
                    return -1;
                const QChar quote = m_src[i];
                if (quote == u'"' || quote == u'\'') {
                    const qsizetype valueStart = i + 1;
                    const qsizetype close = m_src.indexOf(quote, valueStart);
                    if (close >= 0) {
                        a.value = m_src.sliced(valueStart, close - valueStart);
                        i = close + 1;
                    } else {
                        // An unbalanced quote ends at the next '>' instead of eating the notes.
                        const qsizetype gt = m_src.indexOf(u'>', valueStart);
                        if (gt < 0)
                            return -1;
                        a.value = m_src.sliced(valueStart, gt - valueStart);
                        i = gt;
                    }
                } else {
                    const qsizetype valueStart = i;
                    while (i < n && !isHtmlSpace(m_src[i]) && m_src[i] != u'>')
                        ++i;
                    a.value = m_src.sliced(valueStart, i - valueStart);
                }
            }
            // The first of duplicates counts, as in browsers. Past MaxAttributes nothing is
            // kept, which bounds this search.
            const bool duplicate =
                std::any_of(t.attributes.cbegin(), t.attributes.cend(), [&](const Attribute &b) {
                    return b.name.compare(a.name, Qt::CaseInsensitive) == 0;
                });
            if (!duplicate && t.attributes.size() < MaxAttributes)
                t.attributes.push_back(a);
        }
    }

    QStringView m_src;
    qsizetype m_pos = 0;
    qsizetype m_textStart = 0;
    qsizetype m_lastGt = -1;
    bool m_inCdata = false;
    bool m_tagRanOut = false;
    std::vector<Token> m_tokens;
};

// True when the notes contain markup: a known tag, a comment, a CDATA section or a doctype.
// "x < y", "Vec<String>", "a<b" and "<https://example.com>" are plain text.
bool looksLikeHtml(QStringView s)
{
    const qsizetype n = s.size();
    const qsizetype lastGt = s.lastIndexOf(u'>');
    for (qsizetype lt = s.indexOf(u'<'); lt >= 0 && lt + 1 < n; lt = s.indexOf(u'<', lt + 1)) {
        qsizetype i = lt + 1;
        if (s[i] == u'!') {
            const QStringView rest = s.sliced(i);
            if (rest.startsWith(u"!--") || rest.startsWith(u"![CDATA[", Qt::CaseInsensitive) ||
                rest.startsWith(u"!doctype", Qt::CaseInsensitive))
                return true;
            continue;
        }
        if (s[i] == u'/')
            ++i;
        const qsizetype nameStart = i;
        while (i < n && isAsciiAlnum(s[i]))
            ++i;
        if (i == nameStart || i > lastGt || (!isHtmlSpace(s[i]) && s[i] != u'>' && s[i] != u'/'))
            continue;
        if (!elementInfo(s.sliced(nameStart, i - nameStart)).name.isEmpty())
            return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Safe URLs

bool isWebScheme(const QString &scheme)
{
    return scheme == u"http" || scheme == u"https";
}

// The href to write for a link the notes give, or an empty string when it must go: only
// http(s) and mailto survive; relative references need a web base URL to resolve against.
QString safeHref(QStringView raw, const QUrl &base)
{
    // Browsers ignore tabs and newlines inside URLs ("java\tscript:"), so they must not hide a
    // scheme from us either.
    QString s;
    s.reserve(raw.size());
    for (const QChar c : decodeText(raw, EntityMode::Attribute)) {
        if (c.unicode() >= 0x20 && c.unicode() != 0x7F)
            s += c;
    }
    s = s.trimmed();
    if (s.isEmpty())
        return {};

    qsizetype i = 0;
    if (isAsciiAlpha(s[0])) {
        while (i < s.size() && (isAsciiAlnum(s[i]) || s[i] == u'+' || s[i] == u'-' || s[i] == u'.'))
            ++i;
    }
    QUrl url;
    if (i > 0 && i < s.size() && s[i] == u':') {
        const QString scheme = s.first(i).toLower();
        if (!isWebScheme(scheme) && scheme != u"mailto")
            return {};
        url = QUrl(s, QUrl::TolerantMode);
    } else if (base.isValid() && isWebScheme(base.scheme().toLower())) {
        url = base.resolved(QUrl(s, QUrl::TolerantMode));
    } else if (s.startsWith(u"//")) {
        url = QUrl(u"https:" + s, QUrl::TolerantMode);
    } else {
        return {};
    }
    if (!url.isValid())
        return {};
    const QString scheme = url.scheme().toLower();
    if (isWebScheme(scheme) ? url.host().isEmpty() : scheme != u"mailto")
        return {};
    return url.toString(QUrl::FullyEncoded);
}

// ---------------------------------------------------------------------------------------------
// Finding URLs and timestamps in text

struct Found
{
    qsizetype start = 0;
    qsizetype end = 0;
    qint64 seconds = -1; // a timestamp; -1 for a URL
    QString href;        // a URL's link; empty for a timestamp or a URL that cannot be linked
};

bool endsUrl(QChar c)
{
    return c.isSpace() || c.unicode() < 0x20 || c == u'<' || c == u'>' || c == u'"' || c == u'`' ||
           c == u'{' || c == u'}' || c == u'|' || c == u'\\' || c == u'^';
}

// The end of an http(s) URL whose part after "://" starts at `bodyStart`, without the
// punctuation around it in prose: "(see https://x.org/a_(b))." keeps "https://x.org/a_(b)".
qsizetype urlEnd(QStringView s, qsizetype bodyStart)
{
    qsizetype end = bodyStart;
    qsizetype parens = 0; // '(' minus ')'
    qsizetype brackets = 0;
    for (; end < s.size() && !endsUrl(s[end]); ++end) {
        const QChar c = s[end];
        parens += c == u'(' ? 1 : c == u')' ? -1 : 0;
        brackets += c == u'[' ? 1 : c == u']' ? -1 : 0;
    }
    while (end > bodyStart) {
        const QChar c = s[end - 1];
        if (c == u'.' || c == u',' || c == u';' || c == u':' || c == u'!' || c == u'?' ||
            c == u'\'' || c == u'*') {
            --end;
        } else if (c == u')' && parens < 0) {
            ++parens;
            --end;
        } else if (c == u']' && brackets < 0) {
            ++brackets;
            --end;
        } else {
            break;
        }
    }
    return end;
}

// A word after a time that makes it a clock time or a duration, not a position in the episode.
bool isClockSuffix(QStringView s, qsizetype i)
{
    const QStringView rest = s.sliced(i);
    const auto word = [&rest](QStringView w, Qt::CaseSensitivity cs) {
        return rest.startsWith(w, cs) && (rest.size() == w.size() || !rest[w.size()].isLetter());
    };
    for (const char16_t *w : {u"am", u"pm", u"a.m", u"p.m", u"uhr", u"o'clock", u"o\u2019clock"}) {
        if (word(QStringView(w), Qt::CaseInsensitive))
            return true;
    }
    // Durations ("45:00 minutes"); capitalised, these words more likely start a label.
    for (const char16_t *w : {u"h", u"hr", u"hrs", u"hours", u"min", u"mins", u"minutes"}) {
        if (word(QStringView(w), Qt::CaseSensitive))
            return true;
    }
    for (const char16_t *zone :
         {u"UTC",  u"GMT",  u"CET", u"CEST", u"EET",  u"EEST", u"WET",  u"WEST", u"BST",
          u"IST",  u"EST",  u"EDT", u"CST",  u"CDT",  u"MST",  u"MDT",  u"PST",  u"PDT",
          u"AKST", u"AKDT", u"HST", u"AEST", u"AEDT", u"ACST", u"AWST", u"JST",  u"KST",
          u"NZST", u"NZDT", u"ET",  u"CT",   u"MT",   u"PT"}) {
        if (word(QStringView(zone), Qt::CaseSensitive))
            return true;
    }
    return false;
}

// The timestamp in the run of digits and colons [start, end), or -1. Runs of other shapes
// ("10:30:45:12", "16:9", "123:45", "1:2:3") are not timestamps.
qint64 timestampValue(QStringView s, qsizetype start, qsizetype end)
{
    int values[3] = {};
    qsizetype lengths[3] = {};
    int groups = 0;
    qsizetype i = start;
    while (i < end) {
        if (groups == 3)
            return -1;
        const qsizetype groupStart = i;
        int value = 0;
        while (i < end && s[i] != u':') {
            value = value * 10 + (s[i].unicode() - u'0');
            if (i - groupStart >= 2)
                return -1;
            ++i;
        }
        values[groups] = value;
        lengths[groups] = i - groupStart;
        ++groups;
        ++i; // the colon
    }
    if (groups == 2) {
        if (lengths[1] != 2 || values[1] > 59)
            return -1;
        return values[0] * 60 + values[1];
    }
    if (groups == 3) {
        if (lengths[1] != 2 || lengths[2] != 2 || values[1] > 59 || values[2] > 59)
            return -1;
        return values[0] * 3600 + values[1] * 60 + values[2];
    }
    return -1;
}

// Whether the text around the run [start, end) lets it be a timestamp: not part of a word, a
// decimal or version number, a path, a clock time ("10:30 pm", "14:00 UTC", "T10:30:00Z") or a
// time-zone offset ("UTC+10:00", "GMT-05:00").
bool timestampContextOk(QStringView s, qsizetype start, qsizetype end)
{
    const qsizetype n = s.size();
    if (start > 0) {
        const QChar p = s[start - 1];
        const QChar pp = start > 1 ? s[start - 2] : QChar();
        if (p.isLetterOrNumber() || p == u'_' || p == u'+' || p == u'/' || p == u'\\')
            return false;
        if ((p == u'.' || p == u',') && isAsciiDigit(pp))
            return false;
        if ((p == u'-' || p == u'\u2212') && pp.isLetter())
            return false;
    }
    if (end < n) {
        const QChar q = s[end];
        const QChar qq = end + 1 < n ? s[end + 1] : QChar();
        if (q.isLetterOrNumber() || q == u'_')
            return false;
        if ((q == u'.' || q == u',' || q == u'+') && isAsciiDigit(qq))
            return false;
        qsizetype i = end;
        while (i < n && (s[i] == u' ' || s[i] == u'\t' || s[i] == u'\u00A0'))
            ++i;
        if (i > end && i < n && isClockSuffix(s, i))
            return false;
    }
    return true;
}

// The URLs and timestamps in `s`, in order, never overlapping. A URL's text is never searched
// for timestamps.
std::vector<Found> findLinks(QStringView s)
{
    std::vector<Found> found;
    const qsizetype n = s.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = s[i];
        if ((c == u'h' || c == u'H') && (i == 0 || !s[i - 1].isLetterOrNumber())) {
            const QStringView rest = s.sliced(i);
            const qsizetype schemeLength = rest.startsWith(u"https://", Qt::CaseInsensitive)  ? 8
                                           : rest.startsWith(u"http://", Qt::CaseInsensitive) ? 7
                                                                                              : 0;
            if (schemeLength > 0) {
                const qsizetype end = urlEnd(s, i + schemeLength);
                if (end > i + schemeLength) {
                    Found f;
                    f.start = i;
                    f.end = end;
                    const QUrl url(s.sliced(i, end - i).toString(), QUrl::TolerantMode);
                    if (url.isValid() && !url.host().isEmpty())
                        f.href = url.toString(QUrl::FullyEncoded);
                    found.push_back(std::move(f));
                    i = end;
                    continue;
                }
            }
        }
        if (isAsciiDigit(c)) {
            qsizetype end = i;
            while (end < n && (isAsciiDigit(s[end]) ||
                               (s[end] == u':' && end + 1 < n && isAsciiDigit(s[end + 1]))))
                ++end;
            const qint64 seconds = timestampValue(s, i, end);
            if (seconds >= 0 && timestampContextOk(s, i, end)) {
                Found f;
                f.start = i;
                f.end = end;
                f.seconds = seconds;
                found.push_back(std::move(f));
            }
            i = end;
            continue;
        }
        ++i;
    }
    return found;
}

// ---------------------------------------------------------------------------------------------
// Sanitizing: notes -> a flat list of safe markup and decoded text, which the three public
// functions render in their own ways.

struct Piece
{
    QString text;             // markup: safe HTML; otherwise decoded text
    Flow flow = Flow::Inline; // markup only
    bool markup = false;
    bool linkable = false; // text only: outside any <a>, so its URLs and times may be linked
};

class Sanitizer
{
public:
    explicit Sanitizer(const QUrl &base)
        : m_base(base)
    {}

    std::vector<Piece> run(const QString &notes)
    {
        if (!looksLikeHtml(notes)) {
            m_flowOpen = u"<p>";
            m_flowLine = u"<br>";
            m_flowParagraph = u"</p><p>";
            addFlowingText(decodeText(notes, EntityMode::Strict));
            if (m_hasContent)
                addMarkup(QStringLiteral("</p>"), Flow::Paragraph);
            return std::move(m_pieces);
        }

        const std::vector<Token> tokens = Tokenizer(notes).run();
        // Notes with tags but without any block markup ("Intro\n<b>12:30</b> Topic") still
        // mean their newlines.
        m_flowing = std::none_of(tokens.cbegin(), tokens.cend(), [](const Token &t) {
            return t.element && isBlockElement(*t.element);
        });
        m_flowLine = u"<br>";
        m_flowParagraph = u"<br><br>";
        m_pieces.reserve(tokens.size() + tokens.size() / 2);

        for (const Token &t : tokens) {
            switch (t.type) {
            case Token::Type::Text:
                if (!m_skip)
                    addText(t.text);
                break;
            case Token::Type::StartTag:
                startTag(t);
                break;
            case Token::Type::EndTag:
                endTag(t);
                break;
            }
        }
        closeTo(0);
        return std::move(m_pieces);
    }

private:
    static constexpr qsizetype MaxDepth = 200;

    void addMarkup(const QString &html, Flow flow)
    {
        Piece p;
        p.text = html;
        p.flow = flow;
        p.markup = true;
        m_pieces.push_back(std::move(p));
    }

    void addTextPiece(QString text)
    {
        if (text.isEmpty())
            return;
        Piece p;
        p.text = std::move(text);
        p.linkable = m_roleCount[int(Role::A)] == 0;
        m_pieces.push_back(std::move(p));
    }

    void addText(QStringView raw)
    {
        QString text = decodeText(raw, EntityMode::Text);
        if (m_roleCount[int(Role::Pre)] > 0) {
            addTextPiece(std::move(text));
        } else if (m_flowing) {
            addFlowingText(text);
        } else {
            // Qt collapses whitespace itself; collapsing here keeps source newlines from
            // looking like lines to timestamps() and toPlainText().
            QChar *out = text.data();
            qsizetype length = 0;
            bool space = false;
            for (const QChar c : std::as_const(text)) {
                if (isHtmlSpace(c)) {
                    if (!space)
                        out[length++] = u' ';
                    space = true;
                } else {
                    out[length++] = c;
                    space = false;
                }
            }
            text.truncate(length);
            addTextPiece(std::move(text));
        }
    }

    // Text whose newlines are line breaks and whose blank lines are paragraph breaks. Breaks
    // are written only between visible text, so leading and trailing newlines vanish.
    void addFlowingText(QStringView text)
    {
        QString run;
        const qsizetype n = text.size();
        qsizetype i = 0;
        while (i < n) {
            if (isHtmlSpace(text[i])) {
                int newlines = 0;
                for (; i < n && isHtmlSpace(text[i]); ++i)
                    newlines += text[i] == u'\n';
                if (newlines > 0) {
                    addTextPiece(std::exchange(run, QString()));
                    m_pendingNewlines += newlines;
                } else if (m_pendingNewlines == 0 && m_hasContent) {
                    run += u' ';
                }
                continue;
            }
            if (!m_hasContent && !m_flowOpen.isEmpty())
                addMarkup(m_flowOpen.toString(), Flow::Paragraph);
            flushBreak();
            m_hasContent = true;
            const qsizetype wordStart = i;
            while (i < n && !isHtmlSpace(text[i]))
                ++i;
            run += text.sliced(wordStart, i - wordStart);
        }
        addTextPiece(std::move(run));
    }

    // Writes the break the newlines since the last text stand for, unless nothing came before.
    void flushBreak()
    {
        if (m_pendingNewlines > 0 && m_hasContent) {
            if (m_pendingNewlines > 1)
                addMarkup(m_flowParagraph.toString(), Flow::Paragraph);
            else
                addMarkup(m_flowLine.toString(), Flow::HardLine);
        }
        m_pendingNewlines = 0;
    }

    // The innermost open element with one of the `targets` roles, searching no further out than
    // an element with one of the `stops` roles; -1 when there is none.
    qsizetype findOpen(std::initializer_list<Role> targets, std::initializer_list<Role> stops) const
    {
        if (std::all_of(targets.begin(), targets.end(),
                        [this](Role r) { return m_roleCount[int(r)] == 0; }))
            return -1;
        const auto in = [](Role role, std::initializer_list<Role> roles) {
            return std::find(roles.begin(), roles.end(), role) != roles.end();
        };
        for (qsizetype i = qsizetype(m_open.size()) - 1; i >= 0; --i) {
            const Role role = m_open[i]->role;
            if (in(role, targets))
                return i;
            if (in(role, stops))
                return -1;
        }
        return -1;
    }

    // Closes the open elements down to and including index `to`.
    void closeTo(qsizetype to)
    {
        while (to >= 0 && qsizetype(m_open.size()) > to) {
            const ElementInfo *e = m_open.back();
            m_open.pop_back();
            --m_roleCount[int(e->role)];
            addMarkup(e->close, e->flow);
        }
    }

    void closeIfOpen(std::initializer_list<Role> targets, std::initializer_list<Role> stops)
    {
        if (const qsizetype i = findOpen(targets, stops); i >= 0)
            closeTo(i);
    }

    void startTag(const Token &t)
    {
        const ElementInfo &info = *t.element;
        if (m_skip) {
            if (&info == m_skip && !t.selfClosing)
                ++m_skipDepth;
            else if (m_skip->name == u"head" && info.name == u"body")
                m_skip = nullptr; // <body> ends an unclosed <head>
            return;
        }
        switch (info.action) {
        case Action::Drop:
            return;
        case Action::Transparent:
            if (info.flow != Flow::Inline)
                addMarkup(QString(), info.flow);
            return;
        case Action::Skip:
            // Browsers read <script/> as an open script; the tokenizer already skipped it.
            if (!t.selfClosing || info.rawText) {
                m_skip = &info;
                m_skipDepth = 1;
            }
            return;
        case Action::Void:
            if (isBlockElement(info) && info.flow != Flow::HardLine)
                closeIfOpen({Role::P}, {Role::Table, Role::Cell});
            addMarkup(info.open, info.flow);
            return;
        case Action::Keep:
            break;
        }
        if (m_flowing)
            flushBreak(); // "a\n<b>b</b>" breaks before the <b>, not inside it

        if (isBlockElement(info))
            closeIfOpen({Role::P}, {Role::Table, Role::Cell});
        switch (info.role) {
        case Role::Li:
            closeIfOpen({Role::Li}, {Role::List, Role::Table, Role::Cell});
            break;
        case Role::DtDd:
            closeIfOpen({Role::DtDd}, {Role::Dl, Role::Table, Role::Cell});
            break;
        case Role::Tr:
            closeIfOpen({Role::Tr}, {Role::Table});
            break;
        case Role::Cell:
            closeIfOpen({Role::Cell}, {Role::Tr, Role::Table});
            break;
        case Role::TableSection:
            closeIfOpen({Role::TableSection}, {Role::Table});
            break;
        case Role::Heading:
            if (!m_open.empty() && m_open.back()->role == Role::Heading)
                closeTo(qsizetype(m_open.size()) - 1);
            break;
        case Role::A:
            closeIfOpen({Role::A}, {});
            break;
        default:
            break;
        }
        if (qsizetype(m_open.size()) >= MaxDepth)
            return;

        QString html = info.open;
        if (info.role == Role::A) {
            QString href;
            for (const Attribute &a : t.attributes) {
                if (a.name.compare(u"href", Qt::CaseInsensitive) == 0)
                    href = safeHref(a.value, m_base);
            }
            if (href.isEmpty())
                return; // the text of a link we cannot keep stays as text
            html.chop(1);
            html += u" href=\"";
            feedtext::appendEscapedHtml(html, href, true);
            html += u"\">";
        } else if (info.role == Role::Cell) {
            html.chop(1);
            for (const Attribute &a : t.attributes) {
                for (const char16_t *span : {u"colspan", u"rowspan"}) {
                    if (a.name.compare(QStringView(span), Qt::CaseInsensitive) != 0)
                        continue;
                    bool ok = false;
                    const int value =
                        decodeText(a.value, EntityMode::Attribute).trimmed().toInt(&ok);
                    if (ok && value >= 1 && value <= 1000)
                        html += u' ' + QStringView(span) + u"=\"" + QString::number(value) + u'"';
                }
            }
            html += u'>';
        }
        m_open.push_back(&info);
        ++m_roleCount[int(info.role)];
        addMarkup(html, info.flow);
    }

    void endTag(const Token &t)
    {
        const ElementInfo &info = *t.element;
        if (m_skip) {
            if (&info == m_skip && --m_skipDepth == 0)
                m_skip = nullptr;
            return;
        }
        if (info.name == u"br") {
            addMarkup(info.open, Flow::HardLine); // "</br>" is read as <br>
            return;
        }
        if (info.action == Action::Transparent && info.flow != Flow::Inline) {
            addMarkup(QString(), info.flow);
            return;
        }
        if (info.action != Action::Keep)
            return;
        // An end tag does not reach out of the table, cell or list it is in.
        const Role role = info.role;
        const bool tablePart = role == Role::Cell || role == Role::Tr || role == Role::TableSection;
        for (qsizetype i = qsizetype(m_open.size()) - 1; i >= 0; --i) {
            const ElementInfo *e = m_open[i];
            if (e == &info) {
                closeTo(i);
                return;
            }
            if (role != Role::Table &&
                (e->role == Role::Table || (!tablePart && e->role == Role::Cell) ||
                 (role == Role::Li && e->role == Role::List)))
                return;
        }
    }

    QUrl m_base;
    std::vector<Piece> m_pieces;
    std::vector<const ElementInfo *> m_open;
    std::array<int, int(Role::Count)> m_roleCount = {};
    const ElementInfo *m_skip = nullptr; // the element whose content is being dropped
    int m_skipDepth = 0;

    bool m_flowing = false;
    bool m_hasContent = false;
    int m_pendingNewlines = 0;
    QStringView m_flowOpen;
    QStringView m_flowLine;
    QStringView m_flowParagraph;
};

// The text of the pieces with a '\n' at every block boundary and a space between cells, and
// where each text piece starts in it.
QString flatText(const std::vector<Piece> &pieces, std::vector<qsizetype> *starts)
{
    QString flat;
    flat.reserve(std::accumulate(pieces.cbegin(), pieces.cend(), qsizetype(0),
                                 [](qsizetype n, const Piece &p) { return n + p.text.size(); }));
    for (const Piece &p : pieces) {
        if (starts)
            starts->push_back(flat.size());
        if (!p.markup)
            flat += p.text;
        else if (p.flow == Flow::Cell)
            flat += u' ';
        else if (p.flow != Flow::Inline)
            flat += u'\n';
    }
    return flat;
}

// Timestamps side by side that form a range ("00:00-00:45", "1:00 to 2:30") share a label.
bool isRangeSeparator(QStringView between)
{
    const QStringView t = between.trimmed();
    for (const char16_t *sep : {u"-", u"\u2010", u"\u2011", u"\u2012", u"\u2013", u"\u2014",
                                u"\u2212", u"~", u"to", u"bis", u"--"}) {
        if (t.compare(QStringView(sep), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isLabelSeparator(QChar c)
{
    switch (c.unicode()) {
    case u'-':
    case u':':
    case u'|':
    case u'*':
    case u'~':
    case u'>':
    case u',':
    case u';':
    case u'/':
    case u'=':
    case 0x00B7: // middle dot
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2022: // bullet
    case 0x2212:
        return true;
    default:
        return c.isSpace();
    }
}

// Text around a timestamp as a label: whitespace collapsed, separators at the ends gone.
QString cleanLabel(QStringView text)
{
    qsizetype from = 0;
    qsizetype to = text.size();
    while (from < to && isLabelSeparator(text[from]))
        ++from;
    while (to > from && isLabelSeparator(text[to - 1]))
        --to;
    return text.sliced(from, to - from).toString().simplified();
}

void labelLine(QStringView line, const std::vector<Found> &times, QList<NoteTimestamp> *result)
{
    struct Group
    {
        qsizetype start;
        qsizetype end;
        QList<qint64> seconds;
    };
    std::vector<Group> groups;
    for (const Found &f : times) {
        if (!groups.empty() && groups.back().seconds.size() == 1 &&
            isRangeSeparator(line.sliced(groups.back().end, f.start - groups.back().end))) {
            groups.back().end = f.end;
            groups.back().seconds.append(f.seconds);
        } else {
            groups.push_back({f.start, f.end, {f.seconds}});
        }
    }
    // A group's brackets go with it: "Introduction [00:00-00:45]".
    for (Group &g : groups) {
        qsizetype l = g.start;
        qsizetype r = g.end;
        while (l > 0 && line[l - 1].isSpace())
            --l;
        while (r < line.size() && line[r].isSpace())
            ++r;
        if (l > 0 && r < line.size()) {
            const QChar open = line[l - 1];
            const QChar close = line[r];
            if ((open == u'(' && close == u')') || (open == u'[' && close == u']') ||
                (open == u'{' && close == u'}') || (open == u'<' && close == u'>')) {
                g.start = l - 1;
                g.end = r + 1;
            }
        }
    }

    const auto add = [result](const Group &g, const QString &label) {
        for (qsizetype i = 0; i < g.seconds.size(); ++i)
            result->append({g.seconds[i], label, i > 0});
    };
    if (groups.size() == 1) {
        const QString before = cleanLabel(line.first(groups[0].start));
        const QString after = cleanLabel(line.sliced(groups[0].end));
        add(groups[0], before.isEmpty() || after.isEmpty() ? QString(before + after)
                                                           : QString(before + u' ' + after));
        return;
    }
    // Several times on a line: each labels the text up to the next one when the line starts
    // with a time ("00:00 Intro 02:15 News"), else the text since the previous one
    // ("Intro (00:00), News (02:15)").
    const bool labelsFollow = cleanLabel(line.first(groups[0].start)).isEmpty();
    for (size_t i = 0; i < groups.size(); ++i) {
        qsizetype from;
        qsizetype to;
        if (labelsFollow) {
            from = groups[i].end;
            to = i + 1 < groups.size() ? groups[i + 1].start : line.size();
        } else {
            from = i > 0 ? groups[i - 1].end : 0;
            to = groups[i].start;
        }
        add(groups[i], cleanLabel(line.sliced(from, to - from)));
    }
}

} // namespace

QString ShowNotes::toRichText(const QString &notes, const QUrl &baseUrl)
{
    const std::vector<Piece> pieces = Sanitizer(baseUrl).run(notes);
    std::vector<qsizetype> starts;
    const QString flat = flatText(pieces, &starts);
    const std::vector<Found> found = findLinks(flat);

    QString out;
    out.reserve(flat.size() + flat.size() / 4);
    size_t f = 0;
    for (size_t k = 0; k < pieces.size(); ++k) {
        const Piece &p = pieces[k];
        if (p.markup) {
            out += p.text;
            continue;
        }
        const qsizetype start = starts[k];
        const qsizetype end = start + p.text.size();
        while (f < found.size() && found[f].start < start)
            ++f;
        qsizetype cursor = start;
        for (; f < found.size() && found[f].start < end; ++f) {
            const Found &link = found[f];
            // Links are made only within one piece of text outside any existing link.
            const bool isTime = link.seconds >= 0;
            if (link.end > end || !p.linkable || (!isTime && link.href.isEmpty()))
                continue;
            feedtext::appendEscapedHtml(
                out, QStringView(p.text).sliced(cursor - start, link.start - cursor), true);
            out += u"<a href=\"";
            feedtext::appendEscapedHtml(out, isTime ? seekUrl(link.seconds).toString() : link.href,
                                        true);
            out += u"\">";
            feedtext::appendEscapedHtml(
                out, QStringView(p.text).sliced(link.start - start, link.end - link.start), true);
            out += u"</a>";
            cursor = link.end;
        }
        feedtext::appendEscapedHtml(out, QStringView(p.text).sliced(cursor - start), true);
    }
    return out;
}

QList<NoteTimestamp> ShowNotes::timestamps(const QString &notes)
{
    QList<NoteTimestamp> result;
    const QString flat = flatText(Sanitizer(QUrl()).run(notes), nullptr);
    const QStringView all(flat);
    qsizetype lineStart = 0;
    while (lineStart <= all.size()) {
        qsizetype lineEnd = all.indexOf(u'\n', lineStart);
        if (lineEnd < 0)
            lineEnd = all.size();
        const QStringView line = all.sliced(lineStart, lineEnd - lineStart);
        std::vector<Found> times = findLinks(line);
        times.erase(std::remove_if(times.begin(), times.end(),
                                   [](const Found &f) { return f.seconds < 0; }),
                    times.end());
        if (!times.empty())
            labelLine(line, times, &result);
        lineStart = lineEnd + 1;
    }
    return result;
}

QString ShowNotes::toPlainText(const QString &html)
{
    const std::vector<Piece> pieces = Sanitizer(QUrl()).run(html);
    QString text;
    const auto atLineStart = [&text] { return text.isEmpty() || text.back() == u'\n'; };
    const auto ensureNewlines = [&text](int count) {
        if (text.isEmpty())
            return;
        int have = 0;
        for (qsizetype i = text.size() - 1; i >= 0 && text[i] == u'\n' && have < count; --i)
            ++have;
        for (; have < count; ++have)
            text += u'\n';
    };
    for (const Piece &p : pieces) {
        if (!p.markup) {
            for (const QChar c : p.text) {
                if (c != u'\n' && c.isSpace() && atLineStart())
                    continue;
                text += c;
            }
            continue;
        }
        switch (p.flow) {
        case Flow::Inline:
            break;
        case Flow::Cell:
            if (!atLineStart())
                text += u' ';
            break;
        case Flow::Line:
            ensureNewlines(1);
            break;
        case Flow::HardLine:
            text += u'\n';
            break;
        case Flow::Paragraph:
            ensureNewlines(2);
            break;
        }
    }

    // Lines with collapsed whitespace; at most one blank line in a row, none at either end.
    QString out;
    out.reserve(text.size());
    bool blank = false;
    for (const QStringView line : QStringView(text).split(u'\n')) {
        const QString l = line.toString().simplified();
        if (l.isEmpty()) {
            blank = !out.isEmpty();
            continue;
        }
        if (!out.isEmpty())
            out += blank ? u"\n\n" : u"\n";
        out += l;
        blank = false;
    }
    return out;
}

QUrl ShowNotes::seekUrl(qint64 seconds)
{
    QUrl url;
    url.setScheme(QStringLiteral("sidecast"));
    url.setPath(QStringLiteral("seek"));
    url.setQuery(u"t=" + QString::number(std::max<qint64>(seconds, 0)));
    return url;
}

qint64 ShowNotes::seekSeconds(const QUrl &link)
{
    if (link.scheme() != u"sidecast" || link.path() != u"seek")
        return -1;
    bool ok = false;
    const qint64 seconds = QUrlQuery(link).queryItemValue(QStringLiteral("t")).toLongLong(&ok);
    return ok && seconds >= 0 ? seconds : -1;
}

} // namespace sidecast
