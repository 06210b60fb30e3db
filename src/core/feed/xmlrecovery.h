#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <span>

// Byte-level passes the feed parser runs around QXmlStreamReader: they find what stands before
// the document, recognise HTML pages, and repair the ill-formedness real feeds are known for.
// They work on ASCII-compatible encodings (UTF-8, ISO-8859-x, windows-125x) only.
namespace sidecast::xmlrecovery {

struct KnownPrefix
{
    QByteArrayView prefix;
    QByteArrayView uri;
};

// The namespace prefixes feeds use without declaring them, with the namespaces they always mean.
std::span<const KnownPrefix> knownPrefixes();

// False for UTF-16/UTF-32 documents (by byte-order mark or zero bytes up front).
bool isAsciiCompatible(QByteArrayView data);

// True when the bytes hold nothing but whitespace and a byte-order mark.
bool isBlank(QByteArrayView data);

// How many leading bytes to drop so the document starts where XML wants it: junk or whitespace
// before the XML declaration, or non-markup junk before the first tag. 0 when none.
qsizetype leadingJunkLength(QByteArrayView data);

// True when the first markup (after the prolog) is an HTML doctype or an <html> element.
bool looksLikeHtml(QByteArrayView data);

// How much markup structure a document asks an XML reader to keep track of. QXmlStreamReader
// (Qt 6.4) slows down quadratically with the number of attributes on one element and with the
// number of namespace declarations in scope, so a hostile feed of a few hundred KB could keep a
// refresh busy for minutes: the parser refuses documents past sane limits before reading them.
struct MarkupLoad
{
    qsizetype maxAttributesOnOneElement = 0;
    qsizetype namespaceDeclarations = 0;
};
// One pass over the bytes; comments, CDATA, processing instructions and the DOCTYPE are skipped.
MarkupLoad measureMarkup(QByteArrayView data);

// Rewrites the ill-formedness real feeds ship into well-formed XML: bare '&' and '<' in text and
// attributes, HTML named entities (as character references), undeclared entity references (as
// literal text), unquoted attribute values, invalid character references, and namespace
// prefixes used without a declaration (declared on the root element, with their well-known
// URIs where there is one), junk inside end tags; and, in a document that declares UTF-8 (or
// nothing), bytes that are not UTF-8 (read as windows-1252) and control characters XML forbids.
// CDATA, comments, processing instructions and the DOCTYPE pass unchanged otherwise. Returns a
// null QByteArray when there was nothing to repair.
QByteArray repair(QByteArrayView data);

} // namespace sidecast::xmlrecovery
