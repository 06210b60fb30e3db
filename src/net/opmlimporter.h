#pragma once

#include "core/error.h"
#include "core/opml/opml.h"

#include <QList>
#include <QObject>

namespace sidecast {

class Library;
class Subscriber;

// Subscribes to every feed of an OPML list, in parallel. Each podcast is added whole or not at
// all; feeds already in the library, duplicates and invalid entries are skipped and reported.
class OpmlImporter : public QObject
{
    Q_OBJECT
public:
    struct Report
    {
        QList<OpmlEntry> added;
        QList<Opml::Skipped> skipped;          // invalid, listed twice, already subscribed
        QList<QPair<OpmlEntry, Error>> failed; // could not be fetched or read
        QString error;                         // the file itself could not be read
    };

    explicit OpmlImporter(Library *library, QObject *parent = nullptr);

    // Starts importing; ends with finished(), also for an unreadable file.
    void import(const QByteArray &opml);
    bool isRunning() const { return m_pending > 0; }
    int total() const { return m_total; }
    int done() const { return m_total - m_pending; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const sidecast::OpmlImporter::Report &report);

private:
    void finishOne();

    Library *m_library;
    Subscriber *m_subscriber;
    Report m_report;
    int m_total = 0;
    int m_pending = 0;
};

} // namespace sidecast
