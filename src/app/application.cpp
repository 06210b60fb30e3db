#include "application.h"

#include "appcontext.h"
#include "demopodcast.h"
#include "net/credentialstore.h"
#include "net/refreshscheduler.h"
#include "player/mediabackendfactory.h"
#include "player/mpris/mprisservice.h"
#include "player/playbackcontroller.h"
#include "player/sleepinhibitor.h"
#include "storage/library.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>

Q_LOGGING_CATEGORY(lcApp, "sidecast.app", QtWarningMsg)

Q_IMPORT_QML_PLUGIN(SidecastPlugin)

namespace sidecast {

Application::Application(QObject *parent)
    : QObject(parent)
{}

Application::~Application()
{
    // Desktop clients and the sleep lock go first (they hold the player), then the QML scene (it
    // binds to the context), then the context saves the position.
    delete m_mpris;
    delete m_sleepInhibitor;
    delete m_engine;
    delete m_context;
    delete m_credentials;
    delete m_backend;
    delete m_library;
}

void Application::setUpStyle()
{
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
}

bool Application::init(const Options &options, QString *error)
{
    m_library = new Library;
    const QString directory =
        options.libraryDirectory.isEmpty() ? Library::defaultDirectory() : options.libraryDirectory;
    Error openError;
    if (!m_library->open(directory, &openError)) {
        if (error)
            *error = openError.message;
        return false;
    }
    if (options.installDemo) {
        Error demoError;
        if (demo::installIfFirstStart(*m_library, &demoError) == 0 && demoError.isError())
            qCWarning(lcApp).noquote()
                << "the demo podcast could not be installed:" << demoError.message;
    }
    m_backend = createMediaBackend(options.mediaBackend).release();
    qCInfo(lcApp).noquote() << "media backend:" << m_backend->name();
    m_credentials = new KeychainCredentialStore;
    m_context = new AppContext(m_library, m_backend, m_credentials);
    // The player comes back with the episode it had, paused where it was.
    m_context->player()->restoreLastEpisode();
    if (options.schedule)
        m_context->scheduler()->start();
    // Quitting saves where the listener was.
    connect(qApp, &QCoreApplication::aboutToQuit, m_context->player(),
            &PlaybackController::savePosition);
    if (options.desktopIntegration)
        setUpDesktopIntegration();
    return true;
}

void Application::setUpDesktopIntegration()
{
    // Sleep inhibition may use the system bus (login1) even without a session bus.
    m_sleepInhibitor = new SleepInhibitor;
    m_sleepInhibitor->follow(m_context->player());

    QDBusConnection session = QDBusConnection::sessionBus();
    if (!session.isConnected()) {
        qCInfo(lcApp) << "no D-Bus session bus: no MPRIS desktop control";
        return;
    }
    m_mpris = new MprisService(m_context->player());
    m_mpris->setCanRaise(true);
    m_mpris->setCanQuit(true);
    connect(m_mpris, &MprisService::raiseRequested, this, &Application::raiseWindow);
    connect(m_mpris, &MprisService::quitRequested, qApp, &QCoreApplication::quit,
            Qt::QueuedConnection);
    if (!m_mpris->registerOn(session)) {
        delete m_mpris;
        m_mpris = nullptr;
    }
}

void Application::raiseWindow()
{
    if (QQuickWindow *w = window()) {
        if (w->windowState() & Qt::WindowMinimized)
            w->showNormal();
        else
            w->show();
        w->raise();
        w->requestActivate();
    }
}

bool Application::loadUi()
{
    Q_ASSERT(m_context);
    m_engine = new QQmlApplicationEngine;
    m_engine->addImportPath(QStringLiteral("qrc:/"));
    bool failed = false;
    connect(m_engine, &QQmlApplicationEngine::objectCreated, this,
            [&failed](QObject *object, const QUrl &) {
                if (!object)
                    failed = true;
            });
    m_engine->load(QUrl(QStringLiteral("qrc:/Sidecast/qml/Main.qml")));
    return !failed && !m_engine->rootObjects().isEmpty();
}

QQuickWindow *Application::window() const
{
    if (!m_engine || m_engine->rootObjects().isEmpty())
        return nullptr;
    return qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
}

} // namespace sidecast
