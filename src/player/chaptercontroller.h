#pragma once

#include "chapterprovider.h"
#include "core/chapters/chaptertimeline.h"

#include <QObject>
#include <QString>
#include <QUrl>

namespace sidecast {

class PlaybackController;

// The chapters of the episode the player has loaded, following its position: the current
// chapter, previous/next, and the artwork to show (the chapter's image while it lasts, else the
// episode's). Rows and indexes here count listed chapters only (see ChapterTimeline).
class ChapterController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int episodeId READ episodeId NOTIFY chaptersChanged)
    Q_PROPERTY(int count READ count NOTIFY chaptersChanged)
    Q_PROPERTY(bool hasChapters READ hasChapters NOTIFY chaptersChanged)
    Q_PROPERTY(QString source READ sourceName NOTIFY chaptersChanged)
    Q_PROPERTY(int currentIndex READ currentIndex NOTIFY currentChanged)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentChanged)
    Q_PROPERTY(QUrl currentUrl READ currentUrl NOTIFY currentChanged)
    Q_PROPERTY(QUrl artworkUrl READ artworkUrl NOTIFY artworkUrlChanged)

public:
    ChapterController(PlaybackController *player, ChapterProvider *provider,
                      QObject *parent = nullptr);

    PlaybackController *player() const { return m_player; }
    // The episode these chapters belong to (the player's; 0 when none is loaded).
    qint64 episodeId() const { return m_episodeId; }
    const ChapterTimeline &timeline() const { return m_timeline; }
    ChapterSource source() const { return m_source; }
    QString sourceName() const { return ChapterProvider::sourceName(m_source); }
    int count() const { return int(m_timeline.listed().size()); }
    bool hasChapters() const { return count() > 0; }
    // The listed chapter playing (a row of the list), -1 for none.
    int currentIndex() const { return m_currentRow; }
    QString currentTitle() const;
    // The current chapter's link (a hidden chapter's while it lasts).
    QUrl currentUrl() const { return m_currentUrl; }
    QUrl artworkUrl() const;

    // A listed chapter's title, or "Chapter N" when it has none.
    static QString displayTitle(const Chapter &chapter, int row);

    // "Previous": back to the start of the current chapter when more than 3 s into it, else to
    // the one before. "Next": to the start of the next chapter. False when there is nowhere to go.
    Q_INVOKABLE bool previousChapter();
    Q_INVOKABLE bool nextChapter();
    // Seeks to the start of a listed chapter.
    Q_INVOKABLE bool seekToChapter(int row);

    // Where the chapter being listened to ends, for the sleep timer; -1 for the episode's end.
    qint64 chapterEndMs() const;

Q_SIGNALS:
    void chaptersChanged();
    // The media's duration moved the end of the last chapter(s).
    void endsChanged();
    void currentChanged();
    void artworkUrlChanged();

private:
    void reload();
    void updateCurrent();

    PlaybackController *m_player;
    ChapterProvider *m_provider;
    qint64 m_episodeId = 0;
    ChapterTimeline m_timeline;
    ChapterSource m_source = ChapterSource::None;
    int m_currentRow = -1;
    QUrl m_currentUrl;
    QUrl m_chapterImage;
};

} // namespace sidecast
