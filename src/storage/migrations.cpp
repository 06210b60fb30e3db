#include "migrations.h"

namespace sidecast::storage {

const QList<Migration> &migrations()
{
    static const QList<Migration> steps = {
        {1,
         {
             QStringLiteral("CREATE TABLE podcasts ("
                            " id INTEGER PRIMARY KEY,"
                            " feed_url TEXT NOT NULL UNIQUE,"
                            " title TEXT NOT NULL DEFAULT '',"
                            " link TEXT NOT NULL DEFAULT '',"
                            " description TEXT NOT NULL DEFAULT '',"
                            " author TEXT NOT NULL DEFAULT '',"
                            " image_url TEXT NOT NULL DEFAULT '',"
                            " language TEXT NOT NULL DEFAULT '',"
                            " added_at INTEGER NOT NULL,"
                            " last_refreshed INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral(
                 "CREATE TABLE episodes ("
                 " id INTEGER PRIMARY KEY,"
                 " podcast_id INTEGER NOT NULL REFERENCES podcasts(id) ON DELETE CASCADE,"
                 " identity TEXT NOT NULL,"
                 " guid TEXT NOT NULL DEFAULT '',"
                 " title TEXT NOT NULL DEFAULT '',"
                 " link TEXT NOT NULL DEFAULT '',"
                 " published INTEGER NOT NULL DEFAULT 0,"
                 " duration INTEGER NOT NULL DEFAULT 0,"
                 " summary TEXT NOT NULL DEFAULT '',"
                 " notes_html TEXT NOT NULL DEFAULT '',"
                 " image_url TEXT NOT NULL DEFAULT '',"
                 " enclosure_url TEXT NOT NULL DEFAULT '',"
                 " enclosure_type TEXT NOT NULL DEFAULT '',"
                 " enclosure_length INTEGER NOT NULL DEFAULT 0,"
                 " position_ms INTEGER NOT NULL DEFAULT 0,"
                 " played INTEGER NOT NULL DEFAULT 0,"
                 " last_played_at INTEGER NOT NULL DEFAULT 0,"
                 " UNIQUE (podcast_id, identity))"),
             // The episode list of a podcast is always read newest first.
             QStringLiteral("CREATE INDEX episodes_by_podcast_date"
                            " ON episodes (podcast_id, published DESC, id DESC)"),
             QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE error_log ("
                            " id INTEGER PRIMARY KEY,"
                            " at INTEGER NOT NULL,"
                            " kind TEXT NOT NULL,"
                            " podcast_id INTEGER REFERENCES podcasts(id) ON DELETE SET NULL,"
                            " url TEXT NOT NULL DEFAULT '',"
                            " http_status INTEGER NOT NULL DEFAULT 0,"
                            " message TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX error_log_by_time ON error_log (at DESC)"),
         }},
        {2,
         {
             // Up Next: the episodes to play after the current one, in order.
             QStringLiteral(
                 "CREATE TABLE queue ("
                 " episode_id INTEGER PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,"
                 " ordinal INTEGER NOT NULL)"),
             QStringLiteral("CREATE INDEX queue_by_ordinal ON queue (ordinal)"),
             // A podcast's own playback speed; NULL follows the global default.
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN playback_rate REAL"),
         }},
        // 3 (feed fields) and 4 (refresh state) come from other branches; the numbers are kept
        // so the three merge in order.
        {5,
         {
             // An episode's podcast:chapters JSON as downloaded, so it is fetched once: the URL
             // it came from (a feed that changes the URL gets fetched again) and when. The raw
             // document, not parsed chapters, so a better parser applies to what is stored.
             QStringLiteral(
                 "CREATE TABLE chapter_documents ("
                 " episode_id INTEGER PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,"
                 " url TEXT NOT NULL,"
                 " body BLOB NOT NULL,"
                 " fetched_at INTEGER NOT NULL)"),
         }},
    };
    return steps;
}

int latestSchemaVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

} // namespace sidecast::storage
