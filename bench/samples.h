#pragma once

#include <QList>

#include <algorithm>

namespace sidecast::bench {

// Wall-clock times of repeated runs of one thing; a benchmark reports the median (robust to a
// stray slow run) and the best (closest to what the code can do on an idle machine).
class Samples
{
public:
    void add(double seconds) { m_seconds.append(seconds); }
    qsizetype count() const { return m_seconds.size(); }
    bool isEmpty() const { return m_seconds.isEmpty(); }

    double best() const
    {
        return m_seconds.isEmpty() ? 0.0 : *std::min_element(m_seconds.cbegin(), m_seconds.cend());
    }

    double median() const
    {
        if (m_seconds.isEmpty())
            return 0.0;
        QList<double> sorted = m_seconds;
        std::sort(sorted.begin(), sorted.end());
        const qsizetype middle = sorted.size() / 2;
        return sorted.size() % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

private:
    QList<double> m_seconds;
};

} // namespace sidecast::bench
