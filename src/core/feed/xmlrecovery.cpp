#include "xmlrecovery.h"

#include <algorithm>
#include <cstring>

#include "feedtext.h"

#include <QList>

#include <algorithm>

namespace sidecast::xmlrecovery {
namespace {

constexpr bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
constexpr bool isNameStart(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == ':' || u >= 0x80;
}
constexpr bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
constexpr bool isXmlChar(char32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

bool startsWithAt(QByteArrayView data, qsizetype pos, QByteArrayView what)
{
    return pos >= 0 && pos + what.size() <= data.size() && data.sliced(pos, what.size()) == what;
}

bool startsWithNoCaseAt(QByteArrayView data, qsizetype pos, QByteArrayView what)
{
    if (pos < 0 || pos + what.size() > data.size())
        return false;
    for (qsizetype i = 0; i < what.size(); ++i) {
        const auto a = static_cast<unsigned char>(data[pos + i]);
        const auto b = static_cast<unsigned char>(what[i]);
        const auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; };
        if (lower(a) != lower(b))
            return false;
    }
    return true;
}

qsizetype skipUtf8Bom(QByteArrayView data)
{
    return startsWithAt(data, 0, "\xEF\xBB\xBF") ? 3 : 0;
}

constexpr KnownPrefix kKnownPrefixes[] = {
    {"itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"},
    {"content", "http://purl.org/rss/1.0/modules/content/"},
    {"atom", "http://www.w3.org/2005/Atom"},
    {"dc", "http://purl.org/dc/elements/1.1/"},
    {"media", "http://search.yahoo.com/mrss/"},
    {"podcast", "https://podcastindex.org/namespace/1.0"},
    {"psc", "http://podlove.org/simple-chapters"},
    {"googleplay", "http://www.google.com/schemas/play-podcasts/1.0"},
    {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
    {"sy", "http://purl.org/rss/1.0/modules/syndication/"},
    {"xhtml", "http://www.w3.org/1999/xhtml"},
};

class Repairer
{
public:
    explicit Repairer(QByteArrayView in)
        : m_in(in)
    {
        m_out.reserve(in.size() + in.size() / 32 + 256);
    }

    QByteArray run()
    {
        const qsizetype n = m_in.size();
        while (m_pos < n) {
            const char c = m_in[m_pos];
            if (c == '&') {
                reference();
            } else if (c == '<') {
                markup();
            } else {
                qsizetype end = m_pos + 1;
                while (end < n && m_in[end] != '&' && m_in[end] != '<')
                    ++end;
                m_out.append(m_in.sliced(m_pos, end - m_pos));
                m_pos = end;
            }
        }
        declareMissingPrefixes();
        return m_changed ? m_out : QByteArray();
    }

private:
    void markup()
    {
        const qsizetype n = m_in.size();
        if (startsWithAt(m_in, m_pos, "<!--")) {
            copyThrough("-->", 4);
        } else if (startsWithAt(m_in, m_pos, "<![CDATA[")) {
            copyThrough("]]>", 9);
        } else if (startsWithAt(m_in, m_pos, "<!")) {
            doctype();
        } else if (startsWithAt(m_in, m_pos, "<?")) {
            copyThrough("?>", 2);
        } else if (m_pos + 2 < n && m_in[m_pos + 1] == '/' && isNameStart(m_in[m_pos + 2])) {
            endTag();
        } else if (m_pos + 1 < n && isNameStart(m_in[m_pos + 1])) {
            startTag();
        } else {
            m_out.append("&lt;");
            ++m_pos;
            m_changed = true;
        }
    }

    // Copies from the current position through `terminator`, which is searched for from
    // `skip` bytes on; an unterminated construct is closed at the end of the input.
    void copyThrough(QByteArrayView terminator, qsizetype skip)
    {
        const qsizetype found = m_in.indexOf(terminator, m_pos + skip);
        if (found < 0) {
            m_out.append(m_in.sliced(m_pos));
            m_out.append(terminator);
            m_pos = m_in.size();
            m_changed = true;
            return;
        }
        const qsizetype end = found + terminator.size();
        m_out.append(m_in.sliced(m_pos, end - m_pos));
        m_pos = end;
    }

    // The DOCTYPE passes unchanged; the entities its internal subset declares stay references.
    void doctype()
    {
        const qsizetype n = m_in.size();
        qsizetype i = m_pos + 2;
        int depth = 0;
        char quote = 0;
        for (; i < n; ++i) {
            const char c = m_in[i];
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                ++depth;
            } else if (c == ']') {
                --depth;
            } else if (c == '>' && depth <= 0) {
                break;
            } else if (startsWithAt(m_in, i, "<!--")) {
                const qsizetype end = m_in.indexOf("-->", i + 4);
                i = end < 0 ? n - 1 : end + 2;
            } else if (startsWithAt(m_in, i, "<!ENTITY")) {
                qsizetype j = i + 8;
                while (j < n && isXmlSpace(m_in[j]))
                    ++j;
                if (j < n && m_in[j] != '%') {
                    const qsizetype nameStart = j;
                    while (j < n && isNameChar(m_in[j]))
                        ++j;
                    m_declaredEntities.append(m_in.sliced(nameStart, j - nameStart).toByteArray());
                }
                i = j - 1;
            }
        }
        const qsizetype end = std::min(i + 1, n);
        m_out.append(m_in.sliced(m_pos, end - m_pos));
        m_pos = end;
    }

    void reference()
    {
        const qsizetype n = m_in.size();
        qsizetype i = m_pos + 1;
        if (i < n && m_in[i] == '#') {
            ++i;
            const bool hex = i < n && (m_in[i] == 'x' || m_in[i] == 'X');
            if (hex)
                ++i;
            const qsizetype digitsStart = i;
            char32_t value = 0;
            bool overflow = false;
            for (; i < n; ++i) {
                const char c = m_in[i];
                int digit;
                if (c >= '0' && c <= '9')
                    digit = c - '0';
                else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
                    digit = (c | 0x20) - 'a' + 10;
                else
                    break;
                value = value * (hex ? 16 : 10) + char32_t(digit);
                overflow = overflow || value > 0x10FFFF;
            }
            if (i > digitsStart && i < n && m_in[i] == ';') {
                if (!overflow && isXmlChar(value)) {
                    m_out.append(m_in.sliced(m_pos, i + 1 - m_pos));
                } else {
                    m_out.append("&#xFFFD;");
                    m_changed = true;
                }
                m_pos = i + 1;
                return;
            }
        } else if (i < n && isNameStart(m_in[i])) {
            qsizetype j = i;
            while (j < n && isNameChar(m_in[j]) && j - i < 64)
                ++j;
            if (j < n && m_in[j] == ';') {
                const QByteArrayView name = m_in.sliced(i, j - i);
                if (isPredefinedOrDeclared(name)) {
                    m_out.append(m_in.sliced(m_pos, j + 1 - m_pos));
                } else if (const char32_t code = feedtext::htmlEntity(name)) {
                    m_out.append("&#");
                    m_out.append(QByteArray::number(quint32(code)));
                    m_out.append(';');
                    m_changed = true;
                } else {
                    // An entity nobody declared: keep it readable as literal text.
                    m_out.append("&amp;");
                    m_out.append(name);
                    m_out.append(';');
                    m_changed = true;
                }
                m_pos = j + 1;
                return;
            }
        }
        m_out.append("&amp;");
        ++m_pos;
        m_changed = true;
    }

    bool isPredefinedOrDeclared(QByteArrayView name) const
    {
        if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos")
            return true;
        return std::any_of(m_declaredEntities.cbegin(), m_declaredEntities.cend(),
                           [&](const QByteArray &declared) { return declared == name; });
    }

    QByteArrayView name()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_in.size() && isNameChar(m_in[m_pos]))
            ++m_pos;
        return m_in.sliced(start, m_pos - start);
    }

    void copySpaces()
    {
        while (m_pos < m_in.size() && isXmlSpace(m_in[m_pos]))
            m_out.append(m_in[m_pos++]);
    }

    void startTag()
    {
        const qsizetype n = m_in.size();
        m_out.append('<');
        ++m_pos;
        const QByteArrayView elementName = name();
        m_out.append(elementName);
        notePrefix(elementName, false);
        if (m_rootInsertAt < 0)
            m_rootInsertAt = m_out.size();
        while (m_pos < n) {
            const char c = m_in[m_pos];
            if (c == '>') {
                m_out.append('>');
                ++m_pos;
                return;
            }
            if (c == '/' && m_pos + 1 < n && m_in[m_pos + 1] == '>') {
                m_out.append("/>");
                m_pos += 2;
                return;
            }
            if (isXmlSpace(c)) {
                m_out.append(c);
                ++m_pos;
            } else if (isNameStart(c)) {
                attribute();
            } else if (c == '<') {
                // The tag was never closed; close it before the next one starts.
                m_out.append('>');
                m_changed = true;
                return;
            } else {
                ++m_pos; // stray character inside the tag
                m_changed = true;
            }
        }
        m_out.append('>');
        m_changed = true;
    }

    void attribute()
    {
        const qsizetype n = m_in.size();
        const QByteArrayView attributeName = name();
        m_out.append(attributeName);
        notePrefix(attributeName, true);
        const qsizetype afterName = m_pos;
        while (m_pos < n && isXmlSpace(m_in[m_pos]))
            ++m_pos;
        if (m_pos >= n || m_in[m_pos] != '=') {
            m_pos = afterName;
            m_out.append("=\"\""); // HTML-style attribute without a value
            m_changed = true;
            return;
        }
        m_out.append(m_in.sliced(afterName, m_pos - afterName));
        m_out.append('=');
        ++m_pos;
        copySpaces();
        if (m_pos < n && (m_in[m_pos] == '"' || m_in[m_pos] == '\'')) {
            const char quote = m_in[m_pos++];
            m_out.append(quote);
            attributeValue([quote](char c) { return c == quote; });
            m_out.append(quote);
            if (m_pos < n)
                ++m_pos; // the closing quote
            else
                m_changed = true;
        } else {
            m_out.append('"');
            attributeValue([](char c) { return isXmlSpace(c) || c == '>' || c == '/'; });
            m_out.append('"');
            m_changed = true;
        }
    }

    template <typename EndPredicate> void attributeValue(EndPredicate atEnd)
    {
        const qsizetype n = m_in.size();
        while (m_pos < n && !atEnd(m_in[m_pos])) {
            const char c = m_in[m_pos];
            if (c == '&') {
                reference();
            } else if (c == '<') {
                m_out.append("&lt;");
                ++m_pos;
                m_changed = true;
            } else if (c == '"') {
                m_out.append("&quot;"); // only reachable in an unquoted value
                ++m_pos;
                m_changed = true;
            } else {
                m_out.append(c);
                ++m_pos;
            }
        }
    }

    // An end tag holds its name and optional whitespace; anything else there is dropped.
    void endTag()
    {
        m_out.append("</");
        m_pos += 2;
        const QByteArrayView elementName = name();
        m_out.append(elementName);
        notePrefix(elementName, false);
        m_out.append('>');
        const qsizetype close = m_in.indexOf('>', m_pos);
        const qsizetype nextTag = m_in.indexOf('<', m_pos);
        if (close < 0 || (nextTag >= 0 && nextTag < close)) {
            m_changed = true;
            return;
        }
        for (qsizetype i = m_pos; i < close; ++i)
            m_changed = m_changed || !isXmlSpace(m_in[i]);
        m_pos = close + 1;
    }

    static void addOnce(QList<QByteArray> &set, QByteArrayView item)
    {
        if (std::none_of(set.cbegin(), set.cend(),
                         [&](const QByteArray &existing) { return existing == item; }))
            set.append(item.toByteArray());
    }

    void notePrefix(QByteArrayView qualifiedName, bool isAttribute)
    {
        const qsizetype colon = qualifiedName.indexOf(':');
        if (colon <= 0)
            return;
        const QByteArrayView prefix = qualifiedName.first(colon);
        if (isAttribute && prefix == "xmlns") {
            addOnce(m_declaredPrefixes, qualifiedName.sliced(colon + 1));
            return;
        }
        if (prefix == "xml" || prefix == "xmlns")
            return;
        addOnce(m_usedPrefixes, prefix);
    }

    void declareMissingPrefixes()
    {
        if (m_rootInsertAt < 0)
            return;
        QByteArray declarations;
        for (const QByteArray &prefix : std::as_const(m_usedPrefixes)) {
            if (m_declaredPrefixes.contains(prefix))
                continue;
            QByteArrayView uri;
            for (const KnownPrefix &known : kKnownPrefixes) {
                if (known.prefix == prefix)
                    uri = known.uri;
            }
            declarations.append(" xmlns:").append(prefix).append("=\"");
            if (uri.isEmpty())
                declarations.append("urn:x-sidecast:undeclared:").append(prefix);
            else
                declarations.append(uri);
            declarations.append('"');
        }
        if (!declarations.isEmpty()) {
            m_out.insert(m_rootInsertAt, declarations);
            m_changed = true;
        }
    }

    QByteArrayView m_in;
    qsizetype m_pos = 0;
    QByteArray m_out;
    bool m_changed = false;
    qsizetype m_rootInsertAt = -1;
    QList<QByteArray> m_declaredEntities;
    QList<QByteArray> m_usedPrefixes;
    QList<QByteArray> m_declaredPrefixes;
};

// True unless the XML declaration names an encoding other than UTF-8 (no declaration, or none
// in it, means UTF-8).
bool declaresUtf8(QByteArrayView data)
{
    const qsizetype start = skipUtf8Bom(data);
    if (!startsWithAt(data, start, "<?xml"))
        return true;
    const qsizetype end = data.indexOf("?>", start);
    const QByteArrayView declaration = data.sliced(start, (end < 0 ? data.size() : end) - start);
    const qsizetype key = declaration.indexOf("encoding");
    if (key < 0)
        return true;
    qsizetype i = key + 8;
    while (i < declaration.size() && (isXmlSpace(declaration[i]) || declaration[i] == '='))
        ++i;
    if (i >= declaration.size() || (declaration[i] != '"' && declaration[i] != '\''))
        return true;
    const char quote = declaration[i++];
    const qsizetype close = declaration.indexOf(quote, i);
    const QByteArrayView name = declaration.sliced(i, (close < 0 ? declaration.size() : close) - i);
    return name.compare("utf-8", Qt::CaseInsensitive) == 0 ||
           name.compare("utf8", Qt::CaseInsensitive) == 0;
}

// Length of the valid UTF-8 sequence at data[i], or 0 when the bytes there are not one.
qsizetype utf8SequenceLength(QByteArrayView data, qsizetype i)
{
    const auto byte = [&](qsizetype k) {
        return i + k < data.size() ? static_cast<unsigned char>(data[i + k]) : 0u;
    };
    const auto continuation = [](unsigned c) { return c >= 0x80 && c <= 0xBF; };
    const unsigned lead = byte(0);
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        return continuation(byte(1)) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
        const unsigned high = lead == 0xED ? 0x9F : 0xBF;
        return byte(1) >= low && byte(1) <= high && continuation(byte(2)) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
        const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
        return byte(1) >= low && byte(1) <= high && continuation(byte(2)) && continuation(byte(3))
                   ? 4
                   : 0;
    }
    return 0;
}

// Makes a document that claims UTF-8 valid UTF-8: stray bytes are read as windows-1252 (what
// they nearly always are: text pasted from elsewhere), and control characters XML forbids are
// dropped. Returns a null QByteArray when there was nothing to fix.
QByteArray fixUtf8(QByteArrayView data)
{
    const auto isForbiddenControl = [](unsigned char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    };
    qsizetype i = 0;
    for (qsizetype length = 0; i < data.size(); i += length) {
        length = utf8SequenceLength(data, i);
        if (length == 0 || isForbiddenControl(static_cast<unsigned char>(data[i])))
            break;
    }
    if (i == data.size())
        return {};
    QByteArray out;
    out.reserve(data.size() + 64);
    out.append(data.first(i));
    while (i < data.size()) {
        const auto c = static_cast<unsigned char>(data[i]);
        const qsizetype length = utf8SequenceLength(data, i);
        if (length > 0) {
            if (!isForbiddenControl(c))
                out.append(data.sliced(i, length));
            i += length;
            continue;
        }
        const char32_t decoded = feedtext::fromWindows1252(c);
        out.append(QString::fromUcs4(&decoded, 1).toUtf8());
        ++i;
    }
    return out;
}

} // namespace

std::span<const KnownPrefix> knownPrefixes()
{
    return kKnownPrefixes;
}

bool isAsciiCompatible(QByteArrayView data)
{
    if (startsWithAt(data, 0, "\xFF\xFE") || startsWithAt(data, 0, "\xFE\xFF"))
        return false;
    const qsizetype probe = std::min<qsizetype>(data.size(), 4);
    for (qsizetype i = 0; i < probe; ++i) {
        if (data[i] == '\0')
            return false;
    }
    return true;
}

bool isBlank(QByteArrayView data)
{
    if (!isAsciiCompatible(data)) {
        return std::all_of(data.begin(), data.end(), [](char c) {
            return c == '\0' || isXmlSpace(c) || c == '\xFF' || c == '\xFE';
        });
    }
    return std::all_of(data.begin() + skipUtf8Bom(data), data.end(), isXmlSpace);
}

qsizetype leadingJunkLength(QByteArrayView data)
{
    if (!isAsciiCompatible(data))
        return 0;
    const qsizetype start = skipUtf8Bom(data);
    if (start < data.size() && data[start] == '<')
        return 0;
    const QByteArrayView window = data.first(std::min<qsizetype>(data.size(), 64 * 1024));
    for (qsizetype from = start;;) {
        const qsizetype decl = window.indexOf("<?xml", from);
        if (decl < 0)
            break;
        if (decl + 5 < window.size() && isXmlSpace(window[decl + 5]))
            return decl;
        from = decl + 5;
    }
    // No declaration: drop what precedes the first tag unless it is only whitespace, which
    // XML allows there.
    qsizetype i = start;
    while (i < window.size() && isXmlSpace(window[i]))
        ++i;
    for (qsizetype lt = window.indexOf('<', i); lt >= 0 && lt + 1 < window.size();
         lt = window.indexOf('<', lt + 1)) {
        const char next = window[lt + 1];
        if (isNameStart(next) || next == '!' || next == '?')
            return lt == i ? 0 : lt;
    }
    return 0;
}

bool looksLikeHtml(QByteArrayView data)
{
    if (!isAsciiCompatible(data))
        return false;
    const qsizetype limit = std::min<qsizetype>(data.size(), 64 * 1024);
    qsizetype i = skipUtf8Bom(data);
    while (i < limit) {
        while (i < limit && isXmlSpace(data[i]))
            ++i;
        if (startsWithAt(data, i, "<!--")) {
            const qsizetype end = data.indexOf("-->", i + 4);
            if (end < 0)
                return false;
            i = end + 3;
        } else if (startsWithAt(data, i, "<?")) {
            const qsizetype end = data.indexOf("?>", i + 2);
            if (end < 0)
                return false;
            i = end + 2;
        } else {
            break;
        }
    }
    if (startsWithNoCaseAt(data, i, "<!doctype html"))
        return true;
    if (startsWithNoCaseAt(data, i, "<html")) {
        const qsizetype after = i + 5;
        return after >= data.size() || isXmlSpace(data[after]) || data[after] == '>' ||
               data[after] == '/';
    }
    return false;
}

QByteArray repair(QByteArrayView data)
{
    if (!isAsciiCompatible(data))
        return {};
    QByteArray repaired = Repairer(data).run();
    if (declaresUtf8(data)) {
        QByteArray recoded = fixUtf8(repaired.isNull() ? data : QByteArrayView(repaired));
        if (!recoded.isNull())
            repaired = std::move(recoded);
    }
    return repaired;
}

MarkupLoad measureMarkup(QByteArrayView data)
{
    MarkupLoad load;
    const char *p = data.data();
    const char *const end = p + data.size();
    const auto skipPast = [&](const char *from, QByteArrayView terminator) -> const char * {
        const qsizetype at = QByteArrayView(from, end - from).indexOf(terminator);
        return at < 0 ? end : from + at + terminator.size();
    };
    while (p < end) {
        p = static_cast<const char *>(std::memchr(p, '<', size_t(end - p)));
        if (!p)
            break;
        ++p;
        if (p >= end)
            break;
        if (*p == '!') {
            const QByteArrayView rest(p, end - p);
            if (rest.startsWith("!--"))
                p = skipPast(p + 3, "-->");
            else if (rest.startsWith("![CDATA["))
                p = skipPast(p + 8, "]]>");
            else
                p = skipPast(p, ">"); // DOCTYPE (an internal subset counts as one long tag)
            continue;
        }
        if (*p == '?') {
            p = skipPast(p, "?>");
            continue;
        }
        if (*p == '/')
            continue;
        // A start tag: count attributes ('=' outside quoted values) and xmlns declarations.
        qsizetype attributes = 0;
        char quote = 0;
        for (; p < end; ++p) {
            const char c = *p;
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                ++attributes;
            } else if (c == '>' || c == '<') {
                break; // '<' here is broken markup: measure from there afresh
            } else if (c == 'x' && end - p > 5 && std::memcmp(p, "xmlns", 5) == 0 &&
                       (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r') &&
                       (p[5] == '=' || p[5] == ':' || p[5] == ' ')) {
                ++load.namespaceDeclarations;
            }
        }
        load.maxAttributesOnOneElement = std::max(load.maxAttributesOnOneElement, attributes);
    }
    return load;
}

} // namespace sidecast::xmlrecovery
