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
        {3,
         {
             // Everything else the feed parser reads, so that showing it never needs the feed
             // again. Lists (categories, funding, persons, chapters, transcripts, …) are JSON
             // text: they are only ever read and written whole, with their row, so one column
             // keeps a merge to one statement per episode; a child table can be derived from
             // them in a later step if something needs to query inside them. Tri-state flags
             // (explicit, locked) are NULL when the feed does not say.
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN description_html TEXT NOT NULL"
                            " DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN subtitle TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN owner_name TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN owner_email TEXT NOT NULL DEFAULT ''"),
             QStringLiteral(
                 "ALTER TABLE podcasts ADD COLUMN categories TEXT NOT NULL DEFAULT '[]'"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN explicit INTEGER"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN show_type TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN locked INTEGER"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN podcast_guid TEXT NOT NULL"
                            " DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN medium TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN funding TEXT NOT NULL DEFAULT '[]'"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN persons TEXT NOT NULL DEFAULT '[]'"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN new_feed_url TEXT NOT NULL"
                            " DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN self_url TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN paged_feed_next TEXT NOT NULL"
                            " DEFAULT ''"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN subtitle TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN author TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN season INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN episode_number REAL NOT NULL"
                            " DEFAULT 0"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN episode_type TEXT NOT NULL"
                            " DEFAULT ''"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN explicit INTEGER"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN enclosures TEXT NOT NULL"
                            " DEFAULT '[]'"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN chapters_url TEXT NOT NULL"
                            " DEFAULT ''"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN chapters_type TEXT NOT NULL"
                            " DEFAULT ''"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN chapters TEXT NOT NULL DEFAULT '[]'"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN transcripts TEXT NOT NULL"
                            " DEFAULT '[]'"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN persons TEXT NOT NULL DEFAULT '[]'"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN soundbites TEXT NOT NULL"
                            " DEFAULT '[]'"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN alternate_enclosures TEXT NOT NULL"
                            " DEFAULT '[]'"),
         }},
        {4,
         {
             // Refresh: the validators of the last good answer (conditional GET) and the hash of
             // its body, so an unchanged feed costs neither a parse nor a merge.
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN etag TEXT NOT NULL DEFAULT ''"),
             QStringLiteral(
                 "ALTER TABLE podcasts ADD COLUMN last_modified TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN body_hash TEXT NOT NULL DEFAULT ''"),
             // 410 Gone: the podcast has ended and is no longer refreshed.
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN ended INTEGER NOT NULL DEFAULT 0"),
             // 401/403: the feed wants a user name and password; has_credentials says the
             // keychain holds some (the secret itself never touches this database).
             QStringLiteral(
                 "ALTER TABLE podcasts ADD COLUMN needs_credentials INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral(
                 "ALTER TABLE podcasts ADD COLUMN has_credentials INTEGER NOT NULL DEFAULT 0"),
             // The last attempt, successful or not, and why it failed.
             QStringLiteral(
                 "ALTER TABLE podcasts ADD COLUMN last_checked INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN last_error TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE podcasts ADD COLUMN failures INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE episodes ADD COLUMN starred INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral(
                 "ALTER TABLE episodes ADD COLUMN download_path TEXT NOT NULL DEFAULT ''"),
             // "All new episodes", newest first, without scanning the played ones.
             QStringLiteral("CREATE INDEX episodes_new ON episodes (published DESC, id DESC)"
                            " WHERE played = 0 AND position_ms = 0"),
             // The unplayed count of every podcast in the sidebar.
             QStringLiteral(
                 "CREATE INDEX episodes_unplayed ON episodes (podcast_id) WHERE played = 0"),
         }},
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
        {6,
         {
             // Audio effects chosen per podcast, off by default.
             QStringLiteral(
                 "ALTER TABLE podcasts ADD COLUMN trim_silence INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral(
                 "ALTER TABLE podcasts ADD COLUMN voice_boost INTEGER NOT NULL DEFAULT 0"),
             // Media time that silence trimming cut out of an episode; a podcast's is the sum.
             QStringLiteral(
                 "ALTER TABLE episodes ADD COLUMN silence_saved_ms INTEGER NOT NULL DEFAULT 0"),
         }},
    };
    return steps;
}

int latestSchemaVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

} // namespace sidecast::storage
