#pragma once

#include "core/chapter.h"

#include <QList>
#include <QUrl>

namespace sidecast {

// The chapters of one episode on its time line (positions in milliseconds): which one plays at
// a position, where each ends, where "previous" and "next" go, which artwork and link apply.
//
// Listed chapters (toc, the default) make the list a listener sees: each lasts until its own end
// time, else until the next listed chapter starts, else to the episode's end. Navigation, the
// current entry and "end of the chapter" use listed chapters only, so a hidden chapter in the
// middle of one neither ends it nor becomes a stop for "next".
// Hidden chapters (`toc: false`) lie on top: each lasts until its own end time, else until the
// next chapter of either kind starts. While one lasts, its image and link replace the listed
// chapter's.
class ChapterTimeline
{
public:
    // "Previous" this far into a chapter restarts it; closer to its start, it goes to the one
    // before.
    static constexpr qint64 kRestartMs = 3000;
    // A position this close before a chapter's start counts as in that chapter for navigation:
    // right after a seek, players report a position a frame or so short of the target, and
    // "next" must not land on the same chapter again.
    static constexpr qint64 kSnapMs = 500;

    ChapterTimeline() = default;
    // Sorts the chapters by start (stable); the duration, when known, ends the last chapter.
    explicit ChapterTimeline(QList<Chapter> chapters, qint64 durationMs = 0);

    const QList<Chapter> &chapters() const { return m_chapters; }
    bool isEmpty() const { return m_chapters.isEmpty(); }
    qsizetype size() const { return m_chapters.size(); }
    // Indexes (into chapters()) of the listed chapters, in order.
    const QList<int> &listed() const { return m_listed; }

    qint64 durationMs() const { return m_durationMs; }
    void setDurationMs(qint64 ms) { m_durationMs = qMax<qint64>(0, ms); }

    static qint64 toMs(double seconds);
    qint64 startMs(int index) const;
    // Where a chapter ends by the rules above; -1 when that depends on an unknown duration.
    qint64 endMs(int index) const;

    // The listed chapter playing at `ms`; -1 for none (before the first, or in a gap after a
    // chapter's own end time).
    int listedIndexAt(qint64 ms) const;
    // The hidden chapter lasting at `ms`; -1 for none.
    int hiddenIndexAt(qint64 ms) const;
    // The artwork and link for `ms`: the hidden chapter's when it lasts and has one, else the
    // listed chapter's; empty when neither has one.
    QUrl imageAt(qint64 ms) const;
    QUrl linkAt(qint64 ms) const;

    // Where "previous chapter" goes from `ms`: the start of the listed chapter playing when more
    // than kRestartMs into it, else the start of the listed one before (the episode's start before
    // the first). -1 without listed chapters.
    qint64 previousTarget(qint64 ms) const;
    // Where "next chapter" goes: the start of the first listed chapter after `ms`; -1 for none.
    qint64 nextTarget(qint64 ms) const;
    // Where listening from `ms` reaches the end of a chapter (the sleep timer's "end of the
    // chapter"): the end of the listed chapter playing, else the start of the next listed one,
    // else the episode's end (-1 when unknown).
    qint64 chapterEndMs(qint64 ms) const;

private:
    bool hasOwnEnd(int index) const;
    // The last chapter of m_listed (a position in it) started at or before `ms`; -1 for none.
    qsizetype lastListedStartedBy(qint64 ms) const;

    QList<Chapter> m_chapters;
    QList<int> m_listed;
    qint64 m_durationMs = 0;
};

} // namespace sidecast
