#include "opmlimporter.h"

#include "storage/library.h"
#include "subscriber.h"

#include <QHash>

namespace sidecast {

OpmlImporter::OpmlImporter(Library *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_subscriber(new Subscriber(library, this))
{}

void OpmlImporter::import(const QByteArray &opml)
{
    m_report = {};
    const Opml::ReadResult read = Opml::read(opml);
    if (!read.ok()) {
        m_report.error = read.error;
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT finished(m_report); }, Qt::QueuedConnection);
        return;
    }
    m_report.skipped = read.skipped;

    // Subscriber reports by URL; keep the entry each URL came from.
    auto entries = std::make_shared<QHash<QUrl, OpmlEntry>>();
    QList<OpmlEntry> toFetch;
    for (const OpmlEntry &entry : read.entries) {
        if (m_library->podcastIdForFeedUrl(entry.feedUrl)) {
            m_report.skipped.append({entry.title.isEmpty() ? entry.feedUrl.toString() : entry.title,
                                     QStringLiteral("you are already subscribed to it")});
            continue;
        }
        entries->insert(entry.feedUrl, entry);
        toFetch.append(entry);
    }
    m_total = int(toFetch.size());
    m_pending = m_total;
    if (m_pending == 0) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT finished(m_report); }, Qt::QueuedConnection);
        return;
    }

    disconnect(m_subscriber, nullptr, this, nullptr);
    connect(m_subscriber, &Subscriber::subscribed, this,
            [this, entries](qint64 podcastId, const QString &, int) {
                if (const std::optional<Podcast> p = m_library->podcast(podcastId))
                    m_report.added.append(entries->value(p->feedUrl));
                finishOne();
            });
    connect(m_subscriber, &Subscriber::failed, this, [this, entries](const Error &error) {
        m_report.failed.append({entries->value(error.url, OpmlEntry{error.url, {}, {}}), error});
        if (error.kind != Error::Kind::Duplicate)
            m_library->logError(error);
        finishOne();
    });
    Q_EMIT progress(0, m_total);
    for (const OpmlEntry &entry : std::as_const(toFetch))
        m_subscriber->subscribe(entry.feedUrl);
}

void OpmlImporter::finishOne()
{
    --m_pending;
    Q_EMIT progress(done(), m_total);
    if (m_pending == 0)
        Q_EMIT finished(m_report);
}

} // namespace sidecast
