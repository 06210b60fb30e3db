#include "queue.h"

#include "storage/library.h"

namespace sidecast {

Queue::Queue(Library *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_ids(library->queue())
{
    // Removing a podcast removes its episodes from the queue in the database.
    connect(library, &Library::podcastsChanged, this, &Queue::reload);
}

void Queue::commit()
{
    m_library->setQueue(m_ids);
    Q_EMIT changed();
}

void Queue::playNext(qint64 episodeId)
{
    if (episodeId <= 0 || (!m_ids.isEmpty() && m_ids.constFirst() == episodeId))
        return;
    m_ids.removeAll(episodeId);
    m_ids.prepend(episodeId);
    commit();
}

void Queue::playLast(qint64 episodeId)
{
    if (episodeId <= 0 || (!m_ids.isEmpty() && m_ids.constLast() == episodeId))
        return;
    m_ids.removeAll(episodeId);
    m_ids.append(episodeId);
    commit();
}

bool Queue::remove(qint64 episodeId)
{
    if (m_ids.removeAll(episodeId) == 0)
        return false;
    commit();
    return true;
}

bool Queue::move(int from, int to)
{
    if (from < 0 || from >= m_ids.size() || to < 0 || to >= m_ids.size())
        return false;
    if (from == to)
        return true;
    m_ids.move(from, to);
    commit();
    return true;
}

void Queue::clear()
{
    if (m_ids.isEmpty())
        return;
    m_ids.clear();
    commit();
}

qint64 Queue::takeFirst()
{
    if (m_ids.isEmpty())
        return 0;
    const qint64 id = m_ids.takeFirst();
    commit();
    return id;
}

void Queue::reload()
{
    const QList<qint64> stored = m_library->queue();
    if (stored == m_ids)
        return;
    m_ids = stored;
    Q_EMIT changed();
}

} // namespace sidecast
