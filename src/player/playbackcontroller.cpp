#include "playbackcontroller.h"

#include "queue.h"
#include "storage/library.h"

#include <QLoggingCategory>

#include <cmath>

Q_DECLARE_LOGGING_CATEGORY(lcPlayer)

namespace sidecast {

namespace {

bool isReady(MediaBackend::Status status)
{
    return status == MediaBackend::Status::Loaded || status == MediaBackend::Status::Buffered ||
           status == MediaBackend::Status::Buffering;
}

// 0.5 .. 3.0 in steps of 0.1.
double normalizedRate(double rate)
{
    if (!std::isfinite(rate))
        return 1.0;
    return qBound(PlaybackController::kMinRate, std::round(rate * 10.0) / 10.0,
                  PlaybackController::kMaxRate);
}

namespace keys {
const auto rate = QStringLiteral("playback.rate");
const auto volume = QStringLiteral("playback.volume");
const auto muted = QStringLiteral("playback.muted");
const auto skipBack = QStringLiteral("playback.skip_back_seconds");
const auto skipForward = QStringLiteral("playback.skip_forward_seconds");
const auto playedThreshold = QStringLiteral("playback.played_threshold_seconds");
} // namespace keys

} // namespace

PlaybackController::PlaybackController(MediaBackend *backend, Library *library, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_library(library)
    , m_queue(new Queue(library, this))
{
    Q_ASSERT(backend && library);
    loadSettings();
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
    applyVolume();
}

PlaybackController::~PlaybackController()
{
    savePosition();
}

void PlaybackController::loadSettings()
{
    bool ok = false;
    const double rate = m_library->setting(keys::rate).toDouble(&ok);
    m_defaultRate = ok ? normalizedRate(rate) : 1.0;
    m_rate = m_defaultRate;
    const double volume = m_library->setting(keys::volume).toDouble(&ok);
    m_volume = ok ? qBound(0.0, volume, 1.0) : 1.0;
    m_muted = m_library->setting(keys::muted) == QLatin1String("1");
    const int back = m_library->setting(keys::skipBack).toInt(&ok);
    m_skipBackSeconds = ok ? qBound(1, back, 600) : 10;
    const int forward = m_library->setting(keys::skipForward).toInt(&ok);
    m_skipForwardSeconds = ok ? qBound(1, forward, 600) : 30;
    const int threshold = m_library->setting(keys::playedThreshold).toInt(&ok);
    m_playedThresholdSeconds = ok ? qBound(0, threshold, 600) : 30;
}

void PlaybackController::saveSetting(const QString &key, const QVariant &value)
{
    m_library->setSetting(key, value.toString());
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

void PlaybackController::applyRate(double rate)
{
    m_rate = rate;
    if (m_backend)
        m_backend->setPlaybackRate(rate);
    Q_EMIT rateChanged();
}

void PlaybackController::setRate(double rate)
{
    rate = normalizedRate(rate);
    if (qFuzzyCompare(rate, m_rate))
        return;
    if (m_rateIsPodcastOnly && m_podcastId > 0) {
        m_library->setPodcastPlaybackRate(m_podcastId, rate);
    } else {
        m_defaultRate = rate;
        saveSetting(keys::rate, rate);
    }
    applyRate(rate);
}

void PlaybackController::setRateIsPodcastOnly(bool podcastOnly)
{
    if (podcastOnly == m_rateIsPodcastOnly || m_podcastId <= 0)
        return;
    m_rateIsPodcastOnly = podcastOnly;
    if (podcastOnly) {
        m_library->setPodcastPlaybackRate(m_podcastId, m_rate);
        Q_EMIT rateChanged();
    } else {
        m_library->setPodcastPlaybackRate(m_podcastId, std::nullopt);
        applyRate(m_defaultRate);
    }
}

void PlaybackController::setVolume(double volume)
{
    volume = qBound(0.0, volume, 1.0);
    if (qFuzzyCompare(volume + 1.0, m_volume + 1.0))
        return;
    m_volume = volume;
    saveSetting(keys::volume, volume);
    applyVolume();
    Q_EMIT volumeChanged();
}

void PlaybackController::setMuted(bool muted)
{
    if (muted == m_muted)
        return;
    m_muted = muted;
    saveSetting(keys::muted, muted ? 1 : 0);
    applyVolume();
    Q_EMIT volumeChanged();
}

void PlaybackController::setFadeFactor(double factor)
{
    m_fadeFactor = qBound(0.0, factor, 1.0);
    applyVolume();
}

void PlaybackController::applyVolume()
{
    if (!m_backend)
        return;
    m_backend->setMuted(m_muted);
    m_backend->setVolume(float(m_volume * m_fadeFactor));
}

void PlaybackController::setSkipBackSeconds(int seconds)
{
    seconds = qBound(1, seconds, 600);
    if (seconds == m_skipBackSeconds)
        return;
    m_skipBackSeconds = seconds;
    saveSetting(keys::skipBack, seconds);
    Q_EMIT skipIntervalsChanged();
}

void PlaybackController::setSkipForwardSeconds(int seconds)
{
    seconds = qBound(1, seconds, 600);
    if (seconds == m_skipForwardSeconds)
        return;
    m_skipForwardSeconds = seconds;
    saveSetting(keys::skipForward, seconds);
    Q_EMIT skipIntervalsChanged();
}

void PlaybackController::setPlayedThresholdSeconds(int seconds)
{
    seconds = qBound(0, seconds, 600);
    if (seconds == m_playedThresholdSeconds)
        return;
    m_playedThresholdSeconds = seconds;
    saveSetting(keys::playedThreshold, seconds);
    Q_EMIT playedThresholdChanged();
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
    m_podcastId = episode->podcastId;
    m_title = episode->title;
    m_podcastTitle = podcast ? podcast->title : QString();
    m_artworkUrl =
        !episode->imageUrl.isEmpty() ? episode->imageUrl : (podcast ? podcast->imageUrl : QUrl());
    m_knownDurationMs = episode->durationSecs * 1000;
    // A finished episode starts again from the top; anything else resumes.
    m_pendingSeekMs = episode->played ? -1 : (episode->positionMs > 0 ? episode->positionMs : -1);
    m_stopAfterEpisode = false;
    // The episode being played is no longer "up next".
    m_queue->remove(m_episodeId);
    setErrorString({});

    const std::optional<double> podcastRate = m_library->podcastPlaybackRate(m_podcastId);
    m_rateIsPodcastOnly = podcastRate.has_value();
    m_backend->setSource(episode->enclosure.url);
    applyRate(podcastRate ? normalizedRate(*podcastRate) : m_defaultRate);
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

bool PlaybackController::playNextInQueue()
{
    while (!m_queue->isEmpty()) {
        if (playEpisode(m_queue->takeFirst()))
            return true;
    }
    return false;
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
        m_backend->setPlaybackRate(m_rate);
    }
    m_backend->play();
    applyPendingSeek();
}

void PlaybackController::pause()
{
    if (!m_backend)
        return;
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
    Q_EMIT seeked(ms);
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
    if (m_pendingSeekMs < 0 && !isReady(m_backend->status()))
        return;
    const qint64 ms = position();
    const qint64 total = duration();
    // Stopping within the threshold of the end counts as having listened to it all (for a short
    // episode, within its last tenth), but only once the listener has actually stopped: while
    // playing, the end of the media decides.
    const qint64 left = total - ms;
    if (!isPlaying() && total > 0 && ms > 0 && left <= qint64(m_playedThresholdSeconds) * 1000 &&
        left <= total / 10) {
        m_library->setPlayed(m_episodeId, true);
        return;
    }
    m_library->savePosition(m_episodeId, ms);
}

void PlaybackController::applyPendingSeek()
{
    if (m_pendingSeekMs < 0 || !m_backend || !isReady(m_backend->status()) ||
        !m_backend->isSeekable())
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
        const qint64 finished = m_episodeId;
        const bool stop = m_stopAfterEpisode;
        m_stopAfterEpisode = false;
        m_library->setPlayed(finished, true);
        Q_EMIT episodeFinished(finished);
        if (stop)
            return;
        // Deferred: the backend is still inside its end-of-media notification.
        QMetaObject::invokeMethod(
            this,
            [this, finished] {
                if (m_episodeId == finished)
                    playNextInQueue();
            },
            Qt::QueuedConnection);
        return;
    }
    if (status == MediaBackend::Status::Invalid && m_errorString.isEmpty())
        onError(m_backend->errorString());
}

void PlaybackController::onError(const QString &message)
{
    m_saveTimer.stop();
    setErrorString(message.isEmpty() ? QStringLiteral("This episode could not be played.")
                                     : message);
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
