#include "episodedetails.h"

#include "appcontext.h"
#include "core/notes/shownotes.h"
#include "episodelistmodel.h"
#include "storage/library.h"

namespace sidecast {

EpisodeDetails::EpisodeDetails(QObject *parent)
    : EpisodeDetails(AppContext::instance() ? AppContext::instance()->library() : nullptr, parent)
{}

EpisodeDetails::EpisodeDetails(Library *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
{
    if (!library)
        return;
    connect(library, &Library::episodeStateChanged, this,
            [this](qint64 id, qint64 positionMs, bool played) {
                if (id != m_episodeId || (positionMs == m_positionMs && played == m_played))
                    return;
                m_positionMs = positionMs;
                m_played = played;
                Q_EMIT stateChanged();
            });
    connect(library, &Library::episodesChanged, this, [this](qint64 podcastId) {
        if (podcastId == m_podcastId)
            load();
    });
}

void EpisodeDetails::setEpisodeId(qint64 id)
{
    if (id == m_episodeId)
        return;
    m_episodeId = id;
    load();
    Q_EMIT episodeIdChanged();
}

void EpisodeDetails::load()
{
    const std::optional<Episode> e =
        (m_library && m_episodeId > 0) ? m_library->episode(m_episodeId) : std::nullopt;
    const std::optional<Podcast> p = e ? m_library->podcast(e->podcastId) : std::nullopt;
    m_valid = e.has_value();
    m_title = e ? e->title : QString();
    m_podcastId = e ? e->podcastId : 0;
    m_podcastTitle = p ? p->title : QString();
    QString notes;
    if (e)
        notes = !e->notesHtml.isEmpty() ? e->notesHtml
                                        : (!e->summary.isEmpty() ? e->summary : e->subtitle);
    m_notesHtml = ShowNotes::toRichText(notes, e ? e->link : QUrl());
    m_dateText = e ? EpisodeListModel::formatDate(e->published, QDate::currentDate()) : QString();
    m_durationSeconds = e ? e->durationSecs : 0;
    m_artworkUrl = e && !e->imageUrl.isEmpty() ? e->imageUrl : (p ? p->imageUrl : QUrl());
    m_link = e ? e->link : QUrl();
    m_enclosureUrl = e ? e->enclosure.url : QUrl();
    m_played = e && e->played;
    m_positionMs = e ? e->positionMs : 0;
    Q_EMIT changed();
    Q_EMIT stateChanged();
}

} // namespace sidecast
