#include "chaptercontroller.h"

#include "playbackcontroller.h"

namespace sidecast {

ChapterController::ChapterController(PlaybackController *player, ChapterProvider *provider,
                                     QObject *parent)
    : QObject(parent)
    , m_player(player)
    , m_provider(provider)
{
    Q_ASSERT(player && provider);
    connect(player, &PlaybackController::episodeChanged, this, [this] {
        reload();
        // The episode's own artwork changes with it, chapter image or not.
        Q_EMIT artworkUrlChanged();
    });
    connect(player, &PlaybackController::positionChanged, this, &ChapterController::updateCurrent);
    connect(player, &PlaybackController::durationChanged, this, [this] {
        if (m_timeline.durationMs() == m_player->duration())
            return;
        m_timeline.setDurationMs(m_player->duration());
        if (!m_timeline.isEmpty())
            Q_EMIT endsChanged();
    });
    connect(provider, &ChapterProvider::chaptersChanged, this, [this](qint64 episodeId) {
        if (episodeId == m_episodeId)
            reload();
    });
    reload();
}

void ChapterController::reload()
{
    m_episodeId = m_player->episodeId();
    const EpisodeChapters found = m_provider->chapters(m_episodeId);
    m_timeline = ChapterTimeline(found.chapters, m_player->duration());
    m_source = found.source;
    m_currentRow = -1;
    m_currentUrl.clear();
    m_chapterImage.clear();
    Q_EMIT chaptersChanged();
    updateCurrent();
    Q_EMIT currentChanged();
}

void ChapterController::updateCurrent()
{
    const qint64 ms = m_player->position();
    const int index = m_timeline.listedIndexAt(ms);
    const int row = index < 0 ? -1 : int(m_timeline.listed().indexOf(index));
    const QUrl link = m_timeline.linkAt(ms);
    if (row != m_currentRow || link != m_currentUrl) {
        m_currentRow = row;
        m_currentUrl = link;
        Q_EMIT currentChanged();
    }
    const QUrl image = m_timeline.imageAt(ms);
    if (image != m_chapterImage) {
        m_chapterImage = image;
        Q_EMIT artworkUrlChanged();
    }
}

QString ChapterController::displayTitle(const Chapter &chapter, int row)
{
    return chapter.title.isEmpty() ? tr("Chapter %1").arg(row + 1) : chapter.title;
}

QString ChapterController::currentTitle() const
{
    if (m_currentRow < 0)
        return {};
    return displayTitle(m_timeline.chapters().at(m_timeline.listed().at(m_currentRow)),
                        m_currentRow);
}

QUrl ChapterController::artworkUrl() const
{
    return !m_chapterImage.isEmpty() ? m_chapterImage : m_player->artworkUrl();
}

bool ChapterController::previousChapter()
{
    const qint64 target = m_timeline.previousTarget(m_player->position());
    if (target < 0)
        return false;
    m_player->seek(target);
    return true;
}

bool ChapterController::nextChapter()
{
    const qint64 target = m_timeline.nextTarget(m_player->position());
    if (target < 0)
        return false;
    m_player->seek(target);
    return true;
}

bool ChapterController::seekToChapter(int row)
{
    if (row < 0 || row >= count())
        return false;
    m_player->seek(m_timeline.startMs(m_timeline.listed().at(row)));
    return true;
}

qint64 ChapterController::chapterEndMs() const
{
    if (!hasChapters())
        return -1;
    return m_timeline.chapterEndMs(m_player->position());
}

} // namespace sidecast
