#include "refreshscheduler.h"

#include "refresher.h"
#include "storage/library.h"

#include <QDateTime>

namespace sidecast {

using namespace std::chrono_literals;

RefreshScheduler::RefreshScheduler(Library *library, Refresher *refresher, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_refresher(refresher)
{
    m_timer.setInterval(1min);
    connect(&m_timer, &QTimer::timeout, this, &RefreshScheduler::check);
    connect(refresher, &Refresher::finished, this, &RefreshScheduler::onRefreshFinished);
}

void RefreshScheduler::setCheckPeriod(std::chrono::milliseconds period)
{
    m_timer.setInterval(period);
}

void RefreshScheduler::start()
{
    if (m_interval == 0ms) {
        const int hours =
            m_library->setting(intervalHoursKey(), QString::number(defaultIntervalHours())).toInt();
        m_interval = std::chrono::hours(qMax(0, hours));
    }
    const bool onStart =
        m_library->setting(onStartKey(), QStringLiteral("true")) != QLatin1String("false");
    if (onStart) {
        m_fullRefreshRunning = true;
        m_refresher->refreshAll();
    }
    m_timer.start();
}

void RefreshScheduler::stop()
{
    m_timer.stop();
}

void RefreshScheduler::check()
{
    if (m_interval <= 0ms || m_refresher->isRunning())
        return;
    const qint64 last = m_library->setting(lastFullRefreshKey()).toLongLong();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - last < qint64(m_interval.count()))
        return;
    m_fullRefreshRunning = true;
    m_refresher->refreshAll();
}

void RefreshScheduler::onRefreshFinished()
{
    if (!m_fullRefreshRunning)
        return;
    m_fullRefreshRunning = false;
    m_library->setSetting(lastFullRefreshKey(),
                          QString::number(QDateTime::currentMSecsSinceEpoch()));
}

} // namespace sidecast
