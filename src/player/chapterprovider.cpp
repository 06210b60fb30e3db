#include "chapterprovider.h"

#include "core/chapters/notechapters.h"
#include "id3chapters.h"
#include "net/chapterfetcher.h"
#include "storage/library.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcPlayer)

namespace sidecast {

ChapterProvider::ChapterProvider(Library *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_fetcher(new ChapterFetcher(library, this))
{
    // A refresh may bring other chapters, a chapters URL or notes: forget what was found.
    connect(library, &Library::episodesChanged, this, [this](qint64 podcastId) {
        QList<qint64> dropped;
        for (auto it = m_entries.begin(); it != m_entries.end();) {
            if (it->podcastId == podcastId && !m_fetcher->isFetching(it.key())) {
                dropped.append(it.key());
                it = m_entries.erase(it);
            } else {
                ++it;
            }
        }
        for (const qint64 id : dropped)
            Q_EMIT chaptersChanged(id);
    });
}

ChapterProvider::~ChapterProvider() = default;

QString ChapterProvider::sourceName(ChapterSource source)
{
    switch (source) {
    case ChapterSource::None:
        return {};
    case ChapterSource::Json:
        return QStringLiteral("json");
    case ChapterSource::Podlove:
        return QStringLiteral("podlove");
    case ChapterSource::Id3:
        return QStringLiteral("id3");
    case ChapterSource::Notes:
        return QStringLiteral("notes");
    }
    return {};
}

EpisodeChapters ChapterProvider::localChapters(const Episode &episode)
{
    if (!episode.chapters.isEmpty())
        return {episode.chapters, ChapterSource::Podlove};
    const QUrl media = episode.enclosure.url;
    if (media.isLocalFile()) {
        const Id3Chapters::Result id3 = Id3Chapters::read(media.toLocalFile());
        if (!id3.ok())
            qCDebug(lcPlayer).noquote() << "no ID3 chapters:" << id3.error;
        if (!id3.chapters.isEmpty())
            return {id3.chapters, ChapterSource::Id3};
    }
    const QString notes = episode.notesHtml.isEmpty() ? episode.summary : episode.notesHtml;
    QList<Chapter> fromNotes = NoteChapters::fromNotes(notes, episode.durationSecs);
    if (!fromNotes.isEmpty())
        return {std::move(fromNotes), ChapterSource::Notes};
    return {};
}

EpisodeChapters ChapterProvider::chapters(qint64 episodeId)
{
    if (episodeId <= 0)
        return {};
    const std::optional<Episode> episode = m_library->episode(episodeId);
    return episode ? chapters(*episode) : EpisodeChapters();
}

EpisodeChapters ChapterProvider::chapters(const Episode &episode)
{
    const qint64 id = episode.id;
    const QUrl jsonUrl = episode.chaptersUrl.isValid() ? episode.chaptersUrl : QUrl();
    auto it = m_entries.find(id);
    if (id <= 0 || it == m_entries.end() || it->jsonUrl != jsonUrl) {
        Entry entry;
        entry.podcastId = episode.podcastId;
        entry.jsonUrl = jsonUrl;
        if (!jsonUrl.isEmpty() && id > 0) {
            if (const auto cached = m_fetcher->cached(id, jsonUrl))
                entry.json = cached->chapters;
        }
        // Only worth reading the file and the notes when the JSON may not do.
        if (!entry.json || entry.json->isEmpty())
            entry.local = localChapters(episode);
        if (id <= 0)
            return entry.json && !entry.json->isEmpty()
                       ? EpisodeChapters{*entry.json, ChapterSource::Json}
                       : entry.local;
        it = m_entries.insert(id, entry);
    }
    if (!it->jsonUrl.isEmpty() && !it->json && !it->jsonFailed && !m_fetcher->isFetching(id)) {
        const qint64 podcastId = it->podcastId;
        m_fetcher->fetch(id, it->jsonUrl, this,
                         [this, id, podcastId](const ChapterFetcher::Result &r) {
                             if (!r.ok())
                                 m_library->logError(r.error, podcastId);
                             onFetched(id, r.chapters, r.ok());
                         });
    }
    if (it->json && !it->json->isEmpty())
        return {*it->json, ChapterSource::Json};
    return it->local;
}

void ChapterProvider::onFetched(qint64 episodeId, const QList<Chapter> &chapters, bool ok)
{
    const auto it = m_entries.find(episodeId);
    if (it == m_entries.end())
        return;
    if (ok) {
        it->json = chapters;
    } else {
        // Not again in this run; the next start tries again (nothing was stored).
        it->jsonFailed = true;
    }
    // Falling back needs nothing new; only chapters that replace the local ones are news.
    if (ok && !chapters.isEmpty())
        Q_EMIT chaptersChanged(episodeId);
}

bool ChapterProvider::isFetching(qint64 episodeId) const
{
    return m_fetcher->isFetching(episodeId);
}

} // namespace sidecast
