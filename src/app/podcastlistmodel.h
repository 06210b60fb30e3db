#pragma once

#include "core/podcast.h"

#include <QAbstractListModel>
#include <QList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace sidecast {

class Library;

// The subscribed podcasts, by title. Refreshes itself when the library says its podcasts changed,
// updating rows in place where it can so a view keeps its selection and scroll position.
class PodcastListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use AppContext.podcasts")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        AuthorRole,
        ImageUrlRole,
        FeedUrlRole,
        EpisodeCountRole,
        UnplayedCountRole,
        EndedRole,
        NeedsCredentialsRole,
        LastErrorRole,
    };
    Q_ENUM(Role)

    explicit PodcastListModel(Library *library, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE int indexOfId(qint64 podcastId) const;
    Q_INVOKABLE qint64 idAt(int row) const;
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void countChanged();

private:
    Library *m_library;
    QList<Podcast> m_podcasts;
    QTimer m_reloadSoon;
};

} // namespace sidecast
