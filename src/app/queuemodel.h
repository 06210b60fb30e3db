#pragma once

#include "core/episode.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace sidecast {

class Library;
class PlaybackController;
class Queue;

// Up Next as a list model, with the time it will take to hear it all at the current speed.
class QueueModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use AppContext.queue")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    // The rest of the current episode plus every queued one, in listening time at the current
    // speed.
    Q_PROPERTY(double totalRemainingMs READ totalRemainingMs NOTIFY totalRemainingChanged)
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        PodcastTitleRole,
        ImageUrlRole,
        DurationTextRole,
        RemainingMsRole,
    };
    Q_ENUM(Role)

    QueueModel(Library *library, PlaybackController *player, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    double totalRemainingMs() const;

    Q_INVOKABLE void playNext(qint64 episodeId);
    Q_INVOKABLE void playLast(qint64 episodeId);
    Q_INVOKABLE void remove(qint64 episodeId);
    Q_INVOKABLE bool move(int from, int to);
    Q_INVOKABLE void clear();
    Q_INVOKABLE bool contains(qint64 episodeId) const;

Q_SIGNALS:
    void countChanged();
    void totalRemainingChanged();

private:
    struct Entry
    {
        Episode episode;
        QString podcastTitle;
        QUrl imageUrl;
    };
    void reload();

    Library *m_library;
    PlaybackController *m_player;
    Queue *m_queue;
    QList<Entry> m_entries;
};

} // namespace sidecast
