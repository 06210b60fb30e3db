#pragma once

#include <QObject>
#include <QString>

class QQmlApplicationEngine;
class QQuickWindow;

namespace sidecast {

class AppContext;
class CredentialStore;
class Library;
class MediaBackend;
class MprisService;
class SleepInhibitor;

// Builds the running application: library, player backend, QML singleton and the window.
// main() and the UI tests start the app through this one path.
class Application : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString libraryDirectory; // empty: Library::defaultDirectory()
        bool installDemo = true;  // the demo podcast on the first start of an empty library
        QString mediaBackend;     // "gstreamer" or "qt"; empty: the platform's default. The
                                  // environment variable SIDECAST_MEDIA_BACKEND wins over it.
        // MPRIS on the session bus and keeping the system awake while playing.
        bool desktopIntegration = true;
        bool schedule = true; // refresh on start and every few hours, as the settings say
    };

    explicit Application(QObject *parent = nullptr);
    ~Application() override;

    // Opens the library and creates the context; false (with *error) when the library cannot be
    // opened.
    bool init(const Options &options, QString *error);
    // Loads Main.qml; false when QML fails to load.
    bool loadUi();

    Library *library() const { return m_library; }
    AppContext *context() const { return m_context; }
    QQmlApplicationEngine *engine() const { return m_engine; }
    QQuickWindow *window() const;
    // Null without a session bus (or with desktopIntegration off).
    MprisService *mpris() const { return m_mpris; }

    // Applies the Qt Quick Controls style once, before any QML is loaded.
    static void setUpStyle();

private:
    void setUpDesktopIntegration();
    void raiseWindow();

    Library *m_library = nullptr;
    MediaBackend *m_backend = nullptr;
    CredentialStore *m_credentials = nullptr;
    AppContext *m_context = nullptr;
    MprisService *m_mpris = nullptr;
    SleepInhibitor *m_sleepInhibitor = nullptr;
    QQmlApplicationEngine *m_engine = nullptr;
};

} // namespace sidecast
