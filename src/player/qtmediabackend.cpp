#include "qtmediabackend.h"

#include <QAudioOutput>
#include <QLoggingCategory>
#include <QMediaPlayer>

Q_DECLARE_LOGGING_CATEGORY(lcPlayer)

namespace sidecast {

namespace {

MediaBackend::Status toStatus(QMediaPlayer::MediaStatus status)
{
    switch (status) {
    case QMediaPlayer::NoMedia:
        return MediaBackend::Status::NoMedia;
    case QMediaPlayer::LoadingMedia:
        return MediaBackend::Status::Loading;
    case QMediaPlayer::LoadedMedia:
        return MediaBackend::Status::Loaded;
    case QMediaPlayer::StalledMedia:
    case QMediaPlayer::BufferingMedia:
        return MediaBackend::Status::Buffering;
    case QMediaPlayer::BufferedMedia:
        return MediaBackend::Status::Buffered;
    case QMediaPlayer::EndOfMedia:
        return MediaBackend::Status::EndOfMedia;
    case QMediaPlayer::InvalidMedia:
        return MediaBackend::Status::Invalid;
    }
    return MediaBackend::Status::NoMedia;
}

MediaBackend::State toState(QMediaPlayer::PlaybackState state)
{
    switch (state) {
    case QMediaPlayer::PlayingState:
        return MediaBackend::State::Playing;
    case QMediaPlayer::PausedState:
        return MediaBackend::State::Paused;
    case QMediaPlayer::StoppedState:
        break;
    }
    return MediaBackend::State::Stopped;
}

} // namespace

QtMediaBackend::QtMediaBackend(QObject *parent)
    : MediaBackend(parent)
    , m_player(new QMediaPlayer(this))
    , m_output(new QAudioOutput(this))
{
    m_player->setAudioOutput(m_output);
    connect(m_player, &QMediaPlayer::positionChanged, this, &MediaBackend::positionChanged);
    connect(m_player, &QMediaPlayer::durationChanged, this, &MediaBackend::durationChanged);
    connect(m_player, &QMediaPlayer::seekableChanged, this, &MediaBackend::seekableChanged);
    connect(m_player, &QMediaPlayer::playbackStateChanged, this,
            [this](QMediaPlayer::PlaybackState s) { Q_EMIT stateChanged(toState(s)); });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus s) {
        // Qt 6.4 ignores a rate set before the media is loaded; apply it again once it is.
        if (s == QMediaPlayer::LoadedMedia || s == QMediaPlayer::BufferedMedia) {
            if (!qFuzzyCompare(m_player->playbackRate(), m_rate))
                m_player->setPlaybackRate(m_rate);
        }
        Q_EMIT statusChanged(toStatus(s));
    });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error error, const QString &text) {
                if (error == QMediaPlayer::NoError)
                    return;
                qCWarning(lcPlayer).noquote() << "playback error:" << text;
                // Qt 6.4 stays in PlayingState after an error; nothing plays, so say so.
                if (m_player->playbackState() != QMediaPlayer::StoppedState)
                    m_player->stop();
                Q_EMIT errorOccurred(
                    text.isEmpty() ? QStringLiteral("The media could not be played.") : text);
            });
}

QtMediaBackend::~QtMediaBackend() = default;

void QtMediaBackend::setSource(const QUrl &url)
{
    m_player->setSource(url);
}

QUrl QtMediaBackend::source() const
{
    return m_player->source();
}

void QtMediaBackend::play()
{
    m_player->play();
    if (!qFuzzyCompare(m_player->playbackRate(), m_rate))
        m_player->setPlaybackRate(m_rate);
}

void QtMediaBackend::pause()
{
    m_player->pause();
}

void QtMediaBackend::stop()
{
    m_player->stop();
}

void QtMediaBackend::setPosition(qint64 ms)
{
    m_player->setPosition(ms);
}

qint64 QtMediaBackend::position() const
{
    return m_player->position();
}

qint64 QtMediaBackend::duration() const
{
    return m_player->duration();
}

MediaBackend::State QtMediaBackend::state() const
{
    return toState(m_player->playbackState());
}

MediaBackend::Status QtMediaBackend::status() const
{
    return toStatus(m_player->mediaStatus());
}

bool QtMediaBackend::isSeekable() const
{
    return m_player->isSeekable();
}

void QtMediaBackend::setVolume(float volume)
{
    m_output->setVolume(volume);
}

float QtMediaBackend::volume() const
{
    return m_output->volume();
}

void QtMediaBackend::setMuted(bool muted)
{
    m_output->setMuted(muted);
}

bool QtMediaBackend::isMuted() const
{
    return m_output->isMuted();
}

void QtMediaBackend::setPlaybackRate(double rate)
{
    m_rate = rate;
    m_player->setPlaybackRate(rate);
}

double QtMediaBackend::playbackRate() const
{
    return m_rate;
}

QString QtMediaBackend::errorString() const
{
    return m_player->errorString();
}

} // namespace sidecast
