#pragma once

#include "core/chapter.h"
#include "core/notes/shownotes.h"

#include <QList>
#include <QString>

namespace sidecast {

// Chapters derived from the timestamps in an episode's notes, for episodes that publish no
// chapters of their own. Many notes carry a chapter list ("00:00 Intro", "12:30 – Why Rust");
// others mention a time or two in passing, which must not turn into chapters. The rules:
//
// - The end of a range ("Intro [00:00-00:45]") is not a chapter start; only its start counts.
// - A time at or past the episode's end is a reference to something else (when the duration is
//   known): dropped.
// - In document order, each time must come after the last one kept; a time that goes back ("as
//   we said at 05:00") or repeats is a reference, not a new chapter: dropped.
// - At least two times must remain, else there are no chapters: one time is not a list.
// - A chapter's title is the timestamp's label (possibly empty); chapters have no end of their
//   own (the next one's start ends them), no image and no link, and are all listed.
class NoteChapters
{
public:
    static QList<Chapter> fromTimestamps(const QList<NoteTimestamp> &timestamps,
                                         qint64 durationSecs = 0);
    // fromTimestamps(ShowNotes::timestamps(notes), durationSecs).
    static QList<Chapter> fromNotes(const QString &notes, qint64 durationSecs = 0);
};

} // namespace sidecast
