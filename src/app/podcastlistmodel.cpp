#include "podcastlistmodel.h"

#include "storage/library.h"

namespace sidecast {

PodcastListModel::PodcastListModel(Library *library, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(library)
{
    connect(library, &Library::podcastsChanged, this, &PodcastListModel::reload);
    // Unplayed counts: marking many episodes at once coalesces into one reload.
    m_reloadSoon.setSingleShot(true);
    m_reloadSoon.setInterval(0);
    connect(&m_reloadSoon, &QTimer::timeout, this, &PodcastListModel::reload);
    connect(library, &Library::playedChanged, &m_reloadSoon, qOverload<>(&QTimer::start));
    reload();
}

int PodcastListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_podcasts.size());
}

QVariant PodcastListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Podcast &p = m_podcasts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return p.title;
    case IdRole:
        return p.id;
    case AuthorRole:
        return p.author;
    case ImageUrlRole:
        return p.imageUrl;
    case FeedUrlRole:
        return p.feedUrl;
    case EpisodeCountRole:
        return p.episodeCount;
    case UnplayedCountRole:
        return p.unplayedCount;
    case EndedRole:
        return p.ended;
    case NeedsCredentialsRole:
        return p.needsCredentials;
    case LastErrorRole:
        return p.lastError;
    default:
        return {};
    }
}

QHash<int, QByteArray> PodcastListModel::roleNames() const
{
    return {
        {IdRole, "podcastId"},
        {TitleRole, "title"},
        {AuthorRole, "author"},
        {ImageUrlRole, "imageUrl"},
        {FeedUrlRole, "feedUrl"},
        {EpisodeCountRole, "episodeCount"},
        {UnplayedCountRole, "unplayedCount"},
        {EndedRole, "ended"},
        {NeedsCredentialsRole, "needsCredentials"},
        {LastErrorRole, "lastError"},
    };
}

int PodcastListModel::indexOfId(qint64 podcastId) const
{
    for (int i = 0; i < m_podcasts.size(); ++i) {
        if (m_podcasts.at(i).id == podcastId)
            return i;
    }
    return -1;
}

qint64 PodcastListModel::idAt(int row) const
{
    return row >= 0 && row < m_podcasts.size() ? m_podcasts.at(row).id : 0;
}

void PodcastListModel::reload()
{
    QList<Podcast> fresh = m_library->podcasts();
    const bool sameRows =
        fresh.size() == m_podcasts.size() &&
        std::equal(fresh.cbegin(), fresh.cend(), m_podcasts.cbegin(),
                   [](const Podcast &a, const Podcast &b) { return a.id == b.id; });
    if (sameRows) {
        m_podcasts = std::move(fresh);
        if (!m_podcasts.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_podcasts.size()) - 1));
        return;
    }
    beginResetModel();
    m_podcasts = std::move(fresh);
    endResetModel();
    Q_EMIT countChanged();
}

} // namespace sidecast
