#include "mprisplayeradaptor.h"

#include "mprisrootadaptor.h"
#include "mprisservice.h"
#include "player/playbackcontroller.h"
#include "player/queue.h"

#include <QDBusConnection>
#include <QUrl>

namespace sidecast {

namespace {

// Artwork a client in another process can load: not qrc:, not data:.
bool isShareableUrl(const QUrl &url)
{
    const QString scheme = url.scheme();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https") ||
                             scheme == QLatin1String("file"));
}

} // namespace

MprisPlayerAdaptor::MprisPlayerAdaptor(MprisService *service)
    : QDBusAbstractAdaptor(service)
    , m_service(service)
    , m_player(service->player())
{}

QString MprisPlayerAdaptor::playbackStatus() const
{
    if (m_player->isPlaying())
        return QStringLiteral("Playing");
    return m_player->hasEpisode() ? QStringLiteral("Paused") : QStringLiteral("Stopped");
}

double MprisPlayerAdaptor::rate() const
{
    return m_player->rate();
}

void MprisPlayerAdaptor::setRate(double rate)
{
    // The spec: a client setting 0 means pause.
    if (rate <= 0.0) {
        m_player->pause();
        return;
    }
    m_player->setRate(rate);
}

double MprisPlayerAdaptor::minimumRate() const
{
    return PlaybackController::kMinRate;
}

double MprisPlayerAdaptor::maximumRate() const
{
    return PlaybackController::kMaxRate;
}

QVariantMap MprisPlayerAdaptor::metadata() const
{
    // The a{sv} typing matters to clients: trackid must go out as an object path ('o') and the
    // length as a 64-bit integer ('x'), the artists as a list of strings.
    QVariantMap map;
    map.insert(QStringLiteral("mpris:trackid"),
               QVariant::fromValue(QDBusObjectPath(m_service->trackId())));
    if (!m_player->hasEpisode())
        return map;
    if (m_player->duration() > 0)
        map.insert(QStringLiteral("mpris:length"), qlonglong(m_player->duration()) * 1000);
    map.insert(QStringLiteral("xesam:title"), m_player->title());
    if (!m_player->podcastTitle().isEmpty())
        map.insert(QStringLiteral("xesam:album"), m_player->podcastTitle());
    const QString artist =
        !m_player->author().isEmpty() ? m_player->author() : m_player->podcastTitle();
    if (!artist.isEmpty())
        map.insert(QStringLiteral("xesam:artist"), QStringList{artist});
    if (isShareableUrl(m_player->artworkUrl()))
        map.insert(QStringLiteral("mpris:artUrl"),
                   m_player->artworkUrl().toString(QUrl::FullyEncoded));
    if (m_player->url().isValid())
        map.insert(QStringLiteral("xesam:url"), m_player->url().toString(QUrl::FullyEncoded));
    return map;
}

double MprisPlayerAdaptor::volume() const
{
    return m_player->isMuted() ? 0.0 : m_player->volume();
}

void MprisPlayerAdaptor::setVolume(double volume)
{
    m_player->setVolume(volume);
    if (volume > 0.0 && m_player->isMuted())
        m_player->setMuted(false);
}

qlonglong MprisPlayerAdaptor::position() const
{
    return m_player->hasEpisode() ? qlonglong(m_player->position()) * 1000 : 0;
}

bool MprisPlayerAdaptor::canGoNext() const
{
    return !m_player->queue()->isEmpty();
}

bool MprisPlayerAdaptor::canGoPrevious() const
{
    return m_player->hasEpisode();
}

bool MprisPlayerAdaptor::canPlay() const
{
    return m_player->hasEpisode() || !m_player->queue()->isEmpty();
}

bool MprisPlayerAdaptor::canPause() const
{
    return m_player->hasEpisode();
}

bool MprisPlayerAdaptor::canSeek() const
{
    return m_player->hasEpisode();
}

QVariantMap MprisPlayerAdaptor::notifiedProperties() const
{
    return {
        {QStringLiteral("PlaybackStatus"), playbackStatus()},
        {QStringLiteral("Rate"), rate()},
        {QStringLiteral("Metadata"), metadata()},
        {QStringLiteral("Volume"), volume()},
        {QStringLiteral("CanGoNext"), canGoNext()},
        {QStringLiteral("CanGoPrevious"), canGoPrevious()},
        {QStringLiteral("CanPlay"), canPlay()},
        {QStringLiteral("CanPause"), canPause()},
        {QStringLiteral("CanSeek"), canSeek()},
    };
}

void MprisPlayerAdaptor::Next()
{
    m_player->playNextInQueue();
}

void MprisPlayerAdaptor::Previous()
{
    m_player->playPrevious();
}

void MprisPlayerAdaptor::Pause()
{
    m_player->pause();
}

void MprisPlayerAdaptor::PlayPause()
{
    m_player->togglePlayPause();
}

void MprisPlayerAdaptor::Stop()
{
    m_player->pause();
}

void MprisPlayerAdaptor::Play()
{
    m_player->play();
}

void MprisPlayerAdaptor::Seek(qlonglong Offset)
{
    if (!canSeek())
        return;
    const qint64 target = m_player->position() + Offset / 1000;
    const qint64 duration = m_player->duration();
    // The spec: seeking past the end acts like Next.
    if (duration > 0 && target > duration && m_player->playNextInQueue())
        return;
    m_player->seek(target);
}

void MprisPlayerAdaptor::SetPosition(const QDBusObjectPath &TrackId, qlonglong Position)
{
    // A stale call (made for a track that is no longer current) is ignored, as are positions
    // outside the track.
    if (!canSeek() || TrackId.path() != m_service->trackId() || Position < 0)
        return;
    const qint64 duration = m_player->duration();
    if (duration > 0 && Position / 1000 > duration)
        return;
    m_player->seek(Position / 1000);
}

void MprisPlayerAdaptor::OpenUri(const QString &Uri, const QDBusMessage &message)
{
    const QUrl url(Uri); // tolerant: clients (playerctl) send decoded spaces
    if (!url.isValid() || !MprisRootAdaptor::supportedUriSchemes().contains(url.scheme())) {
        replyError(message, QStringLiteral("org.freedesktop.DBus.Error.NotSupported"),
                   QStringLiteral("Sidecast opens file, http and https URIs, not “%1”.").arg(Uri));
        return;
    }
    if (!m_player->openUrl(url))
        replyError(message, QStringLiteral("org.freedesktop.DBus.Error.InvalidArgs"),
                   m_player->errorString());
}

void MprisPlayerAdaptor::replyError(const QDBusMessage &message, const QString &name,
                                    const QString &text)
{
    message.setDelayedReply(true);
    m_service->connection().send(message.createErrorReply(name, text));
}

} // namespace sidecast
