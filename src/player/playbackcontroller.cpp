#include "playbackcontroller.h"

#include "storage/library.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcPlayer)

namespace sidecast {

namespace {

bool isReady(MediaBackend::Status status)
{
    return status == MediaBackend::Status::Loaded || status == MediaBackend::Status::Buffered ||
           status == MediaBackend::Status::Buffering;
}

} // namespace

PlaybackController::PlaybackController(MediaBackend *backend, Library *library, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_library(library)
{
    Q_ASSERT(backend && library);
    m_saveTimer.setInterval(kSaveIntervalMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &PlaybackController::savePosition);

    connect(backend, &MediaBackend::positionChanged, this, [this] {
        if (m_pendingSeekMs < 0)
            Q_EMIT positionChanged();
    });
    connect(backend, &MediaBackend::durationChanged, this, &PlaybackController::durationChanged);
    connect(backend, &MediaBackend::stateChanged, this, [this](MediaBackend::State state) {
        if (state == MediaBackend::State::Playing)
            m_saveTimer.start();
        else
            m_saveTimer.stop();
        Q_EMIT playingChanged();
    });
    connect(backend, &MediaBackend::statusChanged, this, &PlaybackController::onStatusChanged);
    connect(backend, &MediaBackend::seekableChanged, this, [this] { applyPendingSeek(); });
    connect(backend, &MediaBackend::errorOccurred, this, &PlaybackController::onError);
}

PlaybackController::~PlaybackController()
{
    savePosition();
}

bool PlaybackController::isPlaying() const
{
    return m_backend && m_backend->state() == MediaBackend::State::Playing;
}

bool PlaybackController::isLoading() const
{
    if (!m_backend || !hasEpisode())
        return false;
    const auto status = m_backend->status();
    return status == MediaBackend::Status::Loading || status == MediaBackend::Status::Buffering;
}

qint64 PlaybackController::position() const
{
    if (m_pendingSeekMs >= 0)
        return m_pendingSeekMs;
    return m_backend ? m_backend->position() : 0;
}

qint64 PlaybackController::duration() const
{
    const qint64 reported = m_backend ? m_backend->duration() : 0;
    return reported > 0 ? reported : m_knownDurationMs;
}

qint64 PlaybackController::clampToDuration(qint64 ms) const
{
    const qint64 total = duration();
    ms = qMax<qint64>(0, ms);
    return total > 0 ? qMin(ms, total) : ms;
}

void PlaybackController::setRate(double rate)
{
    rate = qBound(0.5, rate, 3.0);
    if (qFuzzyCompare(rate, m_rate))
        return;
    m_rate = rate;
    if (m_backend)
        m_backend->setPlaybackRate(rate);
    Q_EMIT rateChanged();
}

void PlaybackController::setSkipBackSeconds(int seconds)
{
    seconds = qBound(1, seconds, 600);
    if (seconds == m_skipBackSeconds)
        return;
    m_skipBackSeconds = seconds;
    Q_EMIT skipIntervalsChanged();
}

void PlaybackController::setSkipForwardSeconds(int seconds)
{
    seconds = qBound(1, seconds, 600);
    if (seconds == m_skipForwardSeconds)
        return;
    m_skipForwardSeconds = seconds;
    Q_EMIT skipIntervalsChanged();
}

bool PlaybackController::loadEpisode(qint64 episodeId)
{
    if (!m_backend)
        return false;
    if (episodeId == m_episodeId && hasEpisode())
        return true;
    const std::optional<Episode> episode = m_library->episode(episodeId);
    if (!episode) {
        setErrorString(QStringLiteral("That episode is no longer in the library."));
        return false;
    }
    if (!episode->enclosure.isValid()) {
        setErrorString(QStringLiteral("“%1” has no audio to play.").arg(episode->title));
        return false;
    }
    savePosition();
    m_saveTimer.stop();

    const std::optional<Podcast> podcast = m_library->podcast(episode->podcastId);
    m_episodeId = episode->id;
    m_title = episode->title;
    m_podcastTitle = podcast ? podcast->title : QString();
    m_artworkUrl = !episode->imageUrl.isEmpty() ? episode->imageUrl
                                                 : (podcast ? podcast->imageUrl : QUrl());
    m_knownDurationMs = episode->durationSecs * 1000;
    // A finished episode starts again from the top; anything else resumes.
    m_pendingSeekMs = episode->played ? -1 : (episode->positionMs > 0 ? episode->positionMs : -1);
    m_wantPlay = false;
    setErrorString({});

    m_backend->setSource(episode->enclosure.url);
    m_backend->setPlaybackRate(m_rate);
    qCInfo(lcPlayer) << "loaded episode" << m_episodeId << "resume at" << m_pendingSeekMs;
    Q_EMIT episodeChanged();
    Q_EMIT durationChanged();
    Q_EMIT positionChanged();
    Q_EMIT loadingChanged();
    return true;
}

bool PlaybackController::playEpisode(qint64 episodeId)
{
    if (!loadEpisode(episodeId))
        return false;
    play();
    return true;
}

void PlaybackController::play()
{
    if (!m_backend || !hasEpisode())
        return;
    if (!m_errorString.isEmpty()) {
        // Try again from scratch after an error: reload the same source.
        const QUrl source = m_backend->source();
        setErrorString({});
        m_backend->setSource(QUrl());
        m_backend->setSource(source);
    }
    m_wantPlay = true;
    m_backend->play();
    applyPendingSeek();
}

void PlaybackController::pause()
{
    if (!m_backend)
        return;
    m_wantPlay = false;
    m_backend->pause();
    savePosition();
}

void PlaybackController::togglePlayPause()
{
    if (isPlaying())
        pause();
    else
        play();
}

void PlaybackController::seek(qint64 ms)
{
    if (!m_backend || !hasEpisode())
        return;
    ms = clampToDuration(ms);
    if (isReady(m_backend->status()) && m_backend->isSeekable()) {
        m_pendingSeekMs = -1;
        m_backend->setPosition(ms);
    } else {
        m_pendingSeekMs = ms; // applied as soon as the media is ready
    }
    Q_EMIT positionChanged();
    if (m_library)
        m_library->savePosition(m_episodeId, ms);
}

void PlaybackController::skipBack()
{
    seek(position() - qint64(m_skipBackSeconds) * 1000);
}

void PlaybackController::skipForward()
{
    seek(position() + qint64(m_skipForwardSeconds) * 1000);
}

void PlaybackController::savePosition()
{
    if (!m_backend || !hasEpisode())
        return;
    // Before the media is ready the backend reports 0: never let that overwrite a real position.
    const qint64 ms = position();
    if (m_pendingSeekMs < 0 && !isReady(m_backend->status()))
        return;
    m_library->savePosition(m_episodeId, ms);
}

void PlaybackController::applyPendingSeek()
{
    if (m_pendingSeekMs < 0 || !m_backend || !isReady(m_backend->status()) || !m_backend->isSeekable())
        return;
    const qint64 target = clampToDuration(m_pendingSeekMs);
    m_pendingSeekMs = -1;
    m_backend->setPosition(target);
    Q_EMIT positionChanged();
}

void PlaybackController::onStatusChanged(MediaBackend::Status status)
{
    Q_EMIT loadingChanged();
    if (isReady(status)) {
        applyPendingSeek();
        Q_EMIT durationChanged();
        return;
    }
    if (status == MediaBackend::Status::EndOfMedia && hasEpisode()) {
        m_saveTimer.stop();
        m_wantPlay = false;
        m_library->setPlayed(m_episodeId, true);
        Q_EMIT episodeFinished(m_episodeId);
        return;
    }
    if (status == MediaBackend::Status::Invalid && m_errorString.isEmpty())
        onError(m_backend->errorString());
}

void PlaybackController::onError(const QString &message)
{
    m_saveTimer.stop();
    m_wantPlay = false;
    setErrorString(message.isEmpty() ? QStringLiteral("This episode could not be played.") : message);
    Q_EMIT playingChanged();
}

void PlaybackController::setErrorString(const QString &message)
{
    if (m_errorString == message)
        return;
    m_errorString = message;
    Q_EMIT errorStringChanged();
}

} // namespace sidecast
