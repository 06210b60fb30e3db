#pragma once

#include "errorlogmodel.h"
#include "net/refresher.h"
#include "player/chaptercontroller.h"
#include "player/playbackcontroller.h"
#include "player/sleeptimer.h"
#include "podcastlistmodel.h"
#include "queuemodel.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace sidecast {

class CredentialStore;
class Library;
class MediaBackend;
class OpmlImporter;
class RefreshScheduler;
class Subscriber;
struct Error;

// The one QML singleton: the application's library, its podcast list, the player and the
// subscribe action. Everything else in QML is an instantiable type with input properties.
class AppContext : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(sidecast::PodcastListModel *podcasts READ podcasts CONSTANT)
    Q_PROPERTY(sidecast::PlaybackController *player READ player CONSTANT)
    Q_PROPERTY(sidecast::QueueModel *queue READ queue CONSTANT)
    Q_PROPERTY(sidecast::SleepTimer *sleepTimer READ sleepTimer CONSTANT)
    Q_PROPERTY(sidecast::Refresher *refresher READ refresher CONSTANT)
    Q_PROPERTY(sidecast::ErrorLogModel *errorLog READ errorLog CONSTANT)
    Q_PROPERTY(sidecast::ChapterController *chapters READ chapters CONSTANT)
    Q_PROPERTY(bool subscribing READ isSubscribing NOTIFY subscribingChanged)
    Q_PROPERTY(QString libraryDirectory READ libraryDirectory CONSTANT)
    Q_PROPERTY(bool importing READ isImporting NOTIFY importingChanged)

public:
    // Takes ownership of nothing: library, backend and credential store must outlive the
    // context. Without a credential store, feed passwords are kept for this session only.
    AppContext(Library *library, MediaBackend *backend, CredentialStore *credentials = nullptr,
               QObject *parent = nullptr);
    ~AppContext() override;

    // The instance QML gets; set by the constructor, cleared by the destructor.
    static AppContext *instance();
    static AppContext *create(QQmlEngine *, QJSEngine *);

    Library *library() const { return m_library; }
    PodcastListModel *podcasts() const { return m_podcasts; }
    PlaybackController *player() const { return m_player; }
    QueueModel *queue() const { return m_queue; }
    SleepTimer *sleepTimer() const { return m_sleepTimer; }
    // The chapters of the episode in the player; the provider finds any episode's.
    ChapterController *chapters() const { return m_chapters; }
    ChapterProvider *chapterProvider() const { return m_chapterProvider; }
    Subscriber *subscriber() const { return m_subscriber; }
    Refresher *refresher() const { return m_refresher; }
    RefreshScheduler *scheduler() const { return m_scheduler; }
    ErrorLogModel *errorLog() const { return m_errorLog; }
    bool isSubscribing() const;
    QString libraryDirectory() const;

    // Starts subscribing to what the user typed. Returns false (and emits subscribeFailed at
    // once) when the text is not a usable address.
    Q_INVOKABLE bool addPodcast(const QString &text);
    Q_INVOKABLE bool removePodcast(qint64 podcastId);
    // OPML: import subscribes to every feed in the file (the outcome comes as opmlImported);
    // export writes the subscriptions. Both take file URLs, as file dialogs give them.
    Q_INVOKABLE void importOpml(const QUrl &file);
    Q_INVOKABLE bool exportOpml(const QUrl &file);
    bool isImporting() const;
    Q_INVOKABLE bool setPlayed(qint64 episodeId, bool played);
    Q_INVOKABLE void refreshAll() { m_refresher->refreshAll(); }
    Q_INVOKABLE void refreshPodcast(qint64 podcastId) { m_refresher->refreshPodcast(podcastId); }
    // Keeps the credentials in the keychain (never in the library) and refreshes the podcast.
    Q_INVOKABLE void setCredentials(qint64 podcastId, const QString &user, const QString &password);
    Q_INVOKABLE void showErrors() { Q_EMIT errorsRequested(); }
    // Navigation requests from anywhere in the UI (delegates included); Main.qml acts on them.
    Q_INVOKABLE void showPodcast(qint64 podcastId) { Q_EMIT podcastRequested(podcastId); }
    Q_INVOKABLE void showEpisode(qint64 episodeId) { Q_EMIT episodeRequested(episodeId); }
    Q_INVOKABLE void showQueue() { Q_EMIT queueRequested(); }
    // 754000 -> "12:34"; 3723000 -> "1:02:03".
    Q_INVOKABLE QString formatTime(qint64 ms) const;
    // Seconds from a "sidecast:seek?t=SECONDS" link in the notes; -1 for any other link.
    Q_INVOKABLE int seekSecondsFromLink(const QString &link) const;

Q_SIGNALS:
    void subscribingChanged();
    void subscribed(qint64 podcastId, const QString &title, int episodeCount);
    void subscribeFailed(const QString &message);
    void podcastRequested(qint64 podcastId);
    void episodeRequested(qint64 episodeId);
    void queueRequested();
    void importingChanged();
    // A sentence for the user: what was added, skipped and why, or why nothing was.
    void opmlImported(const QString &summary);
    void opmlExported(const QString &summary);
    void errorsRequested();
    // A feed answered 401/403: ask the listener for a user name and password.
    void credentialsRequested(qint64 podcastId, const QString &title, const QString &url);

private:
    void onSubscribeFailed(const Error &error);

    Library *m_library;
    PodcastListModel *m_podcasts;
    PlaybackController *m_player;
    QueueModel *m_queue;
    SleepTimer *m_sleepTimer;
    ChapterProvider *m_chapterProvider;
    ChapterController *m_chapters;
    Subscriber *m_subscriber;
    OpmlImporter *m_importer;
    CredentialStore *m_credentials;
    Refresher *m_refresher;
    RefreshScheduler *m_scheduler;
    ErrorLogModel *m_errorLog;
};

} // namespace sidecast
