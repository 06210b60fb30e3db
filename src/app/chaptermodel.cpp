#include "chaptermodel.h"

#include "appcontext.h"
#include "player/chaptercontroller.h"
#include "player/playbackcontroller.h"
#include "storage/library.h"

namespace sidecast {

ChapterModel::ChapterModel(QObject *parent)
    : ChapterModel(AppContext::instance() ? AppContext::instance()->library() : nullptr,
                   AppContext::instance() ? AppContext::instance()->chapterProvider() : nullptr,
                   AppContext::instance() ? AppContext::instance()->chapters() : nullptr, parent)
{}

ChapterModel::ChapterModel(Library *library, ChapterProvider *provider,
                           ChapterController *controller, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(library)
    , m_provider(provider)
    , m_controller(controller)
{
    if (provider) {
        connect(provider, &ChapterProvider::chaptersChanged, this, [this](qint64 id) {
            if (id == m_episodeId)
                reload();
        });
    }
    if (controller) {
        // The episode entering or leaving the player, or its chapters arriving.
        connect(controller, &ChapterController::chaptersChanged, this, &ChapterModel::reload);
        connect(controller, &ChapterController::endsChanged, this, [this] {
            if (followsPlayer())
                reload();
        });
        connect(controller, &ChapterController::currentChanged, this, &ChapterModel::updateCurrent);
    }
}

void ChapterModel::setEpisodeId(qint64 id)
{
    if (id == m_episodeId)
        return;
    m_episodeId = id;
    reload();
    Q_EMIT episodeIdChanged();
}

bool ChapterModel::followsPlayer() const
{
    return m_controller && m_episodeId > 0 && m_controller->episodeId() == m_episodeId;
}

void ChapterModel::reload()
{
    ChapterTimeline timeline;
    ChapterSource source = ChapterSource::None;
    if (followsPlayer()) {
        timeline = m_controller->timeline();
        source = m_controller->source();
    } else if (m_provider && m_library && m_episodeId > 0) {
        const EpisodeChapters found = m_provider->chapters(m_episodeId);
        const std::optional<Episode> episode = m_library->episode(m_episodeId);
        timeline = ChapterTimeline(found.chapters, episode ? episode->durationSecs * 1000 : 0);
        source = found.source;
    }
    // The same chapters (the episode just entered the player, say): no reset, only ends that
    // a better known duration may have moved.
    if (timeline.chapters() == m_timeline.chapters() && source == m_source) {
        m_timeline = timeline;
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0), index(rowCount() - 1), {EndMsRole});
    } else {
        beginResetModel();
        m_timeline = timeline;
        m_source = source;
        m_currentRow = -1;
        endResetModel();
        Q_EMIT countChanged();
    }
    updateCurrent();
}

void ChapterModel::updateCurrent()
{
    const int row = followsPlayer() ? m_controller->currentIndex() : -1;
    if (row == m_currentRow)
        return;
    const int old = m_currentRow;
    m_currentRow = row < rowCount() ? row : -1;
    for (const int r : {old, m_currentRow}) {
        if (r >= 0 && r < rowCount())
            Q_EMIT dataChanged(index(r), index(r), {IsCurrentRole});
    }
    Q_EMIT currentIndexChanged();
}

int ChapterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_timeline.listed().size());
}

QVariant ChapterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int i = m_timeline.listed().at(row);
    const Chapter &c = m_timeline.chapters().at(i);
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return ChapterController::displayTitle(c, row);
    case StartMsRole:
        return double(m_timeline.startMs(i));
    case EndMsRole:
        return double(m_timeline.endMs(i));
    case ImageUrlRole:
        return c.imageUrl;
    case UrlRole:
        return c.url;
    case IsCurrentRole:
        return row == m_currentRow;
    }
    return {};
}

QHash<int, QByteArray> ChapterModel::roleNames() const
{
    return {{TitleRole, "title"},       {StartMsRole, "startMs"}, {EndMsRole, "endMs"},
            {ImageUrlRole, "imageUrl"}, {UrlRole, "url"},         {IsCurrentRole, "isCurrent"}};
}

bool ChapterModel::playChapter(int row)
{
    if (!m_controller || row < 0 || row >= rowCount())
        return false;
    PlaybackController *player = m_controller->player();
    if (!followsPlayer() && !player->loadEpisode(m_episodeId))
        return false;
    player->seek(m_timeline.startMs(m_timeline.listed().at(row)));
    player->play();
    return true;
}

} // namespace sidecast
