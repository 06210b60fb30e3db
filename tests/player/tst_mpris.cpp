// MPRIS and the sleep inhibitor on a real session bus, driven the way a desktop drives them:
// playerctl and dbus-send in separate processes. CTest runs this under dbus-run-session, so the
// bus is private to the test; without a bus (or without playerctl) the tests skip.

#include "fakebackend.h"
#include "player/mpris/mprisservice.h"
#include "player/playbackcontroller.h"
#include "player/queue.h"
#include "player/sleepinhibitor.h"
#include "storage/library.h"

#include <QDBusAbstractAdaptor>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusUnixFileDescriptor>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <poll.h>
#include <unistd.h>

using namespace sidecast;
using sidecast::test::FakeBackend;

namespace {

const auto kMprisPrefix = QStringLiteral("org.mpris.MediaPlayer2.");
const auto kPlayerInterface = QStringLiteral("org.mpris.MediaPlayer2.Player");

struct ToolResult
{
    bool finished = false;
    int exitCode = -1;
    QString out; // trimmed
    QString err;
};

// Runs a client while our event loop keeps serving its D-Bus calls.
ToolResult runTool(const QString &program, const QStringList &args)
{
    ToolResult result;
    QProcess process;
    process.start(program, args);
    result.finished =
        QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 20000);
    if (!result.finished) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    result.err = QString::fromUtf8(process.readAllStandardError()).trimmed();
    return result;
}

} // namespace

// Collects D-Bus signals seen on an observer connection.
class SignalRecorder : public QObject
{
    Q_OBJECT
public:
    QList<QDBusMessage> messages;

    QList<QVariantMap> propertiesChanged() const
    {
        QList<QVariantMap> changes;
        for (const QDBusMessage &m : messages) {
            if (m.member() == QLatin1String("PropertiesChanged") && m.arguments().size() == 3 &&
                m.arguments().at(0).toString() == kPlayerInterface)
                changes.append(qdbus_cast<QVariantMap>(m.arguments().at(1)));
        }
        return changes;
    }
    QList<qlonglong> seeked() const
    {
        QList<qlonglong> positions;
        for (const QDBusMessage &m : messages) {
            if (m.member() == QLatin1String("Seeked"))
                positions.append(m.arguments().at(0).toLongLong());
        }
        return positions;
    }

public Q_SLOTS:
    void record(const QDBusMessage &message) { messages.append(message); }
};

// Stands in for the desktop's org.freedesktop.ScreenSaver, counting what it is asked.
class FakeScreenSaver : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.ScreenSaver")
public:
    explicit FakeScreenSaver(QObject *parent)
        : QDBusAbstractAdaptor(parent)
    {}

    int inhibits = 0;
    QList<uint> released;
    QString lastApplication;
    uint nextCookie = 41;

public Q_SLOTS:
    uint Inhibit(const QString &application, const QString &reason)
    {
        Q_UNUSED(reason)
        ++inhibits;
        lastApplication = application;
        return ++nextCookie;
    }
    void UnInhibit(uint cookie) { released.append(cookie); }
};

// Stands in for systemd-logind: Inhibit hands out the write end of a pipe, so the test sees the
// lock released when every copy of that end is closed.
class FakeLogin1 : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.login1.Manager")
public:
    explicit FakeLogin1(QObject *parent)
        : QDBusAbstractAdaptor(parent)
    {}
    ~FakeLogin1() override
    {
        for (int fd : std::as_const(readEnds))
            ::close(fd);
    }

    QStringList lastArguments;
    QList<int> readEnds;

    // True once no process holds the lock's write end any more.
    bool isReleased(int index) const
    {
        pollfd p{readEnds.at(index), POLLIN, 0};
        return ::poll(&p, 1, 0) == 1 && (p.revents & POLLHUP);
    }

public Q_SLOTS:
    QDBusUnixFileDescriptor Inhibit(const QString &what, const QString &who, const QString &why,
                                    const QString &mode)
    {
        lastArguments = {what, who, why, mode};
        int fds[2];
        if (::pipe(fds) != 0)
            return {};
        readEnds.append(fds[0]);
        QDBusUnixFileDescriptor lock(fds[1]); // a copy: ours is closed at once
        ::close(fds[1]);
        return lock;
    }
};

class TestMpris : public QObject
{
    Q_OBJECT

private:
    QString m_playerctl;
    QString m_dbusSend;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<FakeBackend> m_backend;
    std::unique_ptr<PlaybackController> m_player;
    std::unique_ptr<MprisService> m_mpris;
    QList<qint64> m_ids; // First, Second, Third episode
    QList<QUrl> m_enclosures;

    QString playerName() const { return m_mpris->serviceName().mid(kMprisPrefix.size()); }

    ToolResult playerctl(const QStringList &args)
    {
        return runTool(m_playerctl, QStringList{QStringLiteral("-p"), playerName()} + args);
    }

    QString metadata(const QString &key)
    {
        return playerctl({QStringLiteral("metadata"), key}).out;
    }

    // dbus-send --print-reply against our service; the reply as dbus-send prints it.
    ToolResult dbusSend(const QString &interfaceAndMethod, const QStringList &args)
    {
        return runTool(m_dbusSend,
                       QStringList{QStringLiteral("--session"), QStringLiteral("--print-reply"),
                                   QStringLiteral("--dest=") + m_mpris->serviceName(),
                                   MprisService::objectPath(), interfaceAndMethod} +
                           args);
    }

    ToolResult getProperty(const QString &interface, const QString &name)
    {
        return dbusSend(QStringLiteral("org.freedesktop.DBus.Properties.Get"),
                        {QStringLiteral("string:") + interface, QStringLiteral("string:") + name});
    }

    // Plays the first episode as if the media had loaded, `positionMs` in.
    void startFirst(qint64 positionMs = 0)
    {
        QVERIFY(m_player->playEpisode(m_ids.at(0)));
        m_backend->finishLoading(600000);
        m_backend->movePositionTo(positionMs);
    }

    bool needsClients()
    {
        if (m_playerctl.isEmpty() || m_dbusSend.isEmpty())
            return false;
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("No session bus: run under dbus-run-session (ctest does when dbus-daemon is "
                  "installed).");
        if (!QDBusConnection::sessionBus().isConnected())
            QSKIP("The session bus in DBUS_SESSION_BUS_ADDRESS does not answer.");
        m_playerctl = QStandardPaths::findExecutable(QStringLiteral("playerctl"));
        m_dbusSend = QStandardPaths::findExecutable(QStringLiteral("dbus-send"));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_library = std::make_unique<Library>();
        QVERIFY(m_library->open(m_dir->path()));
        Feed feed;
        feed.podcast.feedUrl = QUrl(QStringLiteral("https://example.org/feed"));
        feed.podcast.title = QStringLiteral("Demo Show");
        feed.podcast.author = QStringLiteral("Jane Host");
        feed.podcast.imageUrl = QUrl(QStringLiteral("https://example.org/cover.jpg"));
        const QStringList files{QStringLiteral("rust-vs-python.mp3"),
                                QStringLiteral("websockets.mp3"),
                                QStringLiteral("zig-memory-allocation.mp3")};
        const QStringList titles{QStringLiteral("First Episode"), QStringLiteral("Second Episode"),
                                 QStringLiteral("Third Episode")};
        m_enclosures.clear();
        for (int i = 0; i < 3; ++i) {
            Episode e;
            e.guid = QStringLiteral("ep%1").arg(i + 1);
            e.title = titles.at(i);
            e.published = QDateTime(QDate(2025, 1, i + 1), QTime(10, 0), Qt::UTC);
            e.durationSecs = 600;
            e.enclosure.url =
                QUrl::fromLocalFile(QStringLiteral(SIDECAST_SOURCE_DIR) +
                                    QStringLiteral("/resources/demo/audio/") + files.at(i));
            m_enclosures.append(e.enclosure.url);
            feed.episodes.append(e);
        }
        const auto added = m_library->addPodcast(feed);
        QVERIFY(added.ok());
        m_ids.clear();
        for (const QUrl &url : std::as_const(m_enclosures))
            m_ids.append(*m_library->episodeIdForEnclosureUrl(url));

        m_backend = std::make_unique<FakeBackend>();
        m_player = std::make_unique<PlaybackController>(m_backend.get(), m_library.get());
        m_mpris = std::make_unique<MprisService>(m_player.get());
        m_mpris->setCanRaise(true);
        m_mpris->setCanQuit(true);
        QString error;
        QVERIFY2(m_mpris->registerOn(QDBusConnection::sessionBus(), &error), qPrintable(error));
        QCOMPARE(m_mpris->serviceName(), QStringLiteral("org.mpris.MediaPlayer2.sidecast"));
    }

    void cleanup()
    {
        m_mpris.reset();
        m_player.reset();
        m_backend.reset();
        m_library.reset();
        m_dir.reset();
    }

    void playerctlListsThePlayer()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        const ToolResult list = runTool(m_playerctl, {QStringLiteral("-l")});
        QVERIFY2(list.finished && list.exitCode == 0, qPrintable(list.err));
        QVERIFY2(list.out.split(QLatin1Char('\n')).contains(QStringLiteral("sidecast")),
                 qPrintable(list.out));
        QCOMPARE(playerctl({QStringLiteral("status")}).out, QStringLiteral("Stopped"));
    }

    void playerctlReadsMetadataAndPosition()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        startFirst(83500);
        QCOMPARE(metadata(QStringLiteral("title")), QStringLiteral("First Episode"));
        QCOMPARE(metadata(QStringLiteral("album")), QStringLiteral("Demo Show"));
        QCOMPARE(metadata(QStringLiteral("artist")), QStringLiteral("Jane Host"));
        QCOMPARE(metadata(QStringLiteral("mpris:length")), QStringLiteral("600000000"));
        // playerctl prints a non-string value GVariant-style: quoted, so this is an object path.
        QCOMPARE(metadata(QStringLiteral("mpris:trackid")),
                 QStringLiteral("'/org/sidecast/episode/%1'").arg(m_ids.at(0)));
        QCOMPARE(metadata(QStringLiteral("mpris:artUrl")),
                 QStringLiteral("https://example.org/cover.jpg"));
        QCOMPARE(metadata(QStringLiteral("xesam:url")), m_enclosures.at(0).toString());
        QCOMPARE(playerctl({QStringLiteral("status")}).out, QStringLiteral("Playing"));
        // While playing, playerctl extrapolates from when it read the position; paused, it is
        // exact.
        m_player->pause();
        const ToolResult position = playerctl({QStringLiteral("position")});
        QVERIFY2(position.exitCode == 0, qPrintable(position.err));
        QCOMPARE(position.out.toDouble(), 83.5);
    }

    void metadataHasTheSpecTypes()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        startFirst();
        const ToolResult reply = getProperty(kPlayerInterface, QStringLiteral("Metadata"));
        QVERIFY2(reply.exitCode == 0, qPrintable(reply.err));
        const auto has = [&reply](const QString &pattern) {
            return QRegularExpression(pattern).match(reply.out).hasMatch();
        };
        QVERIFY2(has(QStringLiteral(R"("mpris:trackid"\s+variant\s+object path "/org/sidecast/)"
                                    R"(episode/\d+")")),
                 qPrintable(reply.out));
        QVERIFY2(has(QStringLiteral(R"("mpris:length"\s+variant\s+int64 600000000)")),
                 qPrintable(reply.out));
        QVERIFY2(has(QStringLiteral(R"("xesam:artist"\s+variant\s+array \[\s+string "Jane Host")")),
                 qPrintable(reply.out));
        const ToolResult position = getProperty(kPlayerInterface, QStringLiteral("Position"));
        QVERIFY2(position.out.contains(QLatin1String("int64 0")), qPrintable(position.out));
    }

    void playPauseStopAndPlayTakeEffect()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        startFirst(5000);
        QVERIFY(m_player->isPlaying());
        QCOMPARE(playerctl({QStringLiteral("play-pause")}).exitCode, 0);
        QTRY_VERIFY(!m_player->isPlaying());
        QCOMPARE(playerctl({QStringLiteral("status")}).out, QStringLiteral("Paused"));
        QCOMPARE(playerctl({QStringLiteral("play-pause")}).exitCode, 0);
        QTRY_VERIFY(m_player->isPlaying());
        QCOMPARE(playerctl({QStringLiteral("status")}).out, QStringLiteral("Playing"));
        // Stop keeps the place: it is a pause.
        QCOMPARE(playerctl({QStringLiteral("stop")}).exitCode, 0);
        QTRY_VERIFY(!m_player->isPlaying());
        QCOMPARE(m_player->position(), 5000);
        QCOMPARE(playerctl({QStringLiteral("play")}).exitCode, 0);
        QTRY_VERIFY(m_player->isPlaying());
        QCOMPARE(playerctl({QStringLiteral("pause")}).exitCode, 0);
        QTRY_VERIFY(!m_player->isPlaying());
    }

    void playWithNothingLoadedStartsUpNext()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        m_player->queue()->playLast(m_ids.at(2));
        QCOMPARE(playerctl({QStringLiteral("play")}).exitCode, 0);
        QTRY_COMPARE(m_player->episodeId(), m_ids.at(2));
        QVERIFY(m_player->isPlaying());
    }

    void nextAndPreviousFollowTheQueueAndHistory()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        startFirst(30000);
        m_player->queue()->playLast(m_ids.at(1));
        QCOMPARE(playerctl({QStringLiteral("next")}).exitCode, 0);
        QTRY_COMPARE(m_player->episodeId(), m_ids.at(1));
        QVERIFY(m_player->isPlaying());
        QCOMPARE(metadata(QStringLiteral("title")), QStringLiteral("Second Episode"));

        // Near the start of the second: previous goes back to the first, where it was left.
        QCOMPARE(playerctl({QStringLiteral("previous")}).exitCode, 0);
        QTRY_COMPARE(m_player->episodeId(), m_ids.at(0));
        QCOMPARE(m_player->position(), 30000);
        QCOMPARE(m_player->queue()->episodeIds(), QList<qint64>{m_ids.at(1)});
        // 30 s in: previous skips back.
        m_backend->finishLoading(600000);
        QCOMPARE(playerctl({QStringLiteral("previous")}).exitCode, 0);
        QTRY_COMPARE(m_player->position(), 30000 - m_player->skipBackSeconds() * 1000);
        QCOMPARE(m_player->episodeId(), m_ids.at(0));
    }

    void positionSeeksAndSignalsSeeked()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        QDBusConnection observer =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("seeked"));
        SignalRecorder recorder;
        QVERIFY(observer.connect(m_mpris->serviceName(), MprisService::objectPath(),
                                 kPlayerInterface, QStringLiteral("Seeked"), &recorder,
                                 SLOT(record(QDBusMessage))));
        startFirst(1000);

        QCOMPARE(playerctl({QStringLiteral("position"), QStringLiteral("42")}).exitCode, 0);
        QTRY_COMPARE(m_player->position(), 42000);
        m_player->pause(); // so playerctl does not extrapolate
        QCOMPARE(playerctl({QStringLiteral("position")}).out.toDouble(), 42.0);
        QTRY_COMPARE(recorder.seeked(), QList<qlonglong>{42000000});

        QCOMPARE(playerctl({QStringLiteral("position"), QStringLiteral("10+")}).exitCode, 0);
        QTRY_COMPARE(m_player->position(), 52000);
        QCOMPARE(playerctl({QStringLiteral("position"), QStringLiteral("20-")}).exitCode, 0);
        QTRY_COMPARE(m_player->position(), 32000);

        // SetPosition for a track that is no longer current is ignored.
        const ToolResult stale =
            dbusSend(kPlayerInterface + QStringLiteral(".SetPosition"),
                     {QStringLiteral("objpath:/org/sidecast/episode/%1").arg(m_ids.at(1)),
                      QStringLiteral("int64:100000000")});
        QCOMPARE(stale.exitCode, 0);
        const ToolResult current =
            dbusSend(kPlayerInterface + QStringLiteral(".SetPosition"),
                     {QStringLiteral("objpath:/org/sidecast/episode/%1").arg(m_ids.at(0)),
                      QStringLiteral("int64:200000000")});
        QCOMPARE(current.exitCode, 0);
        QTRY_COMPARE(m_player->position(), 200000);
        QVERIFY(!m_backend->seeks.contains(100000));
        QTRY_COMPARE(recorder.seeked().size(), 4);
        QDBusConnection::disconnectFromBus(QStringLiteral("seeked"));
    }

    void rateAndVolumeAreWritable()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        startFirst();
        const auto setRate = [this](const QString &value) {
            return dbusSend(QStringLiteral("org.freedesktop.DBus.Properties.Set"),
                            {QStringLiteral("string:") + kPlayerInterface,
                             QStringLiteral("string:Rate"),
                             QStringLiteral("variant:double:") + value});
        };
        QCOMPARE(setRate(QStringLiteral("2.0")).exitCode, 0);
        QTRY_COMPARE(m_player->rate(), 2.0);
        QVERIFY(getProperty(kPlayerInterface, QStringLiteral("Rate"))
                    .out.contains(QLatin1String("double 2")));
        QCOMPARE(setRate(QStringLiteral("7")).exitCode, 0);
        QTRY_COMPARE(m_player->rate(), 3.0);
        QCOMPARE(setRate(QStringLiteral("0.25")).exitCode, 0);
        QTRY_COMPARE(m_player->rate(), 0.5);
        QVERIFY(getProperty(kPlayerInterface, QStringLiteral("MinimumRate"))
                    .out.contains(QLatin1String("double 0.5")));
        QVERIFY(getProperty(kPlayerInterface, QStringLiteral("MaximumRate"))
                    .out.contains(QLatin1String("double 3")));
        // 0 means pause.
        QCOMPARE(setRate(QStringLiteral("0")).exitCode, 0);
        QTRY_VERIFY(!m_player->isPlaying());
        QCOMPARE(m_player->rate(), 0.5);

        QCOMPARE(playerctl({QStringLiteral("volume"), QStringLiteral("0.3")}).exitCode, 0);
        QTRY_COMPARE(m_player->volume(), 0.3);
        QCOMPARE(playerctl({QStringLiteral("volume")}).out.toDouble(), 0.3);
    }

    void propertiesChangedReachClients()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        QDBusConnection observer =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("props"));
        SignalRecorder recorder;
        QVERIFY(observer.connect(m_mpris->serviceName(), MprisService::objectPath(),
                                 QStringLiteral("org.freedesktop.DBus.Properties"),
                                 QStringLiteral("PropertiesChanged"), &recorder,
                                 SLOT(record(QDBusMessage))));
        // A real client following the status.
        QProcess follow;
        follow.start(m_playerctl, {QStringLiteral("-p"), playerName(), QStringLiteral("-F"),
                                   QStringLiteral("status")});
        const auto stopFollowing = qScopeGuard([&follow] {
            follow.kill();
            follow.waitForFinished();
        });
        QStringList followed;
        connect(&follow, &QProcess::readyReadStandardOutput, this, [&] {
            while (follow.canReadLine())
                followed.append(QString::fromUtf8(follow.readLine()).trimmed());
        });
        QTRY_COMPARE(followed, QStringList{QStringLiteral("Stopped")});

        startFirst();
        QTRY_VERIFY(!recorder.propertiesChanged().isEmpty());
        QVariantMap first = recorder.propertiesChanged().constFirst();
        QCOMPARE(first.value(QStringLiteral("PlaybackStatus")).toString(),
                 QStringLiteral("Playing"));
        const QVariantMap metadata =
            qdbus_cast<QVariantMap>(first.value(QStringLiteral("Metadata")));
        QCOMPARE(metadata.value(QStringLiteral("xesam:title")).toString(),
                 QStringLiteral("First Episode"));
        QVERIFY(!first.contains(QStringLiteral("Position")));
        QVERIFY(first.value(QStringLiteral("CanPause")).toBool());
        QTRY_COMPARE(followed.constLast(), QStringLiteral("Playing"));

        recorder.messages.clear();
        m_player->pause();
        QTRY_COMPARE(followed.constLast(), QStringLiteral("Paused"));
        QTRY_COMPARE(recorder.propertiesChanged().size(), 1);
        QCOMPARE(recorder.propertiesChanged().constFirst(),
                 (QVariantMap{{QStringLiteral("PlaybackStatus"), QStringLiteral("Paused")}}));

        recorder.messages.clear();
        m_player->setRate(1.5);
        m_player->setVolume(0.5);
        QTRY_COMPARE(recorder.propertiesChanged().size(), 1);
        QCOMPARE(recorder.propertiesChanged().constFirst(),
                 (QVariantMap{{QStringLiteral("Rate"), 1.5}, {QStringLiteral("Volume"), 0.5}}));

        recorder.messages.clear();
        m_player->queue()->playLast(m_ids.at(2));
        QTRY_COMPARE(recorder.propertiesChanged().size(), 1);
        QCOMPARE(recorder.propertiesChanged().constFirst(),
                 (QVariantMap{{QStringLiteral("CanGoNext"), true}}));

        QDBusConnection::disconnectFromBus(QStringLiteral("props"));
    }

    void openUriPlaysLibraryEpisodesAndOneOffs()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        // An enclosure in the library plays that episode.
        QCOMPARE(playerctl({QStringLiteral("open"), m_enclosures.at(2).toString()}).exitCode, 0);
        QTRY_COMPARE(m_player->episodeId(), m_ids.at(2));
        QVERIFY(m_player->isPlaying());

        // Anything else is a one-off.
        const QUrl other(QStringLiteral("https://example.net/shows/Guest%20Talk.mp3"));
        const ToolResult opened = playerctl({QStringLiteral("open"), other.toString()});
        QVERIFY2(opened.exitCode == 0, qPrintable(opened.err + opened.out));
        QTRY_VERIFY(m_player->isOneOff());
        QCOMPARE(m_backend->source(), other);
        QCOMPARE(metadata(QStringLiteral("title")), QStringLiteral("Guest Talk"));
        QCOMPARE(metadata(QStringLiteral("mpris:trackid")),
                 QStringLiteral("'/org/sidecast/url/1'"));

        // Schemes Sidecast does not open are refused with an error.
        const ToolResult refused = dbusSend(kPlayerInterface + QStringLiteral(".OpenUri"),
                                            {QStringLiteral("string:ftp://example.net/a.mp3")});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(QLatin1String("NotSupported")), qPrintable(refused.err));
        QCOMPARE(m_backend->source(), other);
    }

    void rootInterface()
    {
        if (!needsClients())
            QSKIP("playerctl and dbus-send are needed (Debian packages playerctl, dbus-bin).");
        const auto root = QStringLiteral("org.mpris.MediaPlayer2");
        QVERIFY(getProperty(root, QStringLiteral("Identity"))
                    .out.contains(QLatin1String("string \"Sidecast\"")));
        QVERIFY(getProperty(root, QStringLiteral("DesktopEntry"))
                    .out.contains(QLatin1String("string \"sidecast\"")));
        const QString schemes = getProperty(root, QStringLiteral("SupportedUriSchemes")).out;
        QVERIFY2(schemes.contains(QLatin1String("\"https\"")) &&
                     schemes.contains(QLatin1String("\"file\"")),
                 qPrintable(schemes));
        QVERIFY(getProperty(root, QStringLiteral("SupportedMimeTypes"))
                    .out.contains(QLatin1String("\"audio/mpeg\"")));
        QVERIFY(getProperty(root, QStringLiteral("CanRaise")).out.contains(QLatin1String("true")));

        QSignalSpy raise(m_mpris.get(), &MprisService::raiseRequested);
        QSignalSpy quit(m_mpris.get(), &MprisService::quitRequested);
        QCOMPARE(dbusSend(root + QStringLiteral(".Raise"), {}).exitCode, 0);
        QTRY_COMPARE(raise.count(), 1);
        QCOMPARE(dbusSend(root + QStringLiteral(".Quit"), {}).exitCode, 0);
        QTRY_COMPARE(quit.count(), 1);
    }

    void secondInstanceTakesItsOwnName()
    {
        QDBusConnection other =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("second"));
        {
            FakeBackend backend;
            PlaybackController player(&backend, m_library.get());
            MprisService second(&player);
            QVERIFY(second.registerOn(other));
            QCOMPARE(second.serviceName(),
                     QStringLiteral("org.mpris.MediaPlayer2.sidecast.instance%1")
                         .arg(QCoreApplication::applicationPid()));
            QVERIFY(QDBusConnection::sessionBus().interface()->isServiceRegistered(
                second.serviceName()));
        }
        // Gone with the service object.
        QTRY_VERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(
            QStringLiteral("org.mpris.MediaPlayer2.sidecast.instance%1")
                .arg(QCoreApplication::applicationPid())));
        QDBusConnection::disconnectFromBus(QStringLiteral("second"));
    }

    void login1LockIsAFileDescriptorHeldWhilePlaying()
    {
        // The session bus stands in for the system bus; the fake logind is on its own connection.
        QDBusConnection system =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("system"));
        if (!(system.connectionCapabilities() & QDBusConnection::UnixFileDescriptorPassing))
            QSKIP("This bus does not pass file descriptors.");
        QObject login1Object;
        auto *login1 = new FakeLogin1(&login1Object);
        QVERIFY(system.registerObject(QStringLiteral("/org/freedesktop/login1"), &login1Object,
                                      QDBusConnection::ExportAdaptors));
        if (!system.registerService(QStringLiteral("org.freedesktop.login1")))
            QSKIP("org.freedesktop.login1 is taken: this is not a private session bus.");

        {
            SleepInhibitor inhibitor;
            inhibitor.setSystemBus(QDBusConnection::sessionBus());
            inhibitor.follow(m_player.get());
            startFirst();
            QTRY_VERIFY(inhibitor.isHolding());
            QCOMPARE(inhibitor.heldMethod(), SleepInhibitor::Method::Login1);
            QCOMPARE(login1->lastArguments,
                     (QStringList{QStringLiteral("sleep"), QStringLiteral("Sidecast"),
                                  QStringLiteral("Playing a podcast"), QStringLiteral("block")}));
            QCOMPARE(login1->readEnds.size(), 1);
            QTest::qWait(50); // let any copies in flight settle: the lock stays held
            QVERIFY(!login1->isReleased(0));

            m_player->pause();
            QTRY_VERIFY(login1->isReleased(0));
            QVERIFY(!inhibitor.isHolding());

            m_player->play();
            QTRY_COMPARE(login1->readEnds.size(), 2);
            QTRY_VERIFY(inhibitor.isHolding());
            QVERIFY(!login1->isReleased(1));
        }
        // Destroyed while playing (the app quitting): released.
        QTRY_VERIFY(login1->isReleased(1));
        system.unregisterService(QStringLiteral("org.freedesktop.login1"));
        system.unregisterObject(QStringLiteral("/org/freedesktop/login1"));
        QDBusConnection::disconnectFromBus(QStringLiteral("system"));
    }

    void screenSaverIsInhibitedWhilePlaying()
    {
        // The fake service lives on a connection of its own, so calls really cross the bus.
        QDBusConnection desktop =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("desktop"));
        QObject screenSaverObject;
        auto *screenSaver = new FakeScreenSaver(&screenSaverObject);
        QVERIFY(desktop.registerObject(QStringLiteral("/org/freedesktop/ScreenSaver"),
                                       &screenSaverObject, QDBusConnection::ExportAdaptors));
        if (!desktop.registerService(QStringLiteral("org.freedesktop.ScreenSaver")))
            QSKIP("org.freedesktop.ScreenSaver is taken: this is not a private session bus.");

        {
            SleepInhibitor inhibitor;
            // No system bus here: login1 is skipped and the screen saver is used instead.
            inhibitor.setSystemBus(QDBusConnection(QStringLiteral("no-system-bus")));
            inhibitor.follow(m_player.get());
            QVERIFY(!inhibitor.wantsInhibit());

            startFirst();
            QTRY_VERIFY(inhibitor.isHolding());
            QCOMPARE(inhibitor.heldMethod(), SleepInhibitor::Method::ScreenSaver);
            QCOMPARE(screenSaver->inhibits, 1);
            QCOMPARE(screenSaver->lastApplication, QStringLiteral("Sidecast"));

            m_player->pause();
            QTRY_COMPARE(screenSaver->released, QList<uint>{42});
            QVERIFY(!inhibitor.isHolding());

            // A quick play-pause-play while the first answer is on its way: one lock, kept.
            m_player->play();
            m_player->pause();
            m_player->play();
            QTRY_VERIFY(inhibitor.isHolding());
            QTest::qWait(50);
            QCOMPARE(screenSaver->inhibits, 2);
            QCOMPARE(screenSaver->released.size(), 1);
        }
        // Destroyed while playing (the app quitting): released.
        QTRY_COMPARE(screenSaver->released, (QList<uint>{42, 43}));

        // With no service at all it stays quiet and holds nothing.
        desktop.unregisterService(QStringLiteral("org.freedesktop.ScreenSaver"));
        SleepInhibitor orphan({SleepInhibitor::Method::ScreenSaver});
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("no way to keep the system awake")));
        orphan.setInhibited(true);
        QVERIFY(orphan.isRequesting());
        QTRY_VERIFY(!orphan.isRequesting());
        QVERIFY(!orphan.isHolding());
        desktop.unregisterObject(QStringLiteral("/org/freedesktop/ScreenSaver"));
        QDBusConnection::disconnectFromBus(QStringLiteral("desktop"));
    }
};

QTEST_GUILESS_MAIN(TestMpris)
#include "tst_mpris.moc"
