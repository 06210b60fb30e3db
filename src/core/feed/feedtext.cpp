#include "feedtext.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace sidecast::feedtext {
namespace {

struct NamedEntity
{
    std::string_view name;
    char32_t code;
};

// The HTML 4.01 entity set (which XHTML 1.0 shares) plus apos: the names feeds actually use.
// Sorted at compile time so lookups can bisect.
constexpr NamedEntity kEntitiesUnsorted[] = {
    // ISO 8859-1, U+00A0 to U+00FF.
    {"nbsp", 0xA0},
    {"iexcl", 0xA1},
    {"cent", 0xA2},
    {"pound", 0xA3},
    {"curren", 0xA4},
    {"yen", 0xA5},
    {"brvbar", 0xA6},
    {"sect", 0xA7},
    {"uml", 0xA8},
    {"copy", 0xA9},
    {"ordf", 0xAA},
    {"laquo", 0xAB},
    {"not", 0xAC},
    {"shy", 0xAD},
    {"reg", 0xAE},
    {"macr", 0xAF},
    {"deg", 0xB0},
    {"plusmn", 0xB1},
    {"sup2", 0xB2},
    {"sup3", 0xB3},
    {"acute", 0xB4},
    {"micro", 0xB5},
    {"para", 0xB6},
    {"middot", 0xB7},
    {"cedil", 0xB8},
    {"sup1", 0xB9},
    {"ordm", 0xBA},
    {"raquo", 0xBB},
    {"frac14", 0xBC},
    {"frac12", 0xBD},
    {"frac34", 0xBE},
    {"iquest", 0xBF},
    {"Agrave", 0xC0},
    {"Aacute", 0xC1},
    {"Acirc", 0xC2},
    {"Atilde", 0xC3},
    {"Auml", 0xC4},
    {"Aring", 0xC5},
    {"AElig", 0xC6},
    {"Ccedil", 0xC7},
    {"Egrave", 0xC8},
    {"Eacute", 0xC9},
    {"Ecirc", 0xCA},
    {"Euml", 0xCB},
    {"Igrave", 0xCC},
    {"Iacute", 0xCD},
    {"Icirc", 0xCE},
    {"Iuml", 0xCF},
    {"ETH", 0xD0},
    {"Ntilde", 0xD1},
    {"Ograve", 0xD2},
    {"Oacute", 0xD3},
    {"Ocirc", 0xD4},
    {"Otilde", 0xD5},
    {"Ouml", 0xD6},
    {"times", 0xD7},
    {"Oslash", 0xD8},
    {"Ugrave", 0xD9},
    {"Uacute", 0xDA},
    {"Ucirc", 0xDB},
    {"Uuml", 0xDC},
    {"Yacute", 0xDD},
    {"THORN", 0xDE},
    {"szlig", 0xDF},
    {"agrave", 0xE0},
    {"aacute", 0xE1},
    {"acirc", 0xE2},
    {"atilde", 0xE3},
    {"auml", 0xE4},
    {"aring", 0xE5},
    {"aelig", 0xE6},
    {"ccedil", 0xE7},
    {"egrave", 0xE8},
    {"eacute", 0xE9},
    {"ecirc", 0xEA},
    {"euml", 0xEB},
    {"igrave", 0xEC},
    {"iacute", 0xED},
    {"icirc", 0xEE},
    {"iuml", 0xEF},
    {"eth", 0xF0},
    {"ntilde", 0xF1},
    {"ograve", 0xF2},
    {"oacute", 0xF3},
    {"ocirc", 0xF4},
    {"otilde", 0xF5},
    {"ouml", 0xF6},
    {"divide", 0xF7},
    {"oslash", 0xF8},
    {"ugrave", 0xF9},
    {"uacute", 0xFA},
    {"ucirc", 0xFB},
    {"uuml", 0xFC},
    {"yacute", 0xFD},
    {"thorn", 0xFE},
    {"yuml", 0xFF},
    // Markup-significant and special characters.
    {"quot", 0x22},
    {"amp", 0x26},
    {"apos", 0x27},
    {"lt", 0x3C},
    {"gt", 0x3E},
    {"OElig", 0x152},
    {"oelig", 0x153},
    {"Scaron", 0x160},
    {"scaron", 0x161},
    {"Yuml", 0x178},
    {"circ", 0x2C6},
    {"tilde", 0x2DC},
    {"ensp", 0x2002},
    {"emsp", 0x2003},
    {"thinsp", 0x2009},
    {"zwnj", 0x200C},
    {"zwj", 0x200D},
    {"lrm", 0x200E},
    {"rlm", 0x200F},
    {"ndash", 0x2013},
    {"mdash", 0x2014},
    {"lsquo", 0x2018},
    {"rsquo", 0x2019},
    {"sbquo", 0x201A},
    {"ldquo", 0x201C},
    {"rdquo", 0x201D},
    {"bdquo", 0x201E},
    {"dagger", 0x2020},
    {"Dagger", 0x2021},
    {"permil", 0x2030},
    {"lsaquo", 0x2039},
    {"rsaquo", 0x203A},
    {"euro", 0x20AC},
    // Symbols, mathematical operators and Greek letters.
    {"fnof", 0x192},
    {"Alpha", 0x391},
    {"Beta", 0x392},
    {"Gamma", 0x393},
    {"Delta", 0x394},
    {"Epsilon", 0x395},
    {"Zeta", 0x396},
    {"Eta", 0x397},
    {"Theta", 0x398},
    {"Iota", 0x399},
    {"Kappa", 0x39A},
    {"Lambda", 0x39B},
    {"Mu", 0x39C},
    {"Nu", 0x39D},
    {"Xi", 0x39E},
    {"Omicron", 0x39F},
    {"Pi", 0x3A0},
    {"Rho", 0x3A1},
    {"Sigma", 0x3A3},
    {"Tau", 0x3A4},
    {"Upsilon", 0x3A5},
    {"Phi", 0x3A6},
    {"Chi", 0x3A7},
    {"Psi", 0x3A8},
    {"Omega", 0x3A9},
    {"alpha", 0x3B1},
    {"beta", 0x3B2},
    {"gamma", 0x3B3},
    {"delta", 0x3B4},
    {"epsilon", 0x3B5},
    {"zeta", 0x3B6},
    {"eta", 0x3B7},
    {"theta", 0x3B8},
    {"iota", 0x3B9},
    {"kappa", 0x3BA},
    {"lambda", 0x3BB},
    {"mu", 0x3BC},
    {"nu", 0x3BD},
    {"xi", 0x3BE},
    {"omicron", 0x3BF},
    {"pi", 0x3C0},
    {"rho", 0x3C1},
    {"sigmaf", 0x3C2},
    {"sigma", 0x3C3},
    {"tau", 0x3C4},
    {"upsilon", 0x3C5},
    {"phi", 0x3C6},
    {"chi", 0x3C7},
    {"psi", 0x3C8},
    {"omega", 0x3C9},
    {"thetasym", 0x3D1},
    {"upsih", 0x3D2},
    {"piv", 0x3D6},
    {"bull", 0x2022},
    {"hellip", 0x2026},
    {"prime", 0x2032},
    {"Prime", 0x2033},
    {"oline", 0x203E},
    {"frasl", 0x2044},
    {"weierp", 0x2118},
    {"image", 0x2111},
    {"real", 0x211C},
    {"trade", 0x2122},
    {"alefsym", 0x2135},
    {"larr", 0x2190},
    {"uarr", 0x2191},
    {"rarr", 0x2192},
    {"darr", 0x2193},
    {"harr", 0x2194},
    {"crarr", 0x21B5},
    {"lArr", 0x21D0},
    {"uArr", 0x21D1},
    {"rArr", 0x21D2},
    {"dArr", 0x21D3},
    {"hArr", 0x21D4},
    {"forall", 0x2200},
    {"part", 0x2202},
    {"exist", 0x2203},
    {"empty", 0x2205},
    {"nabla", 0x2207},
    {"isin", 0x2208},
    {"notin", 0x2209},
    {"ni", 0x220B},
    {"prod", 0x220F},
    {"sum", 0x2211},
    {"minus", 0x2212},
    {"lowast", 0x2217},
    {"radic", 0x221A},
    {"prop", 0x221D},
    {"infin", 0x221E},
    {"ang", 0x2220},
    {"and", 0x2227},
    {"or", 0x2228},
    {"cap", 0x2229},
    {"cup", 0x222A},
    {"int", 0x222B},
    {"there4", 0x2234},
    {"sim", 0x223C},
    {"cong", 0x2245},
    {"asymp", 0x2248},
    {"ne", 0x2260},
    {"equiv", 0x2261},
    {"le", 0x2264},
    {"ge", 0x2265},
    {"sub", 0x2282},
    {"sup", 0x2283},
    {"nsub", 0x2284},
    {"sube", 0x2286},
    {"supe", 0x2287},
    {"oplus", 0x2295},
    {"otimes", 0x2297},
    {"perp", 0x22A5},
    {"sdot", 0x22C5},
    {"lceil", 0x2308},
    {"rceil", 0x2309},
    {"lfloor", 0x230A},
    {"rfloor", 0x230B},
    {"lang", 0x2329},
    {"rang", 0x232A},
    {"loz", 0x25CA},
    {"spades", 0x2660},
    {"clubs", 0x2663},
    {"hearts", 0x2665},
    {"diams", 0x2666},
    // HTML5 names for ASCII punctuation and a few symbols: notes use them, and so do attempts
    // to hide "javascript:" from a sanitizer ("javascript&colon;").
    {"Tab", 0x09},
    {"NewLine", 0x0A},
    {"excl", 0x21},
    {"QUOT", 0x22},
    {"num", 0x23},
    {"dollar", 0x24},
    {"percnt", 0x25},
    {"AMP", 0x26},
    {"lpar", 0x28},
    {"rpar", 0x29},
    {"ast", 0x2A},
    {"plus", 0x2B},
    {"comma", 0x2C},
    {"period", 0x2E},
    {"sol", 0x2F},
    {"colon", 0x3A},
    {"semi", 0x3B},
    {"LT", 0x3C},
    {"equals", 0x3D},
    {"GT", 0x3E},
    {"quest", 0x3F},
    {"commat", 0x40},
    {"lsqb", 0x5B},
    {"bsol", 0x5C},
    {"rsqb", 0x5D},
    {"Hat", 0x5E},
    {"lowbar", 0x5F},
    {"grave", 0x60},
    {"lcub", 0x7B},
    {"verbar", 0x7C},
    {"rcub", 0x7D},
    {"COPY", 0xA9},
    {"REG", 0xAE},
    {"dash", 0x2010},
    {"hyphen", 0x2010},
    {"starf", 0x2605},
    {"star", 0x2606},
    {"check", 0x2713},
    {"cross", 0x2717},
};

constexpr auto sortedEntities()
{
    auto table = std::to_array(kEntitiesUnsorted);
    std::sort(table.begin(), table.end(),
              [](const NamedEntity &a, const NamedEntity &b) { return a.name < b.name; });
    return table;
}

constexpr auto kEntities = sortedEntities();
constexpr qsizetype kLongestEntityName = 8; // "thetasym"

// Compares an ASCII table name with a name in any code-unit type, like std::string_view does.
template <typename Char>
int compareName(std::string_view tableName, const Char *name, qsizetype size)
{
    const qsizetype common = std::min<qsizetype>(qsizetype(tableName.size()), size);
    for (qsizetype i = 0; i < common; ++i) {
        const auto a = char32_t(static_cast<unsigned char>(tableName[size_t(i)]));
        const auto b = char32_t(name[i]);
        if (a != b)
            return a < b ? -1 : 1;
    }
    if (qsizetype(tableName.size()) == size)
        return 0;
    return qsizetype(tableName.size()) < size ? -1 : 1;
}

template <typename Char> char32_t lookupEntity(const Char *name, qsizetype size)
{
    if (size <= 0 || size > kLongestEntityName)
        return 0;
    const auto it =
        std::lower_bound(kEntities.begin(), kEntities.end(), 0, [&](const NamedEntity &entry, int) {
            return compareName(entry.name, name, size) < 0;
        });
    if (it != kEntities.end() && compareName(it->name, name, size) == 0)
        return it->code;
    return 0;
}

// Numeric references in the C1 range almost always mean windows-1252 (as HTML5 says too).
constexpr char16_t kWindows1252C1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

constexpr bool isAsciiLetter(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}
constexpr bool isAsciiDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}
constexpr char16_t asciiLower(char16_t c)
{
    return (c >= u'A' && c <= u'Z') ? c + 32 : c;
}

bool isSpace(char32_t c)
{
    if (c == u' ' || (c >= u'\t' && c <= u'\r'))
        return true;
    return c >= 0x80 && c <= 0xFFFF && QChar::isSpace(c);
}

// Decodes the character reference at in[pos] ('&'). Returns the index just past it, or -1
// when the text there is not a reference we know (the '&' is then literal).
qsizetype decodeReference(QStringView in, qsizetype pos, char32_t *out)
{
    const qsizetype n = in.size();
    qsizetype i = pos + 1;
    if (i < n && in[i] == u'#') {
        ++i;
        const bool hex = i < n && (in[i] == u'x' || in[i] == u'X');
        if (hex)
            ++i;
        const qsizetype digitsStart = i;
        char32_t value = 0;
        while (i < n && i - digitsStart < 8) {
            const char16_t c = in[i].unicode();
            int digit;
            if (isAsciiDigit(c))
                digit = c - u'0';
            else if (hex && asciiLower(c) >= u'a' && asciiLower(c) <= u'f')
                digit = asciiLower(c) - u'a' + 10;
            else
                break;
            value = value * (hex ? 16 : 10) + char32_t(digit);
            ++i;
        }
        if (i == digitsStart)
            return -1;
        if (i < n && in[i] == u';')
            ++i;
        if (value >= 0x80 && value <= 0x9F)
            value = kWindows1252C1[value - 0x80];
        else if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            value = 0xFFFD;
        *out = value;
        return i;
    }
    const qsizetype nameStart = i;
    while (i < n && i - nameStart <= kLongestEntityName &&
           (isAsciiLetter(in[i].unicode()) || isAsciiDigit(in[i].unicode())))
        ++i;
    if (i == nameStart || i >= n || in[i] != u';')
        return -1;
    const char32_t code = lookupEntity(in.utf16() + nameStart, i - nameStart);
    if (code == 0)
        return -1;
    *out = code;
    return i + 1;
}

// Phrasing elements: they sit inside a run of text, so they must not split words.
bool isInlineTag(QStringView name)
{
    static constexpr std::string_view kInline[] = {
        "a",     "abbr", "acronym", "b",      "bdi", "bdo", "big",  "cite", "code", "data", "del",
        "dfn",   "em",   "font",    "i",      "img", "ins", "kbd",  "mark", "q",    "s",    "samp",
        "small", "span", "strike",  "strong", "sub", "sup", "time", "tt",   "u",    "var",  "wbr",
    };
    if (name.size() > 7)
        return false;
    char lowered[8] = {};
    for (qsizetype i = 0; i < name.size(); ++i)
        lowered[i] = char(asciiLower(name[i].unicode()));
    const std::string_view key(lowered, size_t(name.size()));
    return std::find(std::begin(kInline), std::end(kInline), key) != std::end(kInline);
}

qsizetype indexOfCaseInsensitive(QStringView in, QStringView needle, qsizetype from)
{
    return in.indexOf(needle, from, Qt::CaseInsensitive);
}

// Skips the tag, comment or declaration at in[pos] ('<'). Returns the index just past it, or
// -1 when the '<' does not start markup (a literal less-than sign). *breaksWords tells
// whether the tag separates the text around it.
qsizetype skipMarkup(QStringView in, qsizetype pos, bool *breaksWords)
{
    const qsizetype n = in.size();
    *breaksWords = false;
    if (pos + 1 >= n)
        return -1;
    const char16_t next = in[pos + 1].unicode();
    if (next == u'!' || next == u'?') {
        if (in.mid(pos).startsWith(u"<!--")) {
            const qsizetype end = in.indexOf(u"-->", pos + 4);
            return end < 0 ? n : end + 3;
        }
        const qsizetype end = in.indexOf(u'>', pos + 2);
        return end < 0 ? n : end + 1;
    }
    const bool closing = next == u'/';
    const qsizetype nameStart = pos + 1 + (closing ? 1 : 0);
    if (nameStart >= n || !isAsciiLetter(in[nameStart].unicode()))
        return -1;
    qsizetype i = nameStart;
    while (i < n && (isAsciiLetter(in[i].unicode()) || isAsciiDigit(in[i].unicode()) ||
                     in[i] == u':' || in[i] == u'-'))
        ++i;
    const QStringView name = in.sliced(nameStart, i - nameStart);

    // Quoted attribute values may contain '>'; fall back to the first '>' if quotes never close.
    qsizetype end = -1;
    char16_t quote = 0;
    for (qsizetype j = i; j < n; ++j) {
        const char16_t c = in[j].unicode();
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'>') {
            end = j;
            break;
        }
    }
    if (end < 0)
        end = in.indexOf(u'>', i);
    if (end < 0)
        return -1;

    *breaksWords = !isInlineTag(name);
    const bool selfClosing = in[end - 1] == u'/';
    if (!closing && !selfClosing && (name.size() == 5 || name.size() == 6) &&
        asciiLower(name[0].unicode()) == u's' &&
        (name.compare(u"script", Qt::CaseInsensitive) == 0 ||
         name.compare(u"style", Qt::CaseInsensitive) == 0)) {
        // Their content is code, never display text.
        const QString closeTag = QStringView(u"</") + name;
        const qsizetype close = indexOfCaseInsensitive(in, closeTag, end + 1);
        if (close < 0)
            return n;
        const qsizetype closeEnd = in.indexOf(u'>', close);
        return closeEnd < 0 ? n : closeEnd + 1;
    }
    return end + 1;
}

// True when the text has nothing for htmlToPlainText/collapseWhitespace to change.
bool isAlreadyPlain(QStringView text, bool allowMarkup)
{
    char16_t previous = u' '; // so that a leading space counts as a double space
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c == u' ') {
            if (previous == u' ')
                return false;
        } else if (c < 0x80) {
            if ((c >= u'\t' && c <= u'\r') || (!allowMarkup && (c == u'<' || c == u'&')))
                return false;
        } else if (QChar::isSpace(c)) {
            return false;
        }
        previous = c;
    }
    return previous != u' ' || text.isEmpty();
}

// Writes display text into a buffer the size of the input: every construct it replaces
// (tags, references, whitespace runs) is at least as long as what it writes, so the output
// never outgrows the input.
class PlainTextBuilder
{
public:
    explicit PlainTextBuilder(qsizetype capacity)
        : m_out(capacity, Qt::Uninitialized)
        , m_begin(reinterpret_cast<char16_t *>(m_out.data()))
        , m_cursor(m_begin)
    {}

    void space() { m_pendingSpace = true; }
    void append(char32_t c)
    {
        if (isSpace(c)) {
            m_pendingSpace = true;
            return;
        }
        if (m_pendingSpace && m_cursor != m_begin)
            *m_cursor++ = u' ';
        m_pendingSpace = false;
        if (c > 0xFFFF) {
            *m_cursor++ = QChar::highSurrogate(c);
            *m_cursor++ = QChar::lowSurrogate(c);
        } else {
            *m_cursor++ = char16_t(c);
        }
    }
    // A run of characters that are neither whitespace nor markup.
    void appendRun(const char16_t *run, qsizetype length)
    {
        if (m_pendingSpace && m_cursor != m_begin)
            *m_cursor++ = u' ';
        m_pendingSpace = false;
        std::copy_n(run, length, m_cursor);
        m_cursor += length;
    }
    QString take()
    {
        m_out.truncate(m_cursor - m_begin);
        return std::move(m_out);
    }

private:
    QString m_out;
    char16_t *m_begin;
    char16_t *m_cursor;
    bool m_pendingSpace = false;
};

} // namespace

char32_t htmlEntity(QStringView name)
{
    return lookupEntity(name.utf16(), name.size());
}

char32_t htmlEntity(QByteArrayView name)
{
    return lookupEntity(name.data(), name.size());
}

char32_t fromWindows1252(unsigned char byte)
{
    return byte >= 0x80 && byte <= 0x9F ? kWindows1252C1[byte - 0x80] : byte;
}

QString htmlToPlainText(const QString &html)
{
    const QStringView in(html);
    if (isAlreadyPlain(in, false))
        return html;
    const qsizetype n = in.size();
    const char16_t *data = in.utf16();
    const auto isOrdinary = [](char16_t c) {
        return c < 0x80 ? c > u' ' && c != u'<' && c != u'&' : !QChar::isSpace(c);
    };
    PlainTextBuilder out(n);
    qsizetype i = 0;
    while (i < n) {
        const char16_t c = data[i];
        if (isOrdinary(c)) {
            qsizetype end = i + 1;
            while (end < n && isOrdinary(data[end]))
                ++end;
            out.appendRun(data + i, end - i);
            i = end;
            continue;
        }
        if (c == u'<') {
            bool breaksWords = false;
            const qsizetype end = skipMarkup(in, i, &breaksWords);
            if (end > i) {
                if (breaksWords)
                    out.space();
                i = end;
                continue;
            }
        } else if (c == u'&') {
            char32_t decoded = 0;
            const qsizetype end = decodeReference(in, i, &decoded);
            if (end > i) {
                out.append(decoded);
                i = end;
                continue;
            }
        }
        out.append(c);
        ++i;
    }
    return out.take();
}

bool hasMarkup(QStringView text)
{
    const qsizetype n = text.size();
    for (qsizetype lt = text.indexOf(u'<'); lt >= 0 && lt + 1 < n;
         lt = text.indexOf(u'<', lt + 1)) {
        qsizetype i = lt + 1;
        if (!isAsciiLetter(text[i].unicode()))
            continue;
        while (i < n && (isAsciiLetter(text[i].unicode()) || isAsciiDigit(text[i].unicode())))
            ++i;
        if (i >= n)
            break;
        const char16_t next = text[i].unicode();
        if (next == u'>' || (next == u'/' && i + 1 < n && text[i + 1] == u'>'))
            return true;
        if (QChar::isSpace(next) && text.indexOf(u'>', i) >= 0)
            return true;
    }
    return false;
}

QString collapseWhitespace(const QString &text)
{
    if (isAlreadyPlain(text, true))
        return text;
    PlainTextBuilder out(text.size());
    for (const QChar ch : text)
        out.append(ch.unicode());
    return out.take();
}

void appendEscapedHtml(QString &out, QStringView text, bool forAttribute)
{
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        QStringView replacement;
        switch (text[i].unicode()) {
        case u'&':
            replacement = u"&amp;";
            break;
        case u'<':
            replacement = u"&lt;";
            break;
        case u'>':
            replacement = u"&gt;";
            break;
        case u'"':
            if (forAttribute)
                replacement = u"&quot;";
            break;
        default:
            break;
        }
        if (!replacement.isNull()) {
            out.append(text.sliced(runStart, i - runStart));
            out.append(replacement);
            runStart = i + 1;
        }
    }
    out.append(text.sliced(runStart));
}

QString escapeHtml(QStringView text)
{
    QString out;
    out.reserve(text.size() + 16);
    appendEscapedHtml(out, text);
    return out;
}

} // namespace sidecast::feedtext
