#pragma once

#include "player/playbackcontroller.h"
#include "podcastlistmodel.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace sidecast {

class Library;
class MediaBackend;
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
    Q_PROPERTY(bool subscribing READ isSubscribing NOTIFY subscribingChanged)
    Q_PROPERTY(QString libraryDirectory READ libraryDirectory CONSTANT)

public:
    // Takes ownership of nothing: library and backend must outlive the context.
    AppContext(Library *library, MediaBackend *backend, QObject *parent = nullptr);
    ~AppContext() override;

    // The instance QML gets; set by the constructor, cleared by the destructor.
    static AppContext *instance();
    static AppContext *create(QQmlEngine *, QJSEngine *);

    Library *library() const { return m_library; }
    PodcastListModel *podcasts() const { return m_podcasts; }
    PlaybackController *player() const { return m_player; }
    Subscriber *subscriber() const { return m_subscriber; }
    bool isSubscribing() const;
    QString libraryDirectory() const;

    // Starts subscribing to what the user typed. Returns false (and emits subscribeFailed at
    // once) when the text is not a usable address.
    Q_INVOKABLE bool addPodcast(const QString &text);
    Q_INVOKABLE bool removePodcast(qint64 podcastId);
    Q_INVOKABLE bool setPlayed(qint64 episodeId, bool played);
    // 754000 -> "12:34"; 3723000 -> "1:02:03".
    Q_INVOKABLE QString formatTime(qint64 ms) const;
    // Seconds from a "sidecast:seek?t=SECONDS" link in the notes; -1 for any other link.
    Q_INVOKABLE int seekSecondsFromLink(const QString &link) const;

Q_SIGNALS:
    void subscribingChanged();
    void subscribed(qint64 podcastId, const QString &title, int episodeCount);
    void subscribeFailed(const QString &message);

private:
    void onSubscribeFailed(const Error &error);

    Library *m_library;
    PodcastListModel *m_podcasts;
    PlaybackController *m_player;
    Subscriber *m_subscriber;
};

} // namespace sidecast
