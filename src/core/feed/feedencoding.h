#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QStringDecoder>
#include <QStringView>

// Which character encoding a feed document is in, from its byte-order mark, its XML declaration
// and (for feeds fetched over HTTP) the Content-Type charset; and the conversion to UTF-8 for the
// cases QXmlStreamReader cannot be left to handle by itself. Pure functions.
namespace sidecast::feedencoding {

// The charset parameter of a Content-Type value ("text/xml; charset=ISO-8859-1"), in lower
// case and without quotes; empty when there is none.
QByteArray charsetFromContentType(QStringView contentType);

// The encoding named in the XML declaration, in lower case; empty when there is none.
QByteArray declaredEncoding(QByteArrayView data);

// "utf-8", "utf-16le", "utf-16be", "utf-32le" or "utf-32be" by the byte-order mark; empty when
// the data starts without one.
QByteArray bomEncoding(QByteArrayView data);

// A charset label in lower case with its aliases folded: "UTF8" -> "utf-8"; the labels the web
// treats as windows-1252 ("ISO-8859-1", "latin1", "US-ASCII", "cp1252", …) -> "windows-1252",
// since documents labelled Latin-1 nearly always use the windows-1252 bytes 0x80-0x9F too.
QByteArray canonicalName(QByteArrayView label);

// True when the bytes are valid UTF-8.
bool isValidUtf8(QByteArrayView data);

struct Decision
{
    QByteArray encoding; // canonical name of what the bytes are read as
    // True when the bytes must be converted to UTF-8 (see toUtf8) before parsing, because the
    // encoding is not the one the document itself names, or one QXmlStreamReader should not
    // be trusted with.
    bool transcode = false;
};

// Decides how to read the bytes. A byte-order mark wins; then the HTTP charset, unless it is
// evidently wrong (a single-byte or UTF-16 label on a document that reads as the UTF-8 it
// declares, or a UTF-8 label on bytes that are not UTF-8); then the declaration; then UTF-8.
Decision decide(QByteArrayView data, QByteArrayView httpCharset = {});

// The bytes decoded from `encoding` and encoded as UTF-8, without a byte-order mark and with the
// XML declaration removed (its line breaks kept, so line numbers still match the original).
// Null when the encoding is unknown.
QByteArray toUtf8(QByteArrayView data, QByteArrayView encoding);

// What toUtf8 makes of bytes in an ASCII-compatible encoding, as a device that converts a chunk
// at a time: a reader (QXmlStreamReader) sees UTF-8 without the document ever being held twice.
class Utf8Reader final : public QIODevice
{
public:
    Utf8Reader(const QByteArray &data, QByteArrayView encoding);

    bool isValid() const { return m_windows1252 || m_utf8 || m_decoder.isValid(); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    bool refill();

    QByteArray m_data;
    qsizetype m_position = 0;
    QByteArray m_pending; // converted, not yet read
    qsizetype m_pendingPosition = 0;
    bool m_windows1252 = false;
    bool m_utf8 = false;
    QStringDecoder m_decoder;
};

} // namespace sidecast::feedencoding
