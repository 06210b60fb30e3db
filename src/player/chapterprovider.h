#pragma once

#include "core/chapter.h"
#include "core/episode.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace sidecast {

class ChapterFetcher;
class Library;

// Where an episode's chapters come from, best first.
enum class ChapterSource
{
    None,
    Json,    // podcast:chapters (Podcasting 2.0 JSON)
    Podlove, // psc:chapters inline in the feed
    Id3,     // CHAP frames in a local MP3 file
    Notes,   // timestamps in the show notes
};

struct EpisodeChapters
{
    QList<Chapter> chapters;
    ChapterSource source = ChapterSource::None;
};

// Finds the best chapters an episode has, in the order podcast:chapters JSON > inline Podlove >
// ID3 CHAP frames (only when the enclosure is a local file) > timestamps in the notes. All but
// the JSON are at hand. The JSON comes from the library, or is downloaded once (ChapterFetcher);
// until it is there, or when it fails or lists nothing, the next best source stands in, and
// chaptersChanged() says when better chapters have arrived. What was found is kept in memory
// per episode until the podcast's episodes change.
class ChapterProvider : public QObject
{
    Q_OBJECT
public:
    explicit ChapterProvider(Library *library, QObject *parent = nullptr);
    ~ChapterProvider() override;

    ChapterFetcher *fetcher() const { return m_fetcher; }

    // The chapters known now; starts downloading the JSON when it is needed.
    EpisodeChapters chapters(const Episode &episode);
    // The same for a library episode; nothing for an unknown id.
    EpisodeChapters chapters(qint64 episodeId);
    bool isFetching(qint64 episodeId) const;

    static QString sourceName(ChapterSource source);

Q_SIGNALS:
    // Something better (or, after a feed refresh, different) is known for the episode: ask again.
    void chaptersChanged(qint64 episodeId);

private:
    struct Entry
    {
        qint64 podcastId = 0;
        EpisodeChapters local; // the best of everything but the JSON
        QUrl jsonUrl;
        std::optional<QList<Chapter>> json; // fetched (possibly empty)
        bool jsonFailed = false;
    };
    static EpisodeChapters localChapters(const Episode &episode);
    void onFetched(qint64 episodeId, const QList<Chapter> &chapters, bool ok);

    Library *m_library;
    ChapterFetcher *m_fetcher;
    QHash<qint64, Entry> m_entries;
};

} // namespace sidecast
