#include "library.h"

#include "jsoncolumns.h"
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

// Tri-state flags are NULL when the feed does not say.
QVariant flag(const std::optional<bool> &value)
{
    return value ? QVariant(*value ? 1 : 0) : QVariant(QMetaType::fromType<int>());
}

std::optional<bool> flag(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toInt() != 0;
}

constexpr auto kPodcastColumns =
    "p.id, p.feed_url, p.title, p.link, p.description, p.author, p.image_url, p.language,"
    " p.added_at, p.last_refreshed,"
    " (SELECT COUNT(*) FROM episodes e WHERE e.podcast_id = p.id),"
    " (SELECT COUNT(*) FROM episodes e WHERE e.podcast_id = p.id AND e.played = 0),"
    " p.description_html, p.subtitle, p.owner_name, p.owner_email, p.categories, p.explicit,"
    " p.show_type, p.locked, p.podcast_guid, p.medium, p.funding, p.persons, p.new_feed_url,"
    " p.self_url, p.paged_feed_next, p.ended, p.needs_credentials, p.last_error";

// What a feed says about the show, in the order bindPodcastFeedColumns binds them.
constexpr auto kPodcastFeedColumns =
    "title, link, description, author, image_url, language, description_html, subtitle,"
    " owner_name, owner_email, categories, explicit, show_type, locked, podcast_guid, medium,"
    " funding, persons, new_feed_url, self_url, paged_feed_next";
constexpr int kPodcastFeedColumnCount = 21;

void bindPodcastFeedColumns(QSqlQuery &q, const Podcast &p)
{
    q.addBindValue(text(p.title));
    q.addBindValue(urlText(p.link));
    q.addBindValue(text(p.description));
    q.addBindValue(text(p.author));
    q.addBindValue(urlText(p.imageUrl));
    q.addBindValue(text(p.language));
    q.addBindValue(text(p.descriptionHtml));
    q.addBindValue(text(p.subtitle));
    q.addBindValue(text(p.ownerName));
    q.addBindValue(text(p.ownerEmail));
    q.addBindValue(storage::toJsonColumn(p.categories));
    q.addBindValue(flag(p.explicitContent));
    q.addBindValue(text(p.showType));
    q.addBindValue(flag(p.locked));
    q.addBindValue(text(p.podcastGuid));
    q.addBindValue(text(p.medium));
    q.addBindValue(storage::toJsonColumn(p.funding));
    q.addBindValue(storage::toJsonColumn(p.persons));
    q.addBindValue(urlText(p.newFeedUrl));
    q.addBindValue(urlText(p.selfUrl));
    q.addBindValue(urlText(p.pagedFeedNext));
}

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
    p.descriptionHtml = q.value(12).toString();
    p.subtitle = q.value(13).toString();
    p.ownerName = q.value(14).toString();
    p.ownerEmail = q.value(15).toString();
    storage::fromJsonColumn(q.value(16).toString(), p.categories);
    p.explicitContent = flag(q.value(17));
    p.showType = q.value(18).toString();
    p.locked = flag(q.value(19));
    p.podcastGuid = q.value(20).toString();
    p.medium = q.value(21).toString();
    storage::fromJsonColumn(q.value(22).toString(), p.funding);
    storage::fromJsonColumn(q.value(23).toString(), p.persons);
    p.newFeedUrl = textUrl(q.value(24).toString());
    p.selfUrl = textUrl(q.value(25).toString());
    p.pagedFeedNext = textUrl(q.value(26).toString());
    p.ended = q.value(27).toBool();
    p.needsCredentials = q.value(28).toBool();
    p.lastError = q.value(29).toString();
    return p;
}

// Columns shared by the episode list and the single-episode query; notes and lists come last
// (kEpisodeDetailColumns) so the list query can leave them out.
constexpr auto kEpisodeListColumns =
    "id, podcast_id, guid, title, link, published, duration, image_url, enclosure_url,"
    " enclosure_type, enclosure_length, position_ms, played, summary, subtitle, author, season,"
    " episode_number, episode_type, explicit, starred, download_path";
constexpr auto kEpisodeDetailColumns =
    "notes_html, enclosures, chapters_url, chapters_type, chapters, transcripts, persons,"
    " soundbites, alternate_enclosures";

// What a feed says about an episode, in the order bindEpisodeFeedColumns binds them. Listening
// state (position_ms, played, last_played_at) is deliberately not among them.
constexpr auto kEpisodeFeedColumns =
    "guid, title, link, published, duration, summary, notes_html, image_url, enclosure_url,"
    " enclosure_type, enclosure_length, subtitle, author, season, episode_number, episode_type,"
    " explicit, enclosures, chapters_url, chapters_type, chapters, transcripts, persons,"
    " soundbites, alternate_enclosures";
constexpr int kEpisodeFeedColumnCount = 25;

// The values of kEpisodeFeedColumns for an episode, in order.
QVariantList episodeFeedValues(const Episode &e)
{
    QVariantList v;
    v.reserve(kEpisodeFeedColumnCount);
    v.append(QVariant(text(e.guid)));
    v.append(QVariant(text(e.title)));
    v.append(QVariant(urlText(e.link)));
    v.append(QVariant(toUnix(e.published)));
    v.append(QVariant(e.durationSecs));
    v.append(QVariant(text(e.summary)));
    v.append(QVariant(text(e.notesHtml)));
    v.append(QVariant(urlText(e.imageUrl)));
    v.append(QVariant(urlText(e.enclosure.url)));
    v.append(QVariant(text(e.enclosure.mimeType)));
    v.append(QVariant(e.enclosure.length));
    v.append(QVariant(text(e.subtitle)));
    v.append(QVariant(text(e.author)));
    v.append(QVariant(e.season));
    v.append(QVariant(e.episodeNumber));
    v.append(QVariant(text(e.episodeType)));
    v.append(QVariant(flag(e.explicitContent)));
    v.append(QVariant(storage::toJsonColumn(e.enclosures)));
    v.append(QVariant(urlText(e.chaptersUrl)));
    v.append(QVariant(text(e.chaptersType)));
    v.append(QVariant(storage::toJsonColumn(e.chapters)));
    v.append(QVariant(storage::toJsonColumn(e.transcripts)));
    v.append(QVariant(storage::toJsonColumn(e.persons)));
    v.append(QVariant(storage::toJsonColumn(e.soundbites)));
    v.append(QVariant(storage::toJsonColumn(e.alternateEnclosures)));
    return v;
}

void bindEpisodeFeedColumns(QSqlQuery &q, const Episode &e)
{
    for (const QVariant &value : episodeFeedValues(e))
        q.addBindValue(value);
}

// "?, ?, …" for an INSERT, "a = ?, b = ?, …" for an UPDATE.
QString placeholders(int count)
{
    QStringList marks;
    for (int i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

QString assignments(const char *columns)
{
    QStringList parts = QString::fromLatin1(columns).split(QLatin1Char(','));
    for (QString &part : parts)
        part = part.trimmed() + QStringLiteral(" = ?");
    return parts.join(QStringLiteral(", "));
}

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
    e.subtitle = q.value(14).toString();
    e.author = q.value(15).toString();
    e.season = q.value(16).toInt();
    e.episodeNumber = q.value(17).toDouble();
    e.episodeType = q.value(18).toString();
    e.explicitContent = flag(q.value(19));
    e.starred = q.value(20).toBool();
    e.downloadPath = q.value(21).toString();
    return e;
}

// The kEpisodeDetailColumns that follow the list columns in a single-episode query.
// Where the detail columns start in a query that selects list columns then detail columns, and
// where what follows them starts.
constexpr int kEpisodeDetailFirstColumn = 22;
constexpr int kEpisodeIdentityColumn = kEpisodeDetailFirstColumn + 9;

void readEpisodeDetails(const QSqlQuery &q, Episode &e)
{
    constexpr int first = kEpisodeDetailFirstColumn;
    e.notesHtml = q.value(first).toString();
    storage::fromJsonColumn(q.value(first + 1).toString(), e.enclosures);
    e.chaptersUrl = textUrl(q.value(first + 2).toString());
    e.chaptersType = q.value(first + 3).toString();
    storage::fromJsonColumn(q.value(first + 4).toString(), e.chapters);
    storage::fromJsonColumn(q.value(first + 5).toString(), e.transcripts);
    storage::fromJsonColumn(q.value(first + 6).toString(), e.persons);
    storage::fromJsonColumn(q.value(first + 7).toString(), e.soundbites);
    storage::fromJsonColumn(q.value(first + 8).toString(), e.alternateEnclosures);
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

Library::MergeResult Library::addPodcast(const Feed &feed, const RefreshMark &mark)
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
    q.prepare(QStringLiteral("INSERT INTO podcasts (feed_url, %1, added_at, last_refreshed)"
                             " VALUES (?, %2, ?, ?)")
                  .arg(QLatin1String(kPodcastFeedColumns), placeholders(kPodcastFeedColumnCount)));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    q.addBindValue(urlText(p.feedUrl));
    bindPodcastFeedColumns(q, p);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!exec(q)) {
        database.rollback();
        result.error = m_lastError;
        return result;
    }
    result.podcastId = q.lastInsertId().toLongLong();
    RefreshMark validators = mark;
    validators.movedTo = QUrl(); // a new subscription is stored where it was asked for
    if (!writeMark(result.podcastId, validators) ||
        !writeFeed(result.podcastId, feed, true, result) || !database.commit()) {
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

Library::MergeResult Library::mergeFeed(qint64 podcastId, const Feed &feed, const RefreshMark &mark)
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
    q.prepare(QStringLiteral("UPDATE podcasts SET %1, last_refreshed = ? WHERE id = ?")
                  .arg(assignments(kPodcastFeedColumns)));
    bindPodcastFeedColumns(q, p);
    q.addBindValue(QDateTime::currentSecsSinceEpoch());
    q.addBindValue(podcastId);
    if (!exec(q) || q.numRowsAffected() != 1 || !writeMark(podcastId, mark) ||
        !writeFeed(podcastId, feed, false, result) || !database.commit()) {
        database.rollback();
        if (!result.error.isError())
            result.error =
                m_lastError.isError()
                    ? m_lastError
                    : Error::make(Error::Kind::Storage, p.feedUrl,
                                  QStringLiteral("No podcast with id %1.").arg(podcastId));
        result.added = result.updated = result.unchanged = result.removed = 0;
        return result;
    }
    Q_EMIT podcastsChanged();
    Q_EMIT episodesChanged(podcastId);
    return result;
}

bool Library::writeMark(qint64 podcastId, const RefreshMark &mark)
{
    QSqlDatabase database = db();
    QSqlQuery q(database);
    q.prepare(QStringLiteral("UPDATE podcasts SET etag = ?, last_modified = ?, body_hash = ?,"
                             " last_checked = ?, last_error = '', failures = 0, ended = 0,"
                             " needs_credentials = 0 WHERE id = ?"));
    q.addBindValue(text(QString::fromLatin1(mark.etag)));
    q.addBindValue(text(QString::fromLatin1(mark.lastModified)));
    q.addBindValue(text(QString::fromLatin1(mark.bodyHash)));
    q.addBindValue(QDateTime::currentSecsSinceEpoch());
    q.addBindValue(podcastId);
    if (!exec(q))
        return false;
    if (mark.movedTo.isEmpty())
        return true;
    // Another subscription may already live at the new address; then this one stays put.
    QSqlQuery move(database);
    move.prepare(QStringLiteral("UPDATE podcasts SET feed_url = ? WHERE id = ? AND NOT EXISTS"
                                " (SELECT 1 FROM podcasts WHERE feed_url = ? AND id <> ?)"));
    move.addBindValue(urlText(mark.movedTo));
    move.addBindValue(podcastId);
    move.addBindValue(urlText(mark.movedTo));
    move.addBindValue(podcastId);
    if (!exec(move))
        return false;
    if (move.numRowsAffected() == 1)
        qCInfo(lcStorage) << "podcast" << podcastId << "moved to" << mark.movedTo;
    return true;
}

namespace {

// An episode row as the merge needs it.
struct StoredEpisode
{
    qint64 id = 0;
    QString identity;
    Episode data;
    bool inQueue = false;
    bool matched = false;
    bool keep() const { return data.hasUserState() || inQueue; }
};

// The feed data of an episode as stored, compared column by column so an unchanged episode
// costs no write.
bool sameFeedData(const Episode &a, const Episode &b)
{
    return episodeFeedValues(a) == episodeFeedValues(b);
}

QString titleDateKey(const Episode &e)
{
    if (e.title.isEmpty() || !e.published.isValid())
        return {};
    return QString::number(toUnix(e.published)) + QLatin1Char('\n') + e.title;
}

// Maps a key to the one stored episode that has it; a key two episodes share identifies neither.
class UniqueIndex
{
public:
    void add(const QString &key, qsizetype row)
    {
        if (key.isEmpty())
            return;
        auto it = m_rows.find(key);
        if (it == m_rows.end())
            m_rows.insert(key, row);
        else
            *it = -1;
    }
    qsizetype find(const QString &key) const { return key.isEmpty() ? -1 : m_rows.value(key, -1); }

private:
    QHash<QString, qsizetype> m_rows;
};

} // namespace

bool Library::writeFeed(qint64 podcastId, const Feed &feed, bool isNew, MergeResult &result)
{
    QSqlDatabase database = db();

    // What the library holds for this podcast (nothing for a new subscription).
    QList<StoredEpisode> stored;
    if (!isNew) {
        QSqlQuery load(database);
        load.setForwardOnly(true);
        load.prepare(
            QStringLiteral("SELECT %1, %2, identity,"
                           " EXISTS (SELECT 1 FROM queue WHERE episode_id = episodes.id)"
                           " FROM episodes WHERE podcast_id = ?")
                .arg(QLatin1String(kEpisodeListColumns), QLatin1String(kEpisodeDetailColumns)));
        load.addBindValue(podcastId);
        if (!exec(load))
            return false;
        while (load.next()) {
            StoredEpisode row;
            row.data = episodeFromRow(load);
            readEpisodeDetails(load, row.data);
            row.id = row.data.id;
            row.identity = load.value(kEpisodeIdentityColumn).toString();
            row.inQueue = load.value(kEpisodeIdentityColumn + 1).toBool();
            stored.append(std::move(row));
        }
    }
    UniqueIndex byGuid, byEnclosure, byIdentity, byTitleDate;
    QSet<QString> takenIdentities;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const StoredEpisode &row = stored.at(i);
        byGuid.add(row.data.guid, i);
        byEnclosure.add(urlText(row.data.enclosure.url), i);
        byIdentity.add(row.identity, i);
        byTitleDate.add(titleDateKey(row.data), i);
        takenIdentities.insert(row.identity);
    }

    // A guid the feed gives to different media files identifies none of them: those items are
    // recognised by their enclosure instead. A guid repeated for the same file is a repeated item.
    QHash<QString, QString> mediaOfGuid;
    QSet<QString> ambiguousGuids;
    for (const Episode &e : feed.episodes) {
        if (e.guid.isEmpty())
            continue;
        const QString media = urlText(e.enclosure.url);
        auto it = mediaOfGuid.constFind(e.guid);
        if (it == mediaOfGuid.constEnd())
            mediaOfGuid.insert(e.guid, media);
        else if (*it != media)
            ambiguousGuids.insert(e.guid);
    }
    auto identityOf = [&ambiguousGuids](const Episode &e) -> QString {
        if (!ambiguousGuids.contains(e.guid))
            return e.identity();
        Episode plain = e;
        plain.guid.clear();
        return plain.identity();
    };
    QList<Episode> items;
    items.reserve(feed.episodes.size());
    QSet<QString> seen;
    for (const Episode &e : feed.episodes) {
        const QString identity = identityOf(e);
        if (identity.isEmpty() || seen.contains(identity))
            continue; // a feed that repeats an item keeps its first occurrence
        seen.insert(identity);
        items.append(e);
    }

    // Match in rounds, strongest key first, so a weaker key never steals an episode a stronger
    // one would have claimed.
    QList<qsizetype> match(items.size(), -1);
    auto claim = [&](const UniqueIndex &index, auto keyOf) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (match[i] >= 0)
                continue;
            const qsizetype row = index.find(keyOf(items.at(i)));
            if (row >= 0 && !stored[row].matched) {
                stored[row].matched = true;
                match[i] = row;
            }
        }
    };
    if (!stored.isEmpty()) {
        claim(byGuid, [&](const Episode &e) -> QString {
            return ambiguousGuids.contains(e.guid) ? QString() : e.guid;
        });
        claim(byEnclosure, [](const Episode &e) -> QString { return urlText(e.enclosure.url); });
        claim(byIdentity, identityOf);
        claim(byTitleDate, [](const Episode &e) -> QString { return titleDateKey(e); });
    }

    // Episodes gone from the feed. An empty feed is more likely a broken server than a podcast
    // that deleted everything: it removes nothing.
    if (!items.isEmpty()) {
        QSqlQuery remove(database);
        remove.prepare(QStringLiteral("DELETE FROM episodes WHERE id = ?"));
        for (const StoredEpisode &row : std::as_const(stored)) {
            if (row.matched || row.keep())
                continue;
            remove.addBindValue(row.id);
            if (!exec(remove))
                return false;
            takenIdentities.remove(row.identity);
            ++result.removed;
        }
    }

    QSqlQuery insert(database);
    insert.prepare(
        QStringLiteral("INSERT INTO episodes (podcast_id, identity, %1) VALUES (?, ?, %2)")
            .arg(QLatin1String(kEpisodeFeedColumns), placeholders(kEpisodeFeedColumnCount)));
    // Listening state (position_ms, played, starred, download_path) is deliberately not here.
    QSqlQuery update(database);
    update.prepare(QStringLiteral("UPDATE episodes SET %1 WHERE id = ?")
                       .arg(assignments(kEpisodeFeedColumns)));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const Episode &e = items.at(i);
        const bool known = match[i] >= 0;
        if (known && sameFeedData(stored.at(match[i]).data, e)) {
            ++result.unchanged;
            continue;
        }
        QSqlQuery &q = known ? update : insert;
        if (!known) {
            // The identity column only keeps rows apart; it may be taken by an episode that
            // left the feed with listening state, or whose guid changed since.
            const QString base = identityOf(e);
            QString identity = base;
            for (int n = 2; takenIdentities.contains(identity); ++n)
                identity = base + QStringLiteral("\n#%1").arg(n);
            takenIdentities.insert(identity);
            q.addBindValue(podcastId);
            q.addBindValue(identity);
        }
        bindEpisodeFeedColumns(q, e);
        if (known)
            q.addBindValue(stored.at(match[i]).id);
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
    q.prepare(QStringLiteral("SELECT %1, %2 FROM episodes WHERE id = ?")
                  .arg(QLatin1String(kEpisodeListColumns), QLatin1String(kEpisodeDetailColumns)));
    q.addBindValue(id);
    if (!exec(q) || !q.next())
        return std::nullopt;
    Episode e = episodeFromRow(q);
    readEpisodeDetails(q, e);
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

namespace {

constexpr auto kRefreshStateColumns =
    "id, feed_url, title, etag, last_modified, body_hash, ended, needs_credentials,"
    " has_credentials, last_error <> ''";

Library::RefreshState refreshStateFromRow(const QSqlQuery &q)
{
    Library::RefreshState s;
    s.podcastId = q.value(0).toLongLong();
    s.feedUrl = textUrl(q.value(1).toString());
    s.title = q.value(2).toString();
    s.etag = q.value(3).toString().toLatin1();
    s.lastModified = q.value(4).toString().toLatin1();
    s.bodyHash = q.value(5).toString().toLatin1();
    s.ended = q.value(6).toBool();
    s.needsCredentials = q.value(7).toBool();
    s.hasCredentials = q.value(8).toBool();
    s.failing = q.value(9).toBool();
    return s;
}

} // namespace

QList<Library::RefreshState> Library::refreshStates(bool includeEnded) const
{
    QList<RefreshState> result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM podcasts %2 ORDER BY id")
                  .arg(QLatin1String(kRefreshStateColumns),
                       includeEnded ? QString() : QStringLiteral("WHERE ended = 0")));
    if (!exec(q))
        return result;
    while (q.next())
        result.append(refreshStateFromRow(q));
    return result;
}

std::optional<Library::RefreshState> Library::refreshState(qint64 podcastId) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT %1 FROM podcasts WHERE id = ?")
                  .arg(QLatin1String(kRefreshStateColumns)));
    q.addBindValue(podcastId);
    if (!exec(q) || !q.next())
        return std::nullopt;
    return refreshStateFromRow(q);
}

bool Library::markRefreshed(qint64 podcastId, const RefreshMark &mark)
{
    QSqlDatabase database = db();
    if (!database.transaction())
        return false;
    if (!writeMark(podcastId, mark) || !database.commit()) {
        database.rollback();
        return false;
    }
    return true;
}

bool Library::markRefreshFailed(qint64 podcastId, const Error &error, bool ended,
                                bool needsCredentials)
{
    QSqlDatabase database = db();
    if (!database.transaction())
        return false;
    QSqlQuery q(database);
    q.prepare(QStringLiteral("UPDATE podcasts SET last_checked = ?, last_error = ?,"
                             " failures = failures + 1, ended = ended OR ?,"
                             " needs_credentials = ? WHERE id = ?"));
    q.addBindValue(QDateTime::currentSecsSinceEpoch());
    q.addBindValue(text(error.message));
    q.addBindValue(ended ? 1 : 0);
    q.addBindValue(needsCredentials ? 1 : 0);
    q.addBindValue(podcastId);
    if (!exec(q) || !logError(error, podcastId) || !database.commit()) {
        database.rollback();
        return false;
    }
    return true;
}

bool Library::setHasCredentials(qint64 podcastId, bool has)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE podcasts SET has_credentials = ?,"
                             " needs_credentials = needs_credentials AND NOT ? WHERE id = ?"));
    q.addBindValue(has ? 1 : 0);
    q.addBindValue(has ? 1 : 0);
    q.addBindValue(podcastId);
    return exec(q) && q.numRowsAffected() == 1;
}

void Library::announceChanges(const QList<qint64> &podcastIds)
{
    if (podcastIds.isEmpty())
        return;
    Q_EMIT podcastsChanged();
    for (qint64 id : podcastIds)
        Q_EMIT episodesChanged(id);
}

QList<Episode> Library::newEpisodes(int limit, int offset) const
{
    QList<Episode> result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM episodes INDEXED BY episodes_new"
                             " WHERE played = 0 AND position_ms = 0"
                             " ORDER BY published DESC, id DESC LIMIT ? OFFSET ?")
                  .arg(QLatin1String(kEpisodeListColumns)));
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!exec(q))
        return result;
    while (q.next())
        result.append(episodeFromRow(q));
    return result;
}

bool Library::setStarred(qint64 episodeId, bool starred)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE episodes SET starred = ? WHERE id = ?"));
    q.addBindValue(starred ? 1 : 0);
    q.addBindValue(episodeId);
    return exec(q) && q.numRowsAffected() == 1;
}

bool Library::setDownloadPath(qint64 episodeId, const QString &path)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE episodes SET download_path = ? WHERE id = ?"));
    q.addBindValue(text(path));
    q.addBindValue(episodeId);
    return exec(q) && q.numRowsAffected() == 1;
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

Library::AudioEffects Library::podcastAudioEffects(qint64 podcastId) const
{
    AudioEffects effects;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT trim_silence, voice_boost FROM podcasts WHERE id = ?"));
    q.addBindValue(podcastId);
    if (exec(q) && q.next()) {
        effects.trimSilence = q.value(0).toInt() != 0;
        effects.voiceBoost = q.value(1).toInt() != 0;
    }
    return effects;
}

bool Library::setPodcastTrimSilence(qint64 podcastId, bool on)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE podcasts SET trim_silence = ? WHERE id = ?"));
    q.addBindValue(on ? 1 : 0);
    q.addBindValue(podcastId);
    return exec(q) && q.numRowsAffected() == 1;
}

bool Library::setPodcastVoiceBoost(qint64 podcastId, bool on)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE podcasts SET voice_boost = ? WHERE id = ?"));
    q.addBindValue(on ? 1 : 0);
    q.addBindValue(podcastId);
    return exec(q) && q.numRowsAffected() == 1;
}

qint64 Library::episodeSilenceSavedMs(qint64 episodeId) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT silence_saved_ms FROM episodes WHERE id = ?"));
    q.addBindValue(episodeId);
    return exec(q) && q.next() ? q.value(0).toLongLong() : 0;
}

qint64 Library::podcastSilenceSavedMs(qint64 podcastId) const
{
    QSqlQuery q(db());
    // episodes_by_podcast_date leads with podcast_id: no full scan.
    q.prepare(QStringLiteral(
        "SELECT COALESCE(SUM(silence_saved_ms), 0) FROM episodes WHERE podcast_id = ?"));
    q.addBindValue(podcastId);
    return exec(q) && q.next() ? q.value(0).toLongLong() : 0;
}

bool Library::addEpisodeSilenceSaved(qint64 episodeId, qint64 ms)
{
    if (ms <= 0)
        return true;
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("UPDATE episodes SET silence_saved_ms = silence_saved_ms + ? WHERE id = ?"));
    q.addBindValue(ms);
    q.addBindValue(episodeId);
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
    Q_EMIT playedChanged(episodeId, played);
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
        e.kind = Error::kindFromName(q.value(1).toString());
        e.url = textUrl(q.value(2).toString());
        e.httpStatus = q.value(3).toInt();
        e.message = q.value(4).toString();
        result.append(e);
    }
    return result;
}

QList<Library::ErrorLogEntry> Library::errorLog(int limit) const
{
    QList<ErrorLogEntry> result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT l.at, l.kind, l.url, l.http_status, l.message,"
                             " COALESCE(l.podcast_id, 0), COALESCE(p.title, '')"
                             " FROM error_log l LEFT JOIN podcasts p ON p.id = l.podcast_id"
                             " ORDER BY l.at DESC, l.id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!exec(q))
        return result;
    while (q.next()) {
        ErrorLogEntry entry;
        entry.error.when = fromUnix(q.value(0).toLongLong());
        entry.error.kind = Error::kindFromName(q.value(1).toString());
        entry.error.url = textUrl(q.value(2).toString());
        entry.error.httpStatus = q.value(3).toInt();
        entry.error.message = q.value(4).toString();
        entry.podcastId = q.value(5).toLongLong();
        entry.podcastTitle = q.value(6).toString();
        result.append(entry);
    }
    return result;
}

} // namespace sidecast
