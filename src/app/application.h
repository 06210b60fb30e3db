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
        bool schedule = true;     // refresh on start and every few hours, as the settings say
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

    // Applies the Qt Quick Controls style once, before any QML is loaded.
    static void setUpStyle();

private:
    Library *m_library = nullptr;
    MediaBackend *m_backend = nullptr;
    CredentialStore *m_credentials = nullptr;
    AppContext *m_context = nullptr;
    QQmlApplicationEngine *m_engine = nullptr;
};

} // namespace sidecast
