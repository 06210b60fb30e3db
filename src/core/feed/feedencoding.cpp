#include "feedencoding.h"

#include "feedtext.h"

#include <QList>
#include <QStringDecoder>

#include <algorithm>
#include <cstring>

namespace sidecast::feedencoding {
namespace {

constexpr bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool startsWith(QByteArrayView data, QByteArrayView prefix)
{
    return data.size() >= prefix.size() && data.first(prefix.size()) == prefix;
}

QByteArray lower(QByteArrayView text)
{
    QByteArray out = text.toByteArray();
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + 32);
    }
    return out;
}

bool isUnicodeFamily(QByteArrayView name)
{
    return name.startsWith("utf-");
}

bool isUtf16Or32(QByteArrayView name)
{
    return name.startsWith("utf-16") || name.startsWith("utf-32");
}

// The declaration as bytes ("<?xml … ?>") at the start of the data, after a UTF-8 BOM; empty
// when the document has none in an ASCII-compatible encoding.
QByteArrayView declaration(QByteArrayView data)
{
    if (startsWith(data, "\xEF\xBB\xBF"))
        data = data.sliced(3);
    if (!startsWith(data, "<?xml") || data.size() < 6 || !isXmlSpace(data[5]))
        return {};
    const qsizetype end = data.first(std::min<qsizetype>(data.size(), 1024)).indexOf("?>");
    return end < 0 ? QByteArrayView() : data.first(end + 2);
}

// Whether a document without a BOM is ASCII-compatible ("<?" readable as bytes), which rules out
// UTF-16 and UTF-32 whatever a header claims.
bool looksAsciiCompatible(QByteArrayView data)
{
    const qsizetype probe = std::min<qsizetype>(data.size(), 4);
    for (qsizetype i = 0; i < probe; ++i) {
        if (data[i] == '\0')
            return false;
    }
    return true;
}

bool hasNonAscii(QByteArrayView data)
{
    return std::any_of(data.begin(), data.end(), [](char c) { return (c & 0x80) != 0; });
}

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out.append(char(c));
    } else if (c < 0x800) {
        out.append(char(0xC0 | (c >> 6)));
        out.append(char(0x80 | (c & 0x3F)));
    } else {
        out.append(char(0xE0 | (c >> 12)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    }
}

// Replaces the XML declaration at the start of UTF-8 data by its line breaks.
QByteArray withoutDeclaration(QByteArray utf8)
{
    const QByteArrayView decl = declaration(utf8);
    if (decl.isEmpty())
        return utf8;
    const qsizetype start = startsWith(utf8, "\xEF\xBB\xBF") ? 3 : 0;
    const QByteArray breaks(std::count(decl.begin(), decl.end(), '\n'), '\n');
    utf8.replace(start, decl.size(), breaks);
    if (start > 0)
        utf8.remove(0, 3);
    return utf8;
}

void appendWindows1252AsUtf8(QByteArray &out, QByteArrayView data)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    const qsizetype n = data.size();
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < n; ++i) {
        // ASCII runs (nearly all of a feed) are skipped eight bytes at a time.
        while (i + 8 <= n) {
            quint64 word;
            std::memcpy(&word, p + i, sizeof word);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (p[i] < 0x80)
            continue;
        out.append(data.sliced(runStart, i - runStart));
        appendUtf8(out, feedtext::fromWindows1252(p[i]));
        runStart = i + 1;
    }
    out.append(data.sliced(runStart));
}

} // namespace

QByteArray charsetFromContentType(QStringView contentType)
{
    for (QStringView part : contentType.split(u';')) {
        part = part.trimmed();
        if (!part.startsWith(u"charset", Qt::CaseInsensitive))
            continue;
        QStringView value = part.sliced(7).trimmed();
        if (!value.startsWith(u'='))
            continue;
        value = value.sliced(1).trimmed();
        if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') &&
            value.back() == value.front())
            value = value.sliced(1, value.size() - 2).trimmed();
        return lower(value.toLatin1());
    }
    return {};
}

QByteArray declaredEncoding(QByteArrayView data)
{
    const QByteArrayView decl = declaration(data);
    const qsizetype key = decl.indexOf("encoding");
    if (key < 0)
        return {};
    qsizetype i = key + 8;
    while (i < decl.size() && (isXmlSpace(decl[i]) || decl[i] == '='))
        ++i;
    if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\''))
        return {};
    const char quote = decl[i++];
    const qsizetype close = decl.indexOf(quote, i);
    if (close < 0)
        return {};
    return lower(decl.sliced(i, close - i).trimmed());
}

QByteArray bomEncoding(QByteArrayView data)
{
    if (startsWith(data, "\xEF\xBB\xBF"))
        return "utf-8";
    if (startsWith(data, QByteArrayView("\xFF\xFE\0\0", 4)))
        return "utf-32le";
    if (startsWith(data, QByteArrayView("\0\0\xFE\xFF", 4)))
        return "utf-32be";
    if (startsWith(data, "\xFF\xFE"))
        return "utf-16le";
    if (startsWith(data, "\xFE\xFF"))
        return "utf-16be";
    return {};
}

QByteArray canonicalName(QByteArrayView label)
{
    const QByteArray name = lower(label.trimmed());
    if (name == "utf8" || name == "unicode-1-1-utf-8" || name == "x-unicode20utf8")
        return "utf-8";
    if (name == "utf16" || name == "unicode")
        return "utf-16";
    static constexpr QByteArrayView kWindows1252Labels[] = {
        "windows-1252",   "cp1252",          "x-cp1252",    "iso-8859-1", "iso8859-1",
        "iso_8859-1",     "iso-ir-100",      "latin1",      "latin-1",    "l1",
        "cp819",          "ibm819",          "us-ascii",    "ascii",      "iso646-us",
        "ansi_x3.4-1968", "iso_8859-1:1987", "csisolatin1", "windows1252"};
    for (const QByteArrayView alias : kWindows1252Labels) {
        if (name == alias)
            return "windows-1252";
    }
    return name;
}

bool isValidUtf8(QByteArrayView data)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data.data());
    const qsizetype n = data.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned lead = p[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        const auto continuation = [&](qsizetype k) {
            return i + k < n && p[i + k] >= 0x80 && p[i + k] <= 0xBF;
        };
        if (lead >= 0xC2 && lead <= 0xDF && continuation(1)) {
            i += 2;
        } else if (lead >= 0xE0 && lead <= 0xEF && continuation(1) && continuation(2) &&
                   !(lead == 0xE0 && p[i + 1] < 0xA0) && !(lead == 0xED && p[i + 1] > 0x9F)) {
            i += 3;
        } else if (lead >= 0xF0 && lead <= 0xF4 && continuation(1) && continuation(2) &&
                   continuation(3) && !(lead == 0xF0 && p[i + 1] < 0x90) &&
                   !(lead == 0xF4 && p[i + 1] > 0x8F)) {
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

Decision decide(QByteArrayView data, QByteArrayView httpCharset)
{
    const QByteArray declared = canonicalName(declaredEncoding(data));
    if (const QByteArray bom = bomEncoding(data); !bom.isEmpty()) {
        // The mark is the strongest evidence there is; a declaration that contradicts it (or a
        // header) is a publishing mistake.
        const bool agrees = declared.isEmpty() || declared == bom ||
                            (isUtf16Or32(declared) && declared.first(6) == bom.first(6));
        return {bom, !agrees};
    }

    const bool asciiCompatible = looksAsciiCompatible(data);
    const QByteArray documentEncoding =
        !declared.isEmpty() ? declared : (asciiCompatible ? QByteArray("utf-8") : QByteArray());
    const QByteArray http = canonicalName(httpCharset);
    if (!http.isEmpty() && http != documentEncoding) {
        bool useHttp = true;
        if (isUtf16Or32(http)) {
            useHttp = !asciiCompatible; // "<?xml" readable as bytes is not UTF-16
        } else if (http == "utf-8") {
            useHttp = asciiCompatible && isValidUtf8(data);
        } else if (http == "windows-1252") {
            // Servers label everything Latin-1 by default; a document that declares (or
            // defaults to) UTF-8 and is valid UTF-8 knows better.
            useHttp = asciiCompatible &&
                      !(documentEncoding == "utf-8" && hasNonAscii(data) && isValidUtf8(data));
        } else {
            useHttp = asciiCompatible && QStringDecoder(http.constData()).isValid();
        }
        if (useHttp)
            return {http, true};
    }

    if (isUtf16Or32(documentEncoding) && asciiCompatible)
        return {"utf-8", true}; // declared UTF-16 but written in bytes: a common mistake
    if (documentEncoding.isEmpty() || isUnicodeFamily(documentEncoding))
        return {documentEncoding.isEmpty() ? QByteArray("utf-16") : documentEncoding, false};
    if (documentEncoding == "windows-1252")
        return {documentEncoding, true}; // read with our own table, not Latin-1 (see above)
    if (QStringDecoder(documentEncoding.constData()).isValid())
        return {documentEncoding, false};
    // A name nobody knows: read as UTF-8, which the recovery pass can still mend byte by byte.
    return {"utf-8", true};
}

QByteArray toUtf8(QByteArrayView data, QByteArrayView encoding)
{
    const QByteArray name = canonicalName(encoding);
    if (name == "utf-8") {
        QByteArray copy = data.toByteArray();
        return withoutDeclaration(std::move(copy));
    }
    if (name == "windows-1252") {
        QByteArray out;
        out.reserve(data.size() + data.size() / 8);
        appendWindows1252AsUtf8(out, data);
        return withoutDeclaration(std::move(out));
    }
    QStringDecoder decoder(name.constData());
    if (!decoder.isValid())
        return {};
    const QString text = decoder.decode(data);
    return withoutDeclaration(text.toUtf8());
}

Utf8Reader::Utf8Reader(const QByteArray &data, QByteArrayView encoding)
    : m_data(data)
{
    const QByteArray name = canonicalName(encoding);
    m_windows1252 = name == "windows-1252";
    m_utf8 = name == "utf-8";
    if (!m_windows1252 && !m_utf8)
        m_decoder = QStringDecoder(name.constData());
    if (startsWith(m_data, "\xEF\xBB\xBF"))
        m_position = 3;
    const QByteArrayView decl = declaration(m_data);
    if (!decl.isEmpty()) {
        m_position = (decl.data() - m_data.constData()) + decl.size();
        m_pending = QByteArray(std::count(decl.begin(), decl.end(), '\n'), '\n');
    }
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

qint64 Utf8Reader::bytesAvailable() const
{
    const qint64 pending = m_pending.size() - m_pendingPosition;
    return pending + (m_data.size() - m_position) + QIODevice::bytesAvailable();
}

bool Utf8Reader::refill()
{
    constexpr qsizetype kChunk = 16 * 1024;
    if (m_position >= m_data.size())
        return false;
    const QByteArrayView chunk =
        QByteArrayView(m_data).sliced(m_position, std::min(kChunk, m_data.size() - m_position));
    m_position += chunk.size();
    m_pending.clear();
    m_pendingPosition = 0;
    if (m_utf8)
        m_pending.append(chunk);
    else if (m_windows1252)
        appendWindows1252AsUtf8(m_pending, chunk);
    else
        m_pending = QString(m_decoder.decode(chunk)).toUtf8();
    return true;
}

qint64 Utf8Reader::readData(char *data, qint64 maxSize)
{
    qint64 written = 0;
    while (written < maxSize) {
        if (m_pendingPosition >= m_pending.size() && !refill())
            break;
        const qint64 count =
            std::min<qint64>(maxSize - written, m_pending.size() - m_pendingPosition);
        std::memcpy(data + written, m_pending.constData() + m_pendingPosition, size_t(count));
        written += count;
        m_pendingPosition += count;
    }
    return written;
}

} // namespace sidecast::feedencoding
