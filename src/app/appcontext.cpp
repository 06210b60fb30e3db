#include "appcontext.h"

#include "core/error.h"
#include "core/notes/shownotes.h"
#include "core/opml/opml.h"
#include "core/time/duration.h"
#include "net/credentialstore.h"
#include "net/opmlimporter.h"
#include "net/refreshscheduler.h"
#include "net/subscriber.h"
#include "player/playbackcontroller.h"
#include "podcastlistmodel.h"
#include "storage/library.h"

#include <QFile>
#include <QJSEngine>
#include <QSaveFile>

namespace sidecast {

namespace {
AppContext *s_instance = nullptr;
}

AppContext::AppContext(Library *library, MediaBackend *backend, CredentialStore *credentials,
                       QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_podcasts(new PodcastListModel(library, this))
    , m_player(new PlaybackController(backend, library, this))
    , m_queue(new QueueModel(library, m_player, this))
    , m_sleepTimer(new SleepTimer(m_player, library, this))
    , m_chapterProvider(new ChapterProvider(library, this))
    , m_chapters(new ChapterController(m_player, m_chapterProvider, this))
    , m_subscriber(new Subscriber(library, this))
    , m_importer(new OpmlImporter(library, this))
    , m_credentials(credentials ? credentials : new MemoryCredentialStore(this))
    , m_refresher(new Refresher(library, m_credentials, this))
    , m_scheduler(new RefreshScheduler(library, m_refresher, this))
    , m_errorLog(new ErrorLogModel(library, this))
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    // "Sleep at the end of the chapter" ends with the listed chapter playing.
    m_sleepTimer->setChapterEndProvider([this] { return m_chapters->chapterEndMs(); });
    connect(m_chapters, &ChapterController::chaptersChanged, m_sleepTimer,
            &SleepTimer::updateChapterEnd);
    connect(m_subscriber, &Subscriber::pendingChanged, this, &AppContext::subscribingChanged);
    connect(m_subscriber, &Subscriber::subscribed, this, &AppContext::subscribed);
    connect(m_subscriber, &Subscriber::failed, this, &AppContext::onSubscribeFailed);
    connect(m_importer, &OpmlImporter::progress, this, &AppContext::importingChanged);
    connect(m_importer, &OpmlImporter::finished, this, [this](const OpmlImporter::Report &report) {
        Q_EMIT importingChanged();
        if (!report.error.isEmpty()) {
            Q_EMIT opmlImported(report.error);
            return;
        }
        QStringList lines;
        lines << (report.added.size() == 1 ? tr("Added 1 podcast.")
                                           : tr("Added %1 podcasts.").arg(report.added.size()));
        for (const Opml::Skipped &s : report.skipped)
            lines << tr("Skipped “%1”: %2.").arg(s.what, s.reason);
        for (const auto &[entry, error] : report.failed)
            lines << tr("Could not add “%1”: %2")
                         .arg(entry.title.isEmpty() ? entry.feedUrl.toDisplayString() : entry.title,
                              error.message);
        Q_EMIT opmlImported(lines.join(QLatin1Char('\n')));
    });
    connect(m_refresher, &Refresher::finished, m_errorLog, &ErrorLogModel::reload);
    connect(m_refresher, &Refresher::credentialsRequired, this,
            [this](qint64 podcastId, const QString &title, const QUrl &url) {
                Q_EMIT credentialsRequested(podcastId, title, url.toDisplayString());
            });
}

AppContext::~AppContext()
{
    if (s_instance == this)
        s_instance = nullptr;
}

AppContext *AppContext::instance()
{
    return s_instance;
}

AppContext *AppContext::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

bool AppContext::isSubscribing() const
{
    return m_subscriber->pending() > 0;
}

QString AppContext::libraryDirectory() const
{
    return m_library->directory();
}

bool AppContext::addPodcast(const QString &text)
{
    QString why;
    const QUrl url = Subscriber::normalizeInput(text, &why);
    if (!url.isValid()) {
        Q_EMIT subscribeFailed(why);
        return false;
    }
    m_subscriber->subscribe(url);
    return true;
}

void AppContext::onSubscribeFailed(const Error &error)
{
    if (error.kind != Error::Kind::Duplicate && error.kind != Error::Kind::InvalidInput)
        m_library->logError(error);
    m_errorLog->reload();
    Q_EMIT subscribeFailed(error.message);
}

bool AppContext::removePodcast(qint64 podcastId)
{
    if (m_player->episodeId() > 0) {
        if (auto e = m_library->episode(m_player->episodeId()); e && e->podcastId == podcastId)
            m_player->pause();
    }
    return m_library->removePodcast(podcastId);
}

void AppContext::importOpml(const QUrl &file)
{
    QFile in(file.isLocalFile() ? file.toLocalFile() : file.toString());
    if (!in.open(QIODevice::ReadOnly)) {
        Q_EMIT opmlImported(tr("Cannot read %1: %2").arg(in.fileName(), in.errorString()));
        return;
    }
    m_importer->import(in.readAll());
    Q_EMIT importingChanged();
}

bool AppContext::exportOpml(const QUrl &file)
{
    const QList<Podcast> podcasts = m_library->podcasts();
    const QByteArray bytes = Opml::writeSubscriptions(podcasts);
    QSaveFile out(file.isLocalFile() ? file.toLocalFile() : file.toString());
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        Q_EMIT opmlExported(tr("Cannot write %1: %2").arg(out.fileName(), out.errorString()));
        return false;
    }
    Q_EMIT opmlExported(tr("Exported %1 podcasts to %2.").arg(podcasts.size()).arg(out.fileName()));
    return true;
}

bool AppContext::isImporting() const
{
    return m_importer->isRunning();
}

void AppContext::setCredentials(qint64 podcastId, const QString &user, const QString &password)
{
    m_refresher->setCredentials(podcastId, Credentials{user, password});
}

bool AppContext::setPlayed(qint64 episodeId, bool played)
{
    return m_library->setPlayed(episodeId, played);
}

QString AppContext::formatTime(qint64 ms) const
{
    return timeutil::formatDuration(ms / 1000);
}

int AppContext::seekSecondsFromLink(const QString &link) const
{
    return int(ShowNotes::seekSeconds(QUrl(link)));
}

} // namespace sidecast
