#pragma once

#include <QDBusConnection>
#include <QDBusUnixFileDescriptor>
#include <QList>
#include <QObject>

#include <optional>

namespace sidecast {

class PlaybackController;

// Keeps the system from going to sleep while something plays, over D-Bus:
// - Login1: org.freedesktop.login1.Manager.Inhibit("sleep", …, "block") on the system bus; the
//   lock is a file descriptor held until released. It blocks suspend without keeping the screen
//   on, which suits audio.
// - ScreenSaver: org.freedesktop.ScreenSaver.Inhibit on the session bus (KDE, Xfce, …); the lock
//   is a cookie given back with UnInhibit.
// The methods are tried in order until one answers. Calls are asynchronous (the UI never waits on
// the bus); a missing service is logged once and otherwise ignored.
class SleepInhibitor : public QObject
{
    Q_OBJECT
public:
    enum class Method
    {
        Login1,
        ScreenSaver
    };
    Q_ENUM(Method)

    explicit SleepInhibitor(QList<Method> methods = {Method::Login1, Method::ScreenSaver},
                            QObject *parent = nullptr);
    // Releases a held lock.
    ~SleepInhibitor() override;

    // The buses to use (the real ones by default; tests pass a private session bus).
    void setSessionBus(const QDBusConnection &bus) { m_sessionBus = bus; }
    void setSystemBus(const QDBusConnection &bus) { m_systemBus = bus; }

    // Asks for (or gives up) the lock. Idempotent.
    void setInhibited(bool inhibited);
    bool wantsInhibit() const { return m_wanted; }
    // An Inhibit call is waiting for its answer.
    bool isRequesting() const { return m_requesting; }
    // A lock is held right now.
    bool isHolding() const { return m_held.has_value(); }
    std::optional<Method> heldMethod() const { return m_held; }

    // Holds the lock exactly while `player` plays (paused, stopped, failed: released).
    void follow(PlaybackController *player);

Q_SIGNALS:
    void holdingChanged();

private:
    void request(int methodIndex);
    void onGranted(Method method, uint cookie, const QDBusUnixFileDescriptor &fd);
    void release();
    void logOnce(Method method, const QString &message);

    QList<Method> m_methods;
    QDBusConnection m_sessionBus;
    QDBusConnection m_systemBus;
    bool m_wanted = false;
    bool m_requesting = false;
    std::optional<Method> m_held;
    uint m_cookie = 0;
    QDBusUnixFileDescriptor m_fd;
    int m_logged = 0; // a bit per Method already logged as failing
    bool m_loggedNone = false;
};

} // namespace sidecast
