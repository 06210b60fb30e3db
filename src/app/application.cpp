#include "application.h"

#include "appcontext.h"
#include "demopodcast.h"
#include "net/credentialstore.h"
#include "net/refreshscheduler.h"
#include "player/playbackcontroller.h"
#include "player/qtmediabackend.h"
#include "storage/library.h"

#include <QCoreApplication>
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
    // The QML scene goes first (it binds to the context), then the context saves the position.
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
    m_backend = new QtMediaBackend;
    m_credentials = new KeychainCredentialStore;
    m_context = new AppContext(m_library, m_backend, m_credentials);
    if (options.schedule)
        m_context->scheduler()->start();
    // Quitting saves where the listener was.
    connect(qApp, &QCoreApplication::aboutToQuit, m_context->player(),
            &PlaybackController::savePosition);
    return true;
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
