#include "episodelistmodel.h"

#include "appcontext.h"
#include "core/time/duration.h"
#include "storage/library.h"

#include <QLocale>

namespace sidecast {

EpisodeListModel::EpisodeListModel(QObject *parent)
    : EpisodeListModel(AppContext::instance() ? AppContext::instance()->library() : nullptr, parent)
{}

EpisodeListModel::EpisodeListModel(Library *library, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(library)
{
    if (!library)
        return;
    connect(library, &Library::episodesChanged, this, [this](qint64 podcastId) {
        if (podcastId == m_podcastId || m_podcastId == NewEpisodes)
            reload();
    });
    connect(library, &Library::episodeStateChanged, this, &EpisodeListModel::onEpisodeStateChanged);
}

void EpisodeListModel::setPodcastId(qint64 id)
{
    if (id == m_podcastId)
        return;
    m_podcastId = id;
    reload();
    Q_EMIT podcastIdChanged();
}

void EpisodeListModel::reload()
{
    beginResetModel();
    m_podcastTitles.clear();
    if (m_library && m_podcastId == NewEpisodes) {
        m_episodes = m_library->newEpisodes(kNewEpisodesLimit);
        for (const Podcast &p : m_library->podcasts())
            m_podcastTitles.insert(p.id, p.title);
    } else {
        m_episodes =
            (m_library && m_podcastId > 0) ? m_library->episodes(m_podcastId) : QList<Episode>();
    }
    endResetModel();
    const std::optional<Podcast> podcast =
        (m_library && m_podcastId > 0) ? m_library->podcast(m_podcastId) : std::nullopt;
    m_podcast = podcast.value_or(Podcast{});
    if (m_podcastId == NewEpisodes)
        m_podcast.title = tr("New episodes");
    Q_EMIT countChanged();
    Q_EMIT podcastChanged();
}

int EpisodeListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_episodes.size());
}

QString EpisodeListModel::formatDate(const QDateTime &published, const QDate &today)
{
    if (!published.isValid())
        return {};
    const QDate date = published.toLocalTime().date();
    const QLocale locale;
    if (date.year() == today.year())
        return locale.toString(date, QStringLiteral("ddd d MMM"));
    return locale.toString(date, QStringLiteral("d MMM yyyy"));
}

QVariant EpisodeListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Episode &e = m_episodes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return e.title;
    case IdRole:
        return e.id;
    case PublishedRole:
        return e.published;
    case DateTextRole:
        return formatDate(e.published, QDate::currentDate());
    case DurationRole:
        return e.durationSecs;
    case DurationTextRole:
        return e.durationSecs > 0 ? timeutil::formatDuration(e.durationSecs) : QString();
    case PositionRole:
        return e.positionMs;
    case PlayedRole:
        return e.played;
    case InProgressRole:
        return e.inProgress();
    case ProgressRole:
        return e.durationSecs > 0
                   ? qBound(0.0, double(e.positionMs) / (e.durationSecs * 1000.0), 1.0)
                   : 0.0;
    case SummaryRole:
        // An Atom entry's summary (and an item with only itunes:subtitle) is the subtitle.
        return e.summary.isEmpty() ? e.subtitle : e.summary;
    case PodcastTitleRole:
        return m_podcastTitles.value(e.podcastId);
    default:
        return {};
    }
}

QHash<int, QByteArray> EpisodeListModel::roleNames() const
{
    return {
        {IdRole, "episodeId"},          {TitleRole, "title"},
        {PublishedRole, "published"},   {DateTextRole, "dateText"},
        {DurationRole, "duration"},     {DurationTextRole, "durationText"},
        {PositionRole, "positionMs"},   {PlayedRole, "played"},
        {InProgressRole, "inProgress"}, {ProgressRole, "progress"},
        {SummaryRole, "summary"},       {PodcastTitleRole, "podcastTitle"},
    };
}

qint64 EpisodeListModel::idAt(int row) const
{
    return row >= 0 && row < m_episodes.size() ? m_episodes.at(row).id : 0;
}

int EpisodeListModel::indexOfId(qint64 episodeId) const
{
    for (int i = 0; i < m_episodes.size(); ++i) {
        if (m_episodes.at(i).id == episodeId)
            return i;
    }
    return -1;
}

void EpisodeListModel::onEpisodeStateChanged(qint64 episodeId, qint64 positionMs, bool played)
{
    const int row = indexOfId(episodeId);
    if (row < 0)
        return;
    Episode &e = m_episodes[row];
    if (e.positionMs == positionMs && e.played == played)
        return;
    e.positionMs = positionMs;
    e.played = played;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, {PositionRole, PlayedRole, InProgressRole, ProgressRole});
}

} // namespace sidecast
