#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

namespace sidecast {

class MprisPlayerAdaptor;
class MprisRootAdaptor;
class PlaybackController;

// Desktop control over MPRIS 2 (https://specifications.freedesktop.org/mpris-spec/latest/): media
// keys, desktop widgets and scripts (playerctl) drive the PlaybackController through the
// org.mpris.MediaPlayer2 and org.mpris.MediaPlayer2.Player interfaces, which live in two adaptors
// on this object at /org/mpris/MediaPlayer2.
//
// How the podcast player maps onto a music-player interface:
// - Next plays the next episode in Up Next (CanGoNext: the queue is not empty).
// - Previous is PlaybackController::playPrevious(): more than 5 s in it skips back, near the start
//   it returns to the episode played before.
// - Stop pauses and keeps the place (a podcast's position matters more than the spec's "play
//   starts from the beginning"), so PlaybackStatus is Stopped only when nothing is loaded.
// - Play with nothing loaded starts Up Next.
// - OpenUri (file, http, https): an enclosure URL in the library plays that episode, anything else
//   plays as a one-off.
// - Tracks are /org/sidecast/episode/ID, one-offs /org/sidecast/url/N.
class MprisService : public QObject
{
    Q_OBJECT
public:
    static QString objectPath() { return QStringLiteral("/org/mpris/MediaPlayer2"); }
    static QString baseServiceName() { return QStringLiteral("org.mpris.MediaPlayer2.sidecast"); }

    explicit MprisService(PlaybackController *player, QObject *parent = nullptr);
    ~MprisService() override;

    // What the root interface advertises; set before registering (clients read them once).
    void setCanRaise(bool canRaise) { m_canRaise = canRaise; }
    bool canRaise() const { return m_canRaise; }
    void setCanQuit(bool canQuit) { m_canQuit = canQuit; }
    bool canQuit() const { return m_canQuit; }

    // Exports the object and takes the name org.mpris.MediaPlayer2.sidecast, or
    // org.mpris.MediaPlayer2.sidecast.instance<pid> when another Sidecast holds it.
    bool registerOn(const QDBusConnection &connection, QString *error = nullptr);
    bool isRegistered() const { return !m_serviceName.isEmpty(); }
    QString serviceName() const { return m_serviceName; }
    QDBusConnection connection() const { return m_connection; }

    PlaybackController *player() const { return m_player; }
    // The mpris:trackid of what is loaded (the spec's NoTrack path when nothing is).
    QString trackId() const;

Q_SIGNALS:
    // The application acts on these: show the window, quit.
    void raiseRequested();
    void quitRequested();

private:
    void scheduleUpdate();
    void sendPropertiesChanged();

    PlaybackController *m_player;
    MprisRootAdaptor *m_root;
    MprisPlayerAdaptor *m_playerAdaptor;
    QDBusConnection m_connection{QString()};
    QString m_serviceName;
    bool m_canRaise = false;
    bool m_canQuit = false;
    QTimer m_updateTimer;
    QVariantMap m_sent; // the Player properties as clients last heard them
    QUrl m_oneOffUrl;
    quint64 m_oneOffSerial = 0;
};

} // namespace sidecast
