#pragma once

#include <QList>
#include <QObject>

namespace sidecast {

class Library;

// Up Next: the episodes to play after the current one. Every change is written to the library at
// once, so the queue survives a restart (and a crash).
class Queue : public QObject
{
    Q_OBJECT
public:
    explicit Queue(Library *library, QObject *parent = nullptr);

    const QList<qint64> &episodeIds() const { return m_ids; }
    int size() const { return int(m_ids.size()); }
    bool isEmpty() const { return m_ids.isEmpty(); }
    bool contains(qint64 episodeId) const { return m_ids.contains(episodeId); }
    int indexOf(qint64 episodeId) const { return int(m_ids.indexOf(episodeId)); }

    // Puts the episode first (moving it there if it is already queued).
    void playNext(qint64 episodeId);
    // Puts the episode last (moving it there if it is already queued).
    void playLast(qint64 episodeId);
    bool remove(qint64 episodeId);
    // Moves the entry at `from` to `to` (both indexes into the current order).
    bool move(int from, int to);
    void clear();
    // Removes and returns the first entry; 0 when empty.
    qint64 takeFirst();
    // Re-reads the queue from the library (after episodes were deleted, for example).
    void reload();

Q_SIGNALS:
    void changed();

private:
    void commit();

    Library *m_library;
    QList<qint64> m_ids;
};

} // namespace sidecast
