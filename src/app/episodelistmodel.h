#pragma once

#include "core/episode.h"
#include "core/podcast.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace sidecast {

class Library;

// The episodes of one podcast, newest first; or, with `podcastId` set to NewEpisodes, the newest
// episodes of every podcast that are neither played nor started. The model follows the library:
// listening-state changes update single rows, a refreshed feed reloads.
class EpisodeListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int podcastId READ podcastId WRITE setPodcastId NOTIFY podcastIdChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString podcastTitle READ podcastTitle NOTIFY podcastChanged)
    Q_PROPERTY(QString podcastAuthor READ podcastAuthor NOTIFY podcastChanged)
    Q_PROPERTY(QUrl podcastImageUrl READ podcastImageUrl NOTIFY podcastChanged)
    Q_PROPERTY(QString podcastDescription READ podcastDescription NOTIFY podcastChanged)
public:
    // The podcastId that lists new episodes across all podcasts (EpisodeListModel.NewEpisodes).
    enum Special
    {
        NewEpisodes = -1
    };
    Q_ENUM(Special)
    // How many new episodes the cross-podcast list shows.
    static constexpr int kNewEpisodesLimit = 500;

    enum Role
    {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        PublishedRole,
        DateTextRole,
        DurationRole,
        DurationTextRole,
        PositionRole,
        PlayedRole,
        InProgressRole,
        ProgressRole,
        SummaryRole,
        PodcastTitleRole,
    };
    Q_ENUM(Role)

    // QML creates it with the application's library; C++ (and tests) may pass one.
    explicit EpisodeListModel(QObject *parent = nullptr);
    explicit EpisodeListModel(Library *library, QObject *parent = nullptr);

    qint64 podcastId() const { return m_podcastId; }
    void setPodcastId(qint64 id);
    QString podcastTitle() const { return m_podcast.title; }
    QString podcastAuthor() const { return m_podcast.author; }
    QUrl podcastImageUrl() const { return m_podcast.imageUrl; }
    QString podcastDescription() const { return m_podcast.description; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE qint64 idAt(int row) const;
    Q_INVOKABLE int indexOfId(qint64 episodeId) const;
    Q_INVOKABLE void reload();

    // "Sun 16 Feb 2025" style, with the year left out for dates in the current year.
    static QString formatDate(const QDateTime &published, const QDate &today);

Q_SIGNALS:
    void podcastIdChanged();
    void countChanged();
    void podcastChanged();

private:
    void onEpisodeStateChanged(qint64 episodeId, qint64 positionMs, bool played);

    QPointer<Library> m_library;
    qint64 m_podcastId = 0;
    Podcast m_podcast;
    QHash<qint64, QString> m_podcastTitles; // for the cross-podcast list

    QList<Episode> m_episodes;
};

} // namespace sidecast
