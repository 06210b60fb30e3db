#pragma once

#include "core/chapters/chaptertimeline.h"
#include "player/chapterprovider.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace sidecast {

class ChapterController;
class Library;

// The listed chapters of one episode (set `episodeId`) for a list view. For the episode the
// player has loaded it mirrors AppContext.chapters, so the current chapter is marked and follows
// the position; for any other episode it shows the chapters without a current one. Chapters
// with `toc: false` are not rows (they only change the player's artwork).
class ChapterModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int episodeId READ episodeId WRITE setEpisodeId NOTIFY episodeIdChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int currentIndex READ currentIndex NOTIFY currentIndexChanged)
    Q_PROPERTY(QString source READ source NOTIFY countChanged)

public:
    enum Role
    {
        TitleRole = Qt::UserRole + 1, // "Chapter N" when the chapter has no title
        StartMsRole,
        EndMsRole, // -1 when it depends on an unknown duration
        ImageUrlRole,
        UrlRole,
        IsCurrentRole,
    };
    Q_ENUM(Role)

    // Uses AppContext's library, provider and player (for QML).
    explicit ChapterModel(QObject *parent = nullptr);
    ChapterModel(Library *library, ChapterProvider *provider, ChapterController *controller,
                 QObject *parent = nullptr);

    qint64 episodeId() const { return m_episodeId; }
    void setEpisodeId(qint64 id);
    int currentIndex() const { return m_currentRow; }
    QString source() const { return ChapterProvider::sourceName(m_source); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Plays the episode from the start of a chapter (loading the episode first when another one
    // is in the player).
    Q_INVOKABLE bool playChapter(int row);

Q_SIGNALS:
    void episodeIdChanged();
    void countChanged();
    void currentIndexChanged();

private:
    bool followsPlayer() const;
    void reload();
    void updateCurrent();

    QPointer<Library> m_library;
    QPointer<ChapterProvider> m_provider;
    QPointer<ChapterController> m_controller;
    qint64 m_episodeId = 0;
    ChapterTimeline m_timeline;
    ChapterSource m_source = ChapterSource::None;
    int m_currentRow = -1;
};

} // namespace sidecast
