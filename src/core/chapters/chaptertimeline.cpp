#include "chaptertimeline.h"

#include <algorithm>
#include <cmath>

namespace sidecast {

ChapterTimeline::ChapterTimeline(QList<Chapter> chapters, qint64 durationMs)
    : m_chapters(std::move(chapters))
    , m_durationMs(qMax<qint64>(0, durationMs))
{
    std::stable_sort(m_chapters.begin(), m_chapters.end(),
                     [](const Chapter &a, const Chapter &b) { return a.startSecs < b.startSecs; });
    for (int i = 0; i < int(m_chapters.size()); ++i) {
        if (m_chapters[i].toc)
            m_listed.append(i);
    }
}

qint64 ChapterTimeline::toMs(double seconds)
{
    return std::isfinite(seconds) ? qint64(std::llround(seconds * 1000.0)) : 0;
}

qint64 ChapterTimeline::startMs(int index) const
{
    return index >= 0 && index < m_chapters.size() ? toMs(m_chapters[index].startSecs) : -1;
}

bool ChapterTimeline::hasOwnEnd(int index) const
{
    return m_chapters[index].endSecs > m_chapters[index].startSecs;
}

qint64 ChapterTimeline::endMs(int index) const
{
    if (index < 0 || index >= m_chapters.size())
        return -1;
    if (hasOwnEnd(index))
        return toMs(m_chapters[index].endSecs);
    int next = index + 1;
    if (m_chapters[index].toc) {
        while (next < m_chapters.size() && !m_chapters[next].toc)
            ++next;
    }
    if (next < m_chapters.size())
        return startMs(next);
    return m_durationMs > 0 ? m_durationMs : -1;
}

qsizetype ChapterTimeline::lastListedStartedBy(qint64 ms) const
{
    const auto it = std::upper_bound(m_listed.cbegin(), m_listed.cend(), ms,
                                     [this](qint64 t, int i) { return t < startMs(i); });
    return (it - m_listed.cbegin()) - 1;
}

int ChapterTimeline::listedIndexAt(qint64 ms) const
{
    const qsizetype k = lastListedStartedBy(ms);
    if (k < 0)
        return -1;
    const int i = m_listed[k];
    return hasOwnEnd(i) && ms >= endMs(i) ? -1 : i;
}

int ChapterTimeline::hiddenIndexAt(qint64 ms) const
{
    // Back from the last chapter started by `ms` to a hidden one that still lasts. Without an end
    // time of its own a hidden chapter ends where the next one starts, so only the latest can;
    // an earlier one only by its own end time.
    const auto it =
        std::upper_bound(m_chapters.cbegin(), m_chapters.cend(), ms,
                         [](qint64 t, const Chapter &c) { return t < toMs(c.startSecs); });
    for (int i = int(it - m_chapters.cbegin()) - 1; i >= 0; --i) {
        if (m_chapters[i].toc)
            continue;
        const qint64 end = endMs(i);
        if (end < 0 || ms < end)
            return i;
    }
    return -1;
}

QUrl ChapterTimeline::imageAt(qint64 ms) const
{
    const int hidden = hiddenIndexAt(ms);
    if (hidden >= 0 && !m_chapters[hidden].imageUrl.isEmpty())
        return m_chapters[hidden].imageUrl;
    const int listed = listedIndexAt(ms);
    return listed >= 0 ? m_chapters[listed].imageUrl : QUrl();
}

QUrl ChapterTimeline::linkAt(qint64 ms) const
{
    const int hidden = hiddenIndexAt(ms);
    if (hidden >= 0 && !m_chapters[hidden].url.isEmpty())
        return m_chapters[hidden].url;
    const int listed = listedIndexAt(ms);
    return listed >= 0 ? m_chapters[listed].url : QUrl();
}

qint64 ChapterTimeline::previousTarget(qint64 ms) const
{
    if (m_listed.isEmpty())
        return -1;
    const qsizetype k = lastListedStartedBy(ms + kSnapMs);
    if (k < 0)
        return 0;
    const qint64 start = startMs(m_listed[k]);
    if (ms - start > kRestartMs)
        return start;
    return k > 0 ? startMs(m_listed[k - 1]) : 0;
}

qint64 ChapterTimeline::nextTarget(qint64 ms) const
{
    const qsizetype k = lastListedStartedBy(ms + kSnapMs) + 1;
    return k < m_listed.size() ? startMs(m_listed[k]) : -1;
}

qint64 ChapterTimeline::chapterEndMs(qint64 ms) const
{
    const int current = listedIndexAt(ms);
    if (current >= 0)
        return endMs(current);
    const qsizetype next = lastListedStartedBy(ms) + 1;
    if (next < m_listed.size())
        return startMs(m_listed[next]);
    return m_durationMs > 0 ? m_durationMs : -1;
}

} // namespace sidecast
