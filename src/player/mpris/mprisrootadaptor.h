#pragma once

#include <QDBusAbstractAdaptor>
#include <QStringList>

namespace sidecast {

class MprisService;

// org.mpris.MediaPlayer2: who the player is and what it opens. Raise and Quit are passed on to
// the application as MprisService signals.
class MprisRootAdaptor : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.mpris.MediaPlayer2")
    Q_PROPERTY(bool CanQuit READ canQuit)
    Q_PROPERTY(bool CanRaise READ canRaise)
    Q_PROPERTY(bool HasTrackList READ hasTrackList)
    Q_PROPERTY(QString Identity READ identity)
    Q_PROPERTY(QString DesktopEntry READ desktopEntry)
    Q_PROPERTY(QStringList SupportedUriSchemes READ supportedUriSchemes)
    Q_PROPERTY(QStringList SupportedMimeTypes READ supportedMimeTypes)

public:
    explicit MprisRootAdaptor(MprisService *service);

    bool canQuit() const;
    bool canRaise() const;
    bool hasTrackList() const { return false; }
    QString identity() const { return QStringLiteral("Sidecast"); }
    QString desktopEntry() const { return QStringLiteral("sidecast"); }
    static QStringList supportedUriSchemes();
    static QStringList supportedMimeTypes();

public Q_SLOTS:
    void Raise();
    void Quit();

private:
    MprisService *m_service;
};

} // namespace sidecast
