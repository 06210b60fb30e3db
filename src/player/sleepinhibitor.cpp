#include "sleepinhibitor.h"

#include "playbackcontroller.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcInhibit, "sidecast.inhibit", QtWarningMsg)

namespace sidecast {

namespace {

const auto kScreenSaverService = QStringLiteral("org.freedesktop.ScreenSaver");
const auto kScreenSaverPath = QStringLiteral("/org/freedesktop/ScreenSaver");
const auto kLogin1Service = QStringLiteral("org.freedesktop.login1");
const auto kLogin1Path = QStringLiteral("/org/freedesktop/login1");
const auto kLogin1Interface = QStringLiteral("org.freedesktop.login1.Manager");
const auto kWho = QStringLiteral("Sidecast");
const auto kWhy = QStringLiteral("Playing a podcast");

} // namespace

SleepInhibitor::SleepInhibitor(QList<Method> methods, QObject *parent)
    : QObject(parent)
    , m_methods(std::move(methods))
    , m_sessionBus(QDBusConnection::sessionBus())
    , m_systemBus(QDBusConnection::systemBus())
{}

SleepInhibitor::~SleepInhibitor()
{
    m_wanted = false;
    if (m_held)
        release();
}

void SleepInhibitor::follow(PlaybackController *player)
{
    connect(player, &PlaybackController::playingChanged, this,
            [this, player] { setInhibited(player->isPlaying()); });
    setInhibited(player->isPlaying());
}

void SleepInhibitor::setInhibited(bool inhibited)
{
    m_wanted = inhibited;
    if (m_requesting)
        return; // the answer decides (onGranted releases a lock no longer wanted)
    if (inhibited && !m_held)
        request(0);
    else if (!inhibited && m_held)
        release();
}

void SleepInhibitor::request(int methodIndex)
{
    if (!m_wanted)
        return;
    if (methodIndex >= m_methods.size()) {
        if (!m_loggedNone) {
            m_loggedNone = true;
            qCWarning(lcInhibit) << "no way to keep the system awake while playing";
        }
        return;
    }
    const Method method = m_methods.at(methodIndex);
    QDBusMessage call;
    QDBusConnection bus = m_sessionBus;
    if (method == Method::Login1) {
        bus = m_systemBus;
        if (!bus.isConnected() ||
            !(bus.connectionCapabilities() & QDBusConnection::UnixFileDescriptorPassing)) {
            logOnce(method, QStringLiteral("no system bus that passes file descriptors"));
            request(methodIndex + 1);
            return;
        }
        call = QDBusMessage::createMethodCall(kLogin1Service, kLogin1Path, kLogin1Interface,
                                              QStringLiteral("Inhibit"));
        call << QStringLiteral("sleep") << kWho << kWhy << QStringLiteral("block");
    } else {
        if (!bus.isConnected()) {
            logOnce(method, QStringLiteral("no session bus"));
            request(methodIndex + 1);
            return;
        }
        call = QDBusMessage::createMethodCall(kScreenSaverService, kScreenSaverPath,
                                              kScreenSaverService, QStringLiteral("Inhibit"));
        call << kWho << kWhy;
    }
    m_requesting = true;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(
        watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, method, methodIndex] {
            watcher->deleteLater();
            m_requesting = false;
            if (watcher->isError()) {
                logOnce(method, watcher->error().message());
                request(methodIndex + 1);
                return;
            }
            if (method == Method::Login1)
                onGranted(method, 0, QDBusPendingReply<QDBusUnixFileDescriptor>(*watcher).value());
            else
                onGranted(method, QDBusPendingReply<uint>(*watcher).value(), {});
        });
}

void SleepInhibitor::onGranted(Method method, uint cookie, const QDBusUnixFileDescriptor &fd)
{
    m_held = method;
    m_cookie = cookie;
    m_fd = fd;
    qCDebug(lcInhibit) << "holding a sleep lock via" << method;
    Q_EMIT holdingChanged();
    if (!m_wanted)
        release();
}

void SleepInhibitor::release()
{
    if (!m_held)
        return;
    if (*m_held == Method::ScreenSaver) {
        QDBusMessage call =
            QDBusMessage::createMethodCall(kScreenSaverService, kScreenSaverPath,
                                           kScreenSaverService, QStringLiteral("UnInhibit"));
        call << m_cookie;
        m_sessionBus.send(call); // no answer needed
    }
    // login1 releases the lock when the last copy of its file descriptor is closed.
    m_fd = QDBusUnixFileDescriptor();
    m_cookie = 0;
    m_held.reset();
    qCDebug(lcInhibit) << "released the sleep lock";
    Q_EMIT holdingChanged();
}

void SleepInhibitor::logOnce(Method method, const QString &message)
{
    const int bit = 1 << int(method);
    if (m_logged & bit)
        return;
    m_logged |= bit;
    qCInfo(lcInhibit).noquote() << "cannot inhibit sleep via"
                                << QVariant::fromValue(method).toString() << ":" << message;
}

} // namespace sidecast
