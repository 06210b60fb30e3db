#include "application.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QImage>
#include <QMetaObject>
#include <QQuickWindow>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using namespace sidecast;

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sidecast"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIDECAST_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Sidecast"));
    QGuiApplication::setDesktopFileName(QStringLiteral("sidecast"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sidecast, a podcast player."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption libraryOption(
        QStringLiteral("library"),
        QStringLiteral("Use the library in <dir> instead of the default."), QStringLiteral("dir"));
    const QCommandLineOption noDemoOption(
        QStringLiteral("no-demo"),
        QStringLiteral("Do not add the demo podcast to an empty library."));
    const QCommandLineOption episodeOption(
        QStringLiteral("episode"), QStringLiteral("Open the page of episode <id> on start."),
        QStringLiteral("id"));
    const QCommandLineOption playOption(
        QStringLiteral("play"), QStringLiteral("Start playing the episode given with --episode."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save the window to <png> once it has settled, then quit."),
        QStringLiteral("png"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Window size as <width>x<height>."),
                                        QStringLiteral("WxH"));
    const QCommandLineOption backendOption(
        QStringLiteral("media-backend"),
        QStringLiteral(
            "Play with <name>: gstreamer or qt (default: the setting player/mediaBackend "
            "in ~/.config/sidecast/sidecast.conf, else the platform's choice). The "
            "environment variable SIDECAST_MEDIA_BACKEND overrides both."),
        QStringLiteral("name"));
    parser.addOptions({libraryOption, noDemoOption, episodeOption, playOption, screenshotOption,
                       sizeOption, backendOption});
    parser.process(app);

    Application::setUpStyle();
    Application sidecast;
    Application::Options options;
    options.libraryDirectory = parser.value(libraryOption);
    options.installDemo = !parser.isSet(noDemoOption);
    options.mediaBackend = parser.isSet(backendOption)
                               ? parser.value(backendOption)
                               : QSettings(QStringLiteral("sidecast"), QStringLiteral("sidecast"))
                                     .value(QStringLiteral("player/mediaBackend"))
                                     .toString();
    QString error;
    if (!sidecast.init(options, &error)) {
        std::fprintf(stderr, "sidecast: %s\n", qPrintable(error));
        return 1;
    }
    if (!sidecast.loadUi()) {
        std::fprintf(stderr, "sidecast: the user interface failed to load\n");
        return 1;
    }
    QQuickWindow *window = sidecast.window();
    if (parser.isSet(sizeOption)) {
        const QStringList parts = parser.value(sizeOption).split(QLatin1Char('x'));
        if (parts.size() == 2)
            window->resize(parts.at(0).toInt(), parts.at(1).toInt());
    }
    if (parser.isSet(episodeOption)) {
        QMetaObject::invokeMethod(
            window, "openEpisode",
            Q_ARG(QVariant, QVariant(parser.value(episodeOption).toLongLong())),
            Q_ARG(QVariant, QVariant(parser.isSet(playOption))));
    }
    if (parser.isSet(screenshotOption)) {
        const QString path = parser.value(screenshotOption);
        QTimer::singleShot(2500, &app, [window, path] {
            const QImage image = window->grabWindow();
            if (image.isNull() || !image.save(path)) {
                std::fprintf(stderr, "sidecast: could not save the screenshot to %s\n",
                             qPrintable(path));
                QCoreApplication::exit(1);
                return;
            }
            std::printf("%s\n", qPrintable(path));
            QCoreApplication::quit();
        });
    }
    return app.exec();
}
