#include "appcontext.h"

#include "core/error.h"
#include "core/notes/shownotes.h"
#include "core/time/duration.h"
#include "net/subscriber.h"
#include "player/playbackcontroller.h"
#include "podcastlistmodel.h"
#include "storage/library.h"

#include <QJSEngine>

namespace sidecast {

namespace {
AppContext *s_instance = nullptr;
}

AppContext::AppContext(Library *library, MediaBackend *backend, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_podcasts(new PodcastListModel(library, this))
    , m_player(new PlaybackController(backend, library, this))
    , m_queue(new QueueModel(library, m_player, this))
    , m_sleepTimer(new SleepTimer(m_player, library, this))
    , m_chapterProvider(new ChapterProvider(library, this))
    , m_chapters(new ChapterController(m_player, m_chapterProvider, this))
    , m_subscriber(new Subscriber(library, this))
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
