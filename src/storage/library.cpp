#include "library.h"

#include "migrations.h"

#include <QAtomicInteger>
#include <QDir>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

Q_LOGGING_CATEGORY(lcStorage, "sidecast.storage", QtWarningMsg)

namespace sidecast {

namespace {

QAtomicInteger<quint64> s_connectionCounter;

qint64 toUnix(const QDateTime &dt)
{
    return dt.isValid() ? dt.toSecsSinceEpoch() : 0;
}

QDateTime fromUnix(qint64 secs)
{
    return secs > 0 ? QDateTime::fromSecsSinceEpoch(secs, Qt::UTC) : QDateTime();
}

// Columns are NOT NULL: a null QString would bind as SQL NULL, so text is never null.
QString text(const QString &value)
{
    return value.isNull() ? QString(QLatin1String("")) : value;
}

QString urlText(const QUrl &url)
{
    return text(url.isEmpty() ? QString() : url.toString(QUrl::FullyEncoded));
}

QUrl textUrl(const QString &text)
{
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

constexpr auto kPodcastColumns =
    "p.id, p.feed_url, p.title, p.link, p.description, p.author, p.image_url, p.language,"
    " p.added_at, p.last_refreshed,"
    " (SELECT COUNT(*) FROM episodes e WHERE e.podcast_id = p.id),"
    " (SELECT COUNT(*) FROM episodes e WHERE e.podcast_id = p.id AND e.played = 0)";

Podcast podcastFromRow(const QSqlQuery &q)
{
    Podcast p;
    p.id = q.value(0).toLongLong();
    p.feedUrl = textUrl(q.value(1).toString());
    p.title = q.value(2).toString();
    p.link = textUrl(q.value(3).toString());
    p.description = q.value(4).toString();
    p.author = q.value(5).toString();
    p.imageUrl = textUrl(q.value(6).toString());
    p.language = q.value(7).toString();
    p.addedAt = fromUnix(q.value(8).toLongLong());
    p.lastRefreshed = fromUnix(q.value(9).toLongLong());
    p.episodeCount = q.value(10).toInt();
    p.unplayedCount = q.value(11).toInt();
    return p;
}

// Columns shared by the episode list and the single-episode query; notes come last so the list
// query can leave them out.
constexpr auto kEpisodeListColumns =
    "id, podcast_id, guid, title, link, published, duration, image_url, enclosure_url,"
    " enclosure_type, enclosure_length, position_ms, played, summary";

Episode episodeFromRow(const QSqlQuery &q)
{
    Episode e;
    e.id = q.value(0).toLongLong();
    e.podcastId = q.value(1).toLongLong();
    e.guid = q.value(2).toString();
    e.title = q.value(3).toString();
    e.link = textUrl(q.value(4).toString());
    e.published = fromUnix(q.value(5).toLongLong());
    e.durationSecs = q.value(6).toLongLong();
    e.imageUrl = textUrl(q.value(7).toString());
    e.enclosure.url = textUrl(q.value(8).toString());
    e.enclosure.mimeType = q.value(9).toString();
    e.enclosure.length = q.value(10).toLongLong();
    e.positionMs = q.value(11).toLongLong();
    e.played = q.value(12).toBool();
    e.summary = q.value(13).toString();
    return e;
}

} // namespace

Library::Library(QObject *parent)
    : QObject(parent)
    , m_connectionName(QStringLiteral("sidecast-library-%1").arg(++s_connectionCounter))
{}

Library::~Library()
{
    close();
}

QString Library::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QSqlDatabase Library::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void Library::setStorageError(const QString &message) const
{
    m_lastError = Error::make(Error::Kind::Storage, QUrl::fromLocalFile(m_directory), message);
    qCWarning(lcStorage).noquote() << message;
}

bool Library::exec(QSqlQuery &query) const
{
    if (query.exec())
        return true;
    setStorageError(
        QStringLiteral("Database error: %1 (%2)").arg(query.lastError().text(), query.lastQuery()));
    return false;
}

bool Library::open(const QString &directory, Error *error)
{
    close();
    auto fail = [&](const QString &message) {
        setStorageError(message);
        if (error)
            *error = m_lastError;
        close();
        return false;
    };

    if (directory.isEmpty())
        return fail(QStringLiteral("No library folder was given."));
    QDir dir(directory);
    if (!dir.mkpath(QStringLiteral(".")))
        return fail(QStringLiteral("Cannot create the library folder %1.").arg(directory));
    m_directory = dir.absolutePath();

    {
        QSqlDatabase database =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        database.setDatabaseName(dir.absoluteFilePath(databaseFileName()));
        if (!database.open())
            return fail(QStringLiteral("Cannot open the library database in %1: %2")
                            .arg(m_directory, database.lastError().text()));
    }

    QSqlQuery q(db());
    const QStringList pragmas = {
        QStringLiteral("PRAGMA journal_mode = WAL"),
        QStringLiteral("PRAGMA synchronous = NORMAL"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA busy_timeout = 5000"),
    };
    for (const QString &pragma : pragmas) {
        if (!q.exec(pragma))
            return fail(
                QStringLiteral("Cannot set up the library database: %1").arg(q.lastError().text()));
    }
    Error migrationError;
    if (!migrate(&migrationError)) {
        if (error)
            *error = migrationError;
        close();
        return false;
    }
    return true;
}

bool Library::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && db().isOpen();
}

void Library::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase database = db();
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

int Library::schemaVersion() const
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool Library::migrate(Error *error)
{
    const int current = schemaVersion();
    if (current < 0) {
        setStorageError(QStringLiteral("Cannot read the library's schema version."));
        *error = m_lastError;
        return false;
    }
    if (current > storage::latestSchemaVersion()) {
        setStorageError(
            QStringLiteral("The library in %1 was written by a newer Sidecast (schema %2;"
                           " this version knows up to %3). It was left untouched.")
                .arg(m_directory)
                .arg(current)
                .arg(storage::latestSchemaVersion()));
        *error = m_lastError;
        return false;
    }
    QSqlDatabase database = db();
    for (const storage::Migration &step : storage::migrations()) {
        if (step.version <= current)
            continue;
        database.transaction();
        QSqlQuery q(database);
        for (const QString &statement : step.statements) {
            if (!q.exec(statement)) {
                const QString message =
                    QStringLiteral("Upgrading the library to schema %1 failed: %2")
                        .arg(step.version)
                        .arg(q.lastError().text());
                database.rollback();
                setStorageError(message);
                *error = m_lastError;
                return false;
            }
        }
        // PRAGMA takes no bound parameters; the version is our own integer.
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(step.version)) ||
            !database.commit()) {
            database.rollback();
            setStorageError(
                QStringLiteral("Upgrading the library to schema %1 failed.").arg(step.version));
            *error = m_lastError;
            return false;
        }
        qCInfo(lcStorage) << "library schema migrated to version" << step.version;
    }
    return true;
}

QList<Podcast> Library::podcasts() const
{
    QList<Podcast> result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM podcasts p ORDER BY p.title COLLATE NOCASE, p.id")
                  .arg(QLatin1String(kPodcastColumns)));
    if (!exec(q))
        return result;
    while (q.next())
        result.append(podcastFromRow(q));
    return result;
}

std::optional<Podcast> Library::podcast(qint64 id) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT %1 FROM podcasts p WHERE p.id = ?")
                  .arg(QLatin1String(kPodcastColumns)));
    q.addBindValue(id);
    if (!exec(q) || !q.next())
        return std::nullopt;
    return podcastFromRow(q);
}

std::optional<qint64> Library::podcastIdForFeedUrl(const QUrl &feedUrl) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT id FROM podcasts WHERE feed_url = ?"));
    q.addBindValue(urlText(feedUrl));
    if (!exec(q) || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

Library::MergeResult Library::addPodcast(const Feed &feed)
{
    MergeResult result;
    const Podcast &p = feed.podcast;
    if (p.feedUrl.isEmpty()) {
        result.error =
            Error::make(Error::Kind::InvalidInput, {}, QStringLiteral("The feed has no URL."));
        return result;
    }
    if (auto existing = podcastIdForFeedUrl(p.feedUrl)) {
        result.podcastId = *existing;
        result.error = Error::make(Error::Kind::Duplicate, p.feedUrl,
                                   QStringLiteral("You are already subscribed to this feed."));
        return result;
    }

    QSqlDatabase database = db();
    if (!database.transaction()) {
        setStorageError(
            QStringLiteral("Cannot start a transaction: %1").arg(database.lastError().text()));
        result.error = m_lastError;
        return result;
    }
    QSqlQuery q(database);
    q.prepare(QStringLiteral("INSERT INTO podcasts (feed_url, title, link, description, author,"
                             " image_url, language, added_at, last_refreshed)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    q.addBindValue(urlText(p.feedUrl));
    q.addBindValue(text(p.title));
    q.addBindValue(urlText(p.link));
    q.addBindValue(text(p.description));
    q.addBindValue(text(p.author));
    q.addBindValue(urlText(p.imageUrl));
    q.addBindValue(text(p.language));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!exec(q)) {
        database.rollback();
        result.error = m_lastError;
        return result;
    }
    result.podcastId = q.lastInsertId().toLongLong();
    if (!writeFeed(result.podcastId, feed, result) || !database.commit()) {
        database.rollback();
        if (!result.error.isError())
            result.error = m_lastError;
        result.podcastId = 0;
        result.added = result.updated = 0;
        return result;
    }
    Q_EMIT podcastsChanged();
    Q_EMIT episodesChanged(result.podcastId);
    return result;
}

Library::MergeResult Library::mergeFeed(qint64 podcastId, const Feed &feed)
{
    MergeResult result;
    result.podcastId = podcastId;
    QSqlDatabase database = db();
    if (!database.transaction()) {
        setStorageError(
            QStringLiteral("Cannot start a transaction: %1").arg(database.lastError().text()));
        result.error = m_lastError;
        return result;
    }
    QSqlQuery q(database);
    const Podcast &p = feed.podcast;
    q.prepare(QStringLiteral("UPDATE podcasts SET title = ?, link = ?, description = ?, author = ?,"
                             " image_url = ?, language = ?, last_refreshed = ? WHERE id = ?"));
    q.addBindValue(text(p.title));
    q.addBindValue(urlText(p.link));
    q.addBindValue(text(p.description));
    q.addBindValue(text(p.author));
    q.addBindValue(urlText(p.imageUrl));
    q.addBindValue(text(p.language));
    q.addBindValue(QDateTime::currentSecsSinceEpoch());
    q.addBindValue(podcastId);
    if (!exec(q) || q.numRowsAffected() != 1 || !writeFeed(podcastId, feed, result) ||
        !database.commit()) {
        database.rollback();
        if (!result.error.isError())
            result.error =
                m_lastError.isError()
                    ? m_lastError
                    : Error::make(Error::Kind::Storage, p.feedUrl,
                                  QStringLiteral("No podcast with id %1.").arg(podcastId));
        result.added = result.updated = 0;
        return result;
    }
    Q_EMIT podcastsChanged();
    Q_EMIT episodesChanged(podcastId);
    return result;
}

bool Library::writeFeed(qint64 podcastId, const Feed &feed, MergeResult &result)
{
    QSqlDatabase database = db();
    QSqlQuery find(database);
    find.prepare(QStringLiteral("SELECT id FROM episodes WHERE podcast_id = ? AND identity = ?"));
    QSqlQuery insert(database);
    insert.prepare(
        QStringLiteral("INSERT INTO episodes (podcast_id, identity, guid, title, link, published, "
                       "duration, summary,"
                       " notes_html, image_url, enclosure_url, enclosure_type, enclosure_length)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    // Listening state (position_ms, played, last_played_at) is deliberately not in this list.
    QSqlQuery update(database);
    update.prepare(QStringLiteral("UPDATE episodes SET guid = ?, title = ?, link = ?, published = "
                                  "?, duration = ?, summary = ?,"
                                  " notes_html = ?, image_url = ?, enclosure_url = ?, "
                                  "enclosure_type = ?, enclosure_length = ?"
                                  " WHERE id = ?"));

    QSet<QString> seen;
    for (const Episode &e : feed.episodes) {
        const QString identity = e.identity();
        if (identity.isEmpty() || seen.contains(identity))
            continue; // a feed that repeats an item keeps its first occurrence
        seen.insert(identity);

        find.addBindValue(podcastId);
        find.addBindValue(text(identity));
        if (!exec(find))
            return false;
        const bool known = find.next();
        const qint64 existingId = known ? find.value(0).toLongLong() : 0;
        find.finish();

        QSqlQuery &q = known ? update : insert;
        if (!known) {
            q.addBindValue(podcastId);
            q.addBindValue(text(identity));
        }
        q.addBindValue(text(e.guid));
        q.addBindValue(text(e.title));
        q.addBindValue(urlText(e.link));
        q.addBindValue(toUnix(e.published));
        q.addBindValue(e.durationSecs);
        q.addBindValue(text(e.summary));
        q.addBindValue(text(e.notesHtml));
        q.addBindValue(urlText(e.imageUrl));
        q.addBindValue(urlText(e.enclosure.url));
        q.addBindValue(text(e.enclosure.mimeType));
        q.addBindValue(e.enclosure.length);
        if (known)
            q.addBindValue(existingId);
        if (!exec(q))
            return false;
        if (known)
            ++result.updated;
        else
            ++result.added;
    }
    return true;
}

bool Library::removePodcast(qint64 id)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM podcasts WHERE id = ?"));
    q.addBindValue(id);
    if (!exec(q) || q.numRowsAffected() != 1)
        return false;
    Q_EMIT podcastsChanged();
    return true;
}

QList<Episode> Library::episodes(qint64 podcastId, int limit, int offset) const
{
    QList<Episode> result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM episodes WHERE podcast_id = ?"
                             " ORDER BY published DESC, id DESC LIMIT ? OFFSET ?")
                  .arg(QLatin1String(kEpisodeListColumns)));
    q.addBindValue(podcastId);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!exec(q))
        return result;
    while (q.next())
        result.append(episodeFromRow(q));
    return result;
}

std::optional<Episode> Library::episode(qint64 id) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT %1, notes_html FROM episodes WHERE id = ?")
                  .arg(QLatin1String(kEpisodeListColumns)));
    q.addBindValue(id);
    if (!exec(q) || !q.next())
        return std::nullopt;
    Episode e = episodeFromRow(q);
    e.notesHtml = q.value(14).toString();
    return e;
}

std::optional<qint64> Library::episodeIdForEnclosureUrl(const QUrl &url) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT id FROM episodes WHERE enclosure_url = ? LIMIT 1"));
    q.addBindValue(urlText(url));
    if (!exec(q) || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

QList<qint64> Library::queue() const
{
    QList<qint64> ids;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT episode_id FROM queue ORDER BY ordinal"))) {
        setStorageError(QStringLiteral("Cannot read the queue: %1").arg(q.lastError().text()));
        return ids;
    }
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

bool Library::setQueue(const QList<qint64> &episodeIds)
{
    QSqlDatabase database = db();
    if (!database.transaction())
        return false;
    QSqlQuery clear(database);
    QSqlQuery insert(database);
    insert.prepare(QStringLiteral("INSERT OR IGNORE INTO queue (episode_id, ordinal)"
                                  " SELECT id, ? FROM episodes WHERE id = ?"));
    bool ok = clear.exec(QStringLiteral("DELETE FROM queue"));
    for (qsizetype i = 0; ok && i < episodeIds.size(); ++i) {
        insert.addBindValue(qint64(i));
        insert.addBindValue(episodeIds.at(i));
        ok = exec(insert);
    }
    if (!ok || !database.commit()) {
        database.rollback();
        return false;
    }
    Q_EMIT queueChanged();
    return true;
}

std::optional<double> Library::podcastPlaybackRate(qint64 podcastId) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT playback_rate FROM podcasts WHERE id = ?"));
    q.addBindValue(podcastId);
    if (!exec(q) || !q.next() || q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toDouble();
}

bool Library::setPodcastPlaybackRate(qint64 podcastId, std::optional<double> rate)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE podcasts SET playback_rate = ? WHERE id = ?"));
    q.addBindValue(rate ? QVariant(*rate) : QVariant(QMetaType::fromType<double>()));
    q.addBindValue(podcastId);
    return exec(q) && q.numRowsAffected() == 1;
}

bool Library::savePosition(qint64 episodeId, qint64 positionMs)
{
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("UPDATE episodes SET position_ms = ?, last_played_at = ? WHERE id = ?"));
    q.addBindValue(qMax<qint64>(0, positionMs));
    q.addBindValue(QDateTime::currentSecsSinceEpoch());
    q.addBindValue(episodeId);
    if (!exec(q) || q.numRowsAffected() != 1)
        return false;
    QSqlQuery state(db());
    state.prepare(QStringLiteral("SELECT played FROM episodes WHERE id = ?"));
    state.addBindValue(episodeId);
    const bool played = exec(state) && state.next() && state.value(0).toBool();
    Q_EMIT episodeStateChanged(episodeId, positionMs, played);
    return true;
}

bool Library::setPlayed(qint64 episodeId, bool played)
{
    QSqlQuery q(db());
    // A played episode starts again from the top next time.
    q.prepare(QStringLiteral("UPDATE episodes SET played = ?, position_ms = CASE WHEN ? THEN 0"
                             " ELSE position_ms END WHERE id = ?"));
    q.addBindValue(played ? 1 : 0);
    q.addBindValue(played ? 1 : 0);
    q.addBindValue(episodeId);
    if (!exec(q) || q.numRowsAffected() != 1)
        return false;
    QSqlQuery state(db());
    state.prepare(QStringLiteral("SELECT position_ms FROM episodes WHERE id = ?"));
    state.addBindValue(episodeId);
    const qint64 position = exec(state) && state.next() ? state.value(0).toLongLong() : 0;
    Q_EMIT episodeStateChanged(episodeId, position, played);
    return true;
}

std::optional<Library::ChaptersDocument> Library::chaptersDocument(qint64 episodeId) const
{
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("SELECT url, body, fetched_at FROM chapter_documents WHERE episode_id = ?"));
    q.addBindValue(episodeId);
    if (!exec(q) || !q.next())
        return std::nullopt;
    return ChaptersDocument{textUrl(q.value(0).toString()), q.value(1).toByteArray(),
                            fromUnix(q.value(2).toLongLong())};
}

bool Library::saveChaptersDocument(qint64 episodeId, const QUrl &url, const QByteArray &body,
                                   const QDateTime &fetchedAt)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO chapter_documents (episode_id, url, body, fetched_at)"
                             " VALUES (?, ?, ?, ?)"
                             " ON CONFLICT(episode_id) DO UPDATE SET url = excluded.url,"
                             " body = excluded.body, fetched_at = excluded.fetched_at"));
    q.addBindValue(episodeId);
    q.addBindValue(urlText(url));
    // A null QByteArray would bind as SQL NULL.
    q.addBindValue(body.isNull() ? QByteArray("") : body);
    q.addBindValue(toUnix(fetchedAt));
    return exec(q);
}

QString Library::setting(const QString &key, const QString &fallback) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(text(key));
    if (!exec(q) || !q.next())
        return fallback;
    return q.value(0).toString();
}

bool Library::setSetting(const QString &key, const QString &value)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"
                             " ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(text(key));
    q.addBindValue(text(value));
    return exec(q);
}

bool Library::logError(const Error &error, qint64 podcastId)
{
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("INSERT INTO error_log (at, kind, podcast_id, url, http_status, message)"
                       " VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(toUnix(error.when));
    q.addBindValue(Error::kindName(error.kind));
    q.addBindValue(podcastId > 0 ? QVariant(podcastId) : QVariant());
    q.addBindValue(urlText(error.url));
    q.addBindValue(error.httpStatus);
    q.addBindValue(text(error.message));
    return exec(q);
}

QList<Error> Library::recentErrors(int limit) const
{
    QList<Error> result;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT at, kind, url, http_status, message FROM error_log"
                             " ORDER BY at DESC, id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!exec(q))
        return result;
    while (q.next()) {
        Error e;
        e.when = fromUnix(q.value(0).toLongLong());
        const QString kind = q.value(1).toString();
        for (auto k :
             {Error::Kind::Network, Error::Kind::Http, Error::Kind::NotAFeed, Error::Kind::Storage,
              Error::Kind::Playback, Error::Kind::Duplicate, Error::Kind::InvalidInput}) {
            if (Error::kindName(k) == kind)
                e.kind = k;
        }
        e.url = textUrl(q.value(2).toString());
        e.httpStatus = q.value(3).toInt();
        e.message = q.value(4).toString();
        result.append(e);
    }
    return result;
}

} // namespace sidecast
