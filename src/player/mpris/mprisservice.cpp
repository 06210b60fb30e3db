#include "mprisservice.h"

#include "mprisplayeradaptor.h"
#include "mprisrootadaptor.h"
#include "player/playbackcontroller.h"
#include "player/queue.h"

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMpris, "sidecast.mpris", QtWarningMsg)

namespace sidecast {

MprisService::MprisService(PlaybackController *player, QObject *parent)
    : QObject(parent)
    , m_player(player)
    , m_root(new MprisRootAdaptor(this))
    , m_playerAdaptor(new MprisPlayerAdaptor(this))
{
    Q_ASSERT(player);
    // Several controller signals often fire together (a new episode changes title, duration,
    // rate and capabilities); clients get one PropertiesChanged for them.
    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(0);
    connect(&m_updateTimer, &QTimer::timeout, this, &MprisService::sendPropertiesChanged);

    connect(player, &PlaybackController::episodeChanged, this, [this] {
        if (m_player->isOneOff() && m_player->url() != m_oneOffUrl) {
            m_oneOffUrl = m_player->url();
            ++m_oneOffSerial;
        }
        scheduleUpdate();
    });
    for (const auto signal :
         {&PlaybackController::playingChanged, &PlaybackController::durationChanged,
          &PlaybackController::rateChanged, &PlaybackController::volumeChanged})
        connect(player, signal, this, &MprisService::scheduleUpdate);
    connect(player->queue(), &Queue::changed, this, &MprisService::scheduleUpdate);
    connect(player, &PlaybackController::seeked, m_playerAdaptor,
            [this](qint64 ms) { Q_EMIT m_playerAdaptor->Seeked(ms * 1000); });
}

MprisService::~MprisService()
{
    if (isRegistered()) {
        m_connection.unregisterService(m_serviceName);
        m_connection.unregisterObject(objectPath());
    }
}

bool MprisService::registerOn(const QDBusConnection &connection, QString *error)
{
    Q_ASSERT(!isRegistered());
    const auto fail = [error](const QString &message) {
        qCWarning(lcMpris).noquote() << message;
        if (error)
            *error = message;
        return false;
    };
    if (!connection.isConnected())
        return fail(QStringLiteral("MPRIS: no D-Bus connection"));
    m_connection = connection;
    if (!m_connection.registerObject(objectPath(), this, QDBusConnection::ExportAdaptors))
        return fail(QStringLiteral("MPRIS: %1 is taken on this connection").arg(objectPath()));
    QString name = baseServiceName();
    if (!m_connection.registerService(name)) {
        name = baseServiceName() % QStringLiteral(".instance") %
               QString::number(QCoreApplication::applicationPid());
        if (!m_connection.registerService(name)) {
            m_connection.unregisterObject(objectPath());
            return fail(QStringLiteral("MPRIS: could not take the name %1: %2")
                            .arg(name, m_connection.lastError().message()));
        }
    }
    m_serviceName = name;
    m_sent = m_playerAdaptor->notifiedProperties();
    qCInfo(lcMpris) << "registered as" << name;
    return true;
}

QString MprisService::trackId() const
{
    if (m_player->episodeId() > 0)
        return QStringLiteral("/org/sidecast/episode/%1").arg(m_player->episodeId());
    if (m_player->isOneOff())
        return QStringLiteral("/org/sidecast/url/%1").arg(m_oneOffSerial);
    return QStringLiteral("/org/mpris/MediaPlayer2/TrackList/NoTrack");
}

void MprisService::scheduleUpdate()
{
    if (isRegistered())
        m_updateTimer.start();
}

void MprisService::sendPropertiesChanged()
{
    const QVariantMap now = m_playerAdaptor->notifiedProperties();
    QVariantMap changed;
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (m_sent.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    }
    m_sent = now;
    if (changed.isEmpty())
        return;
    QDBusMessage signal =
        QDBusMessage::createSignal(objectPath(), QStringLiteral("org.freedesktop.DBus.Properties"),
                                   QStringLiteral("PropertiesChanged"));
    signal << QStringLiteral("org.mpris.MediaPlayer2.Player") << changed << QStringList();
    m_connection.send(signal);
}

} // namespace sidecast
