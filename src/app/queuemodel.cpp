#include "queuemodel.h"

#include "core/time/duration.h"
#include "player/playbackcontroller.h"
#include "player/queue.h"
#include "storage/library.h"

namespace sidecast {

QueueModel::QueueModel(Library *library, PlaybackController *player, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(library)
    , m_player(player)
    , m_queue(player->queue())
{
    connect(m_queue, &Queue::changed, this, &QueueModel::reload);
    connect(library, &Library::episodeStateChanged, this,
            [this](qint64 episodeId, qint64 positionMs, bool played) {
                for (int row = 0; row < m_entries.size(); ++row) {
                    Episode &e = m_entries[row].episode;
                    if (e.id != episodeId)
                        continue;
                    e.positionMs = positionMs;
                    e.played = played;
                    Q_EMIT dataChanged(index(row), index(row), {RemainingMsRole});
                }
                Q_EMIT totalRemainingChanged();
            });
    connect(player, &PlaybackController::rateChanged, this, &QueueModel::totalRemainingChanged);
    connect(player, &PlaybackController::positionChanged, this, &QueueModel::totalRemainingChanged);
    connect(player, &PlaybackController::episodeChanged, this, &QueueModel::totalRemainingChanged);
    reload();
}

void QueueModel::reload()
{
    beginResetModel();
    m_entries.clear();
    QHash<qint64, Podcast> podcasts;
    for (qint64 id : m_queue->episodeIds()) {
        const std::optional<Episode> e = m_library->episode(id);
        if (!e)
            continue;
        if (!podcasts.contains(e->podcastId))
            podcasts.insert(e->podcastId, m_library->podcast(e->podcastId).value_or(Podcast{}));
        const Podcast &p = podcasts[e->podcastId];
        Entry entry{*e, p.title, e->imageUrl.isEmpty() ? p.imageUrl : e->imageUrl};
        entry.episode.notesHtml.clear(); // not shown here
        m_entries.append(std::move(entry));
    }
    endResetModel();
    Q_EMIT countChanged();
    Q_EMIT totalRemainingChanged();
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    const Episode &e = entry.episode;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return e.title;
    case IdRole:
        return e.id;
    case PodcastTitleRole:
        return entry.podcastTitle;
    case ImageUrlRole:
        return entry.imageUrl;
    case DurationTextRole:
        return e.durationSecs > 0 ? timeutil::formatDuration(e.durationSecs) : QString();
    case RemainingMsRole:
        return double(qMax<qint64>(0, e.durationSecs * 1000 - (e.played ? 0 : e.positionMs)));
    default:
        return {};
    }
}

QHash<int, QByteArray> QueueModel::roleNames() const
{
    return {
        {IdRole, "episodeId"},
        {TitleRole, "title"},
        {PodcastTitleRole, "podcastTitle"},
        {ImageUrlRole, "imageUrl"},
        {DurationTextRole, "durationText"},
        {RemainingMsRole, "remainingMs"},
    };
}

double QueueModel::totalRemainingMs() const
{
    double total = 0;
    for (const Entry &entry : m_entries) {
        const Episode &e = entry.episode;
        total += qMax<qint64>(0, e.durationSecs * 1000 - (e.played ? 0 : e.positionMs));
    }
    if (m_player->hasEpisode())
        total += qMax<qint64>(0, m_player->duration() - m_player->position());
    return total / (m_player->rate() > 0 ? m_player->rate() : 1.0);
}

void QueueModel::playNext(qint64 episodeId)
{
    m_queue->playNext(episodeId);
}

void QueueModel::playLast(qint64 episodeId)
{
    m_queue->playLast(episodeId);
}

void QueueModel::remove(qint64 episodeId)
{
    m_queue->remove(episodeId);
}

bool QueueModel::move(int from, int to)
{
    return m_queue->move(from, to);
}

void QueueModel::clear()
{
    m_queue->clear();
}

bool QueueModel::contains(qint64 episodeId) const
{
    return m_queue->contains(episodeId);
}

} // namespace sidecast
