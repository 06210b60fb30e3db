#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace sidecast {

// A timestamp found in an episode's notes, with the text that describes it.
struct NoteTimestamp
{
    qint64 seconds = 0;
    QString label; // the rest of its line, list item or paragraph; may be empty
    // The second time of a range ("[00:00-00:45]"): where a part ends, not where one starts.
    bool rangeEnd = false;

    friend bool operator==(const NoteTimestamp &, const NoteTimestamp &) = default;
};

// Episode notes as a feed publishes them (HTML, or plain text) made safe and useful for display.
// Pure functions of their input; QtCore only; no regular expressions, so they stay linear.
class ShowNotes
{
public:
    // Safe HTML in the subset a Qt Quick `Text { textFormat: Text.RichText }` renders.
    // HTML keeps its structure and formatting; scripts, styles, embedded content and images go;
    // every attribute goes except an http(s)/mailto href on <a> (relative ones are resolved
    // against baseUrl, or dropped without one) and colspan/rowspan on cells. Plain text is
    // escaped, split into paragraphs at blank lines, with <br> at single newlines.
    // Bare http(s) URLs become links, and timestamps ("12:30", "1:02:03") outside links become
    // `sidecast:seek?t=SECONDS` links (see seekSeconds()).
    static QString toRichText(const QString &notes, const QUrl &baseUrl = {});

    // The timestamps in the notes' text, in order, each labelled with the text of its line
    // minus the timestamp and its brackets: "Introduction [00:00-00:45]" gives
    // {0, "Introduction"} and {45, "Introduction", rangeEnd}. Timestamps in link text count here.
    static QList<NoteTimestamp> timestamps(const QString &notes);

    // The text of the notes: tags gone, entities decoded, a line per block (a blank line
    // between paragraphs), whitespace collapsed within lines, no leading or trailing blank lines.
    // Text without any tags keeps its own line breaks.
    static QString toPlainText(const QString &html);

    // The link a timestamp in toRichText() points at, and back: seekUrl(750) is
    // "sidecast:seek?t=750"; seekSeconds() gives -1 for any other link.
    static QUrl seekUrl(qint64 seconds);
    static qint64 seekSeconds(const QUrl &link);
};

} // namespace sidecast
