#include "sleeptimer.h"

#include "playbackcontroller.h"
#include "storage/library.h"

namespace sidecast {

namespace {
const auto kModeKey = QStringLiteral("sleep.mode");
const auto kRemainingKey = QStringLiteral("sleep.remaining_ms");
} // namespace

SleepTimer::SleepTimer(PlaybackController *player, Library *library, QObject *parent)
    : QObject(parent)
    , m_player(player)
    , m_library(library)
{
    m_clock.setInterval(kTickMs);
    connect(&m_clock, &QTimer::timeout, this, &SleepTimer::onTick);
    connect(player, &PlaybackController::playingChanged, this, [this] {
        // The countdown counts listening time only.
        if (m_player->isPlaying() && isActive()) {
            m_sinceTick.start();
            m_clock.start();
        } else {
            onTick();
            m_clock.stop();
        }
    });
    connect(player, &PlaybackController::seeked, this, &SleepTimer::updateChapterEnd);
    connect(player, &PlaybackController::episodeChanged, this, &SleepTimer::updateChapterEnd);
    connect(player, &PlaybackController::episodeFinished, this, [this] {
        if (m_mode == Mode::EndOfEpisode || m_mode == Mode::EndOfChapter)
            fire();
    });

    // Restore what was running when the app last stopped.
    const QString stored = library->setting(kModeKey);
    bool ok = false;
    const qint64 remaining = library->setting(kRemainingKey).toLongLong(&ok);
    if (stored == QLatin1String("minutes") && ok && remaining > 0)
        setMode(Mode::Minutes, remaining);
    else if (stored == QLatin1String("end-of-episode"))
        setMode(Mode::EndOfEpisode, 0);
    else if (stored == QLatin1String("end-of-chapter"))
        setMode(Mode::EndOfChapter, 0);
}

SleepTimer::~SleepTimer()
{
    persist();
}

qint64 SleepTimer::remainingToMediaMark(qint64 markMs) const
{
    const double rate = m_player->rate() > 0 ? m_player->rate() : 1.0;
    return qMax<qint64>(0, qint64((markMs - m_player->position()) / rate));
}

qint64 SleepTimer::remainingMs() const
{
    switch (m_mode) {
    case Mode::Off:
        return 0;
    case Mode::Minutes:
        return m_remainingMs;
    case Mode::EndOfEpisode:
        return remainingToMediaMark(m_player->duration());
    case Mode::EndOfChapter:
        return remainingToMediaMark(m_chapterEndMs >= 0 ? m_chapterEndMs : m_player->duration());
    }
    return 0;
}

void SleepTimer::setChapterEndProvider(std::function<qint64()> provider)
{
    m_chapterEnd = std::move(provider);
    updateChapterEnd();
}

void SleepTimer::updateChapterEnd()
{
    if (m_mode != Mode::EndOfChapter)
        return;
    m_chapterEndMs = m_chapterEnd ? m_chapterEnd() : -1;
    Q_EMIT remainingChanged();
}

void SleepTimer::setMode(Mode mode, qint64 remainingMs)
{
    const bool modeChanged = mode != m_mode;
    m_mode = mode;
    m_remainingMs = mode == Mode::Minutes ? remainingMs : 0;
    m_chapterEndMs = mode == Mode::EndOfChapter && m_chapterEnd ? m_chapterEnd() : -1;
    // The end of the episode must not roll on into the queue.
    m_player->setStopAfterEpisode(mode == Mode::EndOfEpisode || mode == Mode::EndOfChapter);
    if (mode == Mode::Off) {
        m_clock.stop();
        m_player->setFadeFactor(1.0);
    } else if (m_player->isPlaying()) {
        m_sinceTick.start();
        m_clock.start();
    }
    updateFade();
    persist();
    if (modeChanged)
        Q_EMIT changed();
    Q_EMIT remainingChanged();
}

void SleepTimer::startMinutes(int minutes)
{
    if (minutes <= 0) {
        cancel();
        return;
    }
    setMode(Mode::Minutes, qint64(minutes) * 60 * 1000);
}

void SleepTimer::startEndOfEpisode()
{
    setMode(Mode::EndOfEpisode, 0);
}

void SleepTimer::startEndOfChapter()
{
    setMode(Mode::EndOfChapter, 0);
}

void SleepTimer::extend(int minutes)
{
    if (minutes <= 0)
        return;
    const qint64 extra = qint64(minutes) * 60 * 1000;
    setMode(Mode::Minutes, (isActive() ? remainingMs() : 0) + extra);
}

void SleepTimer::cancel()
{
    setMode(Mode::Off, 0);
}

void SleepTimer::onTick()
{
    if (!isActive() || !m_sinceTick.isValid())
        return;
    const qint64 elapsed = m_sinceTick.restart();
    advance(elapsed);
}

void SleepTimer::advance(qint64 elapsedMs)
{
    if (!isActive())
        return;
    if (m_mode == Mode::Minutes)
        m_remainingMs = qMax<qint64>(0, m_remainingMs - elapsedMs);
    Q_EMIT remainingChanged();
    if (m_mode == Mode::Minutes && m_remainingMs == 0) {
        fire();
        return;
    }
    if (m_mode == Mode::EndOfChapter && m_chapterEndMs >= 0 && remainingMs() == 0 &&
        m_chapterEndMs < m_player->duration()) {
        fire();
        return;
    }
    updateFade();
}

void SleepTimer::updateFade()
{
    if (!isActive()) {
        m_player->setFadeFactor(1.0);
        return;
    }
    const qint64 left = remainingMs();
    m_player->setFadeFactor(left >= kFadeMs ? 1.0 : double(left) / kFadeMs);
}

void SleepTimer::fire()
{
    // Off first: pausing ticks the clock once more, which must not fire again.
    setMode(Mode::Off, 0);
    m_player->pause();
    Q_EMIT expired();
}

void SleepTimer::persist()
{
    QString mode;
    switch (m_mode) {
    case Mode::Off:
        break;
    case Mode::Minutes:
        mode = QStringLiteral("minutes");
        break;
    case Mode::EndOfEpisode:
        mode = QStringLiteral("end-of-episode");
        break;
    case Mode::EndOfChapter:
        mode = QStringLiteral("end-of-chapter");
        break;
    }
    m_library->setSetting(kModeKey, mode);
    m_library->setSetting(kRemainingKey, QString::number(m_remainingMs));
}

} // namespace sidecast
