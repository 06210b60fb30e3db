#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

// Text helpers the feed parser shares with its recovery pass: HTML named entities, HTML to
// plain text, whitespace collapsing and escaping. Pure functions, no state.
namespace sidecast::feedtext {

// The code point of an HTML 4 / XHTML named entity ("eacute" -> U+00E9), case-sensitive and
// without the '&' and ';'. 0 when the name is unknown.
char32_t htmlEntity(QStringView name);
char32_t htmlEntity(QByteArrayView name);

// The character a windows-1252 byte stands for (bytes 0x80-0x9F differ from ISO-8859-1).
char32_t fromWindows1252(unsigned char byte);

// Markup to display text: tags and comments dropped (script/style with their content),
// character references decoded, whitespace (including no-break spaces) collapsed to single
// spaces and trimmed. Block-level tags separate words; inline tags do not.
QString htmlToPlainText(const QString &html);

// True when the text holds an HTML start tag ("<p>", "<br/>", "<a href=…>"): markup rather than
// plain text that merely contains "<" or "&".
bool hasMarkup(QStringView text);

// Whitespace collapsed to single spaces and trimmed; nothing else changes. Returns the input
// itself (shared, no copy) when it is already in that form.
QString collapseWhitespace(const QString &text);

// Escapes &, <, > (and " when forAttribute) so that text can sit inside HTML markup.
void appendEscapedHtml(QString &out, QStringView text, bool forAttribute = false);
QString escapeHtml(QStringView text);

} // namespace sidecast::feedtext
