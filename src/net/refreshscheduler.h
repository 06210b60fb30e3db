#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace sidecast {

class Library;
class Refresher;

// When to refresh everything: on start (a setting) and every N hours (a setting, 0 = never).
// The time of the last full refresh is kept in the library, so a short session after a long
// pause refreshes at once and a restart does not refresh twice in a row.
class RefreshScheduler : public QObject
{
    Q_OBJECT
public:
    static QString onStartKey() { return QStringLiteral("refresh.onStart"); }
    static QString intervalHoursKey() { return QStringLiteral("refresh.intervalHours"); }
    static QString lastFullRefreshKey() { return QStringLiteral("refresh.lastFullRefresh"); }
    static int defaultIntervalHours() { return 6; }

    RefreshScheduler(Library *library, Refresher *refresher, QObject *parent = nullptr);

    // Reads the settings, refreshes now if they say so, and starts checking.
    void start();
    void stop();

    // For tests: the interval instead of the setting, and how often to look at the clock.
    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    void setCheckPeriod(std::chrono::milliseconds period);
    std::chrono::milliseconds interval() const { return m_interval; }

private:
    void check();
    void onRefreshFinished();

    Library *m_library;
    Refresher *m_refresher;
    QTimer m_timer;
    std::chrono::milliseconds m_interval{0};
    bool m_fullRefreshRunning = false;
};

} // namespace sidecast
