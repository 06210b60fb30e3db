#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace sidecast {

class Library;

// Everything the episode page shows about one episode. Set `episodeId`; the notes come sanitized
// for a rich-text view, with their timestamps turned into seek links.
class EpisodeDetails : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int episodeId READ episodeId WRITE setEpisodeId NOTIFY episodeIdChanged)
    Q_PROPERTY(bool valid READ isValid NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString podcastTitle READ podcastTitle NOTIFY changed)
    Q_PROPERTY(int podcastId READ podcastId NOTIFY changed)
    Q_PROPERTY(QString notesHtml READ notesHtml NOTIFY changed)
    Q_PROPERTY(QString dateText READ dateText NOTIFY changed)
    Q_PROPERTY(int durationSeconds READ durationSeconds NOTIFY changed)
    Q_PROPERTY(QUrl artworkUrl READ artworkUrl NOTIFY changed)
    Q_PROPERTY(QUrl link READ link NOTIFY changed)
    Q_PROPERTY(QUrl enclosureUrl READ enclosureUrl NOTIFY changed)
    Q_PROPERTY(bool played READ played NOTIFY stateChanged)
    Q_PROPERTY(int positionMs READ positionMs NOTIFY stateChanged)
public:
    explicit EpisodeDetails(QObject *parent = nullptr);
    explicit EpisodeDetails(Library *library, QObject *parent = nullptr);

    qint64 episodeId() const { return m_episodeId; }
    void setEpisodeId(qint64 id);
    bool isValid() const { return m_valid; }
    QString title() const { return m_title; }
    QString podcastTitle() const { return m_podcastTitle; }
    qint64 podcastId() const { return m_podcastId; }
    QString notesHtml() const { return m_notesHtml; }
    QString dateText() const { return m_dateText; }
    qint64 durationSeconds() const { return m_durationSeconds; }
    QUrl artworkUrl() const { return m_artworkUrl; }
    QUrl link() const { return m_link; }
    QUrl enclosureUrl() const { return m_enclosureUrl; }
    bool played() const { return m_played; }
    qint64 positionMs() const { return m_positionMs; }

Q_SIGNALS:
    void episodeIdChanged();
    void changed();
    void stateChanged();

private:
    void load();

    QPointer<Library> m_library;
    qint64 m_episodeId = 0;
    bool m_valid = false;
    QString m_title;
    QString m_podcastTitle;
    qint64 m_podcastId = 0;
    QString m_notesHtml;
    QString m_dateText;
    qint64 m_durationSeconds = 0;
    QUrl m_artworkUrl;
    QUrl m_link;
    QUrl m_enclosureUrl;
    bool m_played = false;
    qint64 m_positionMs = 0;
};

} // namespace sidecast
