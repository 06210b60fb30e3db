#include "notechapters.h"

namespace sidecast {

QList<Chapter> NoteChapters::fromTimestamps(const QList<NoteTimestamp> &timestamps,
                                            qint64 durationSecs)
{
    QList<Chapter> chapters;
    for (const NoteTimestamp &t : timestamps) {
        if (t.rangeEnd || t.seconds < 0 || (durationSecs > 0 && t.seconds >= durationSecs))
            continue;
        if (!chapters.isEmpty() && double(t.seconds) <= chapters.constLast().startSecs)
            continue;
        Chapter c;
        c.startSecs = double(t.seconds);
        c.title = t.label;
        chapters.append(c);
    }
    if (chapters.size() < 2)
        chapters.clear();
    return chapters;
}

QList<Chapter> NoteChapters::fromNotes(const QString &notes, qint64 durationSecs)
{
    return fromTimestamps(ShowNotes::timestamps(notes), durationSecs);
}

} // namespace sidecast
