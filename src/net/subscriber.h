#pragma once

#include "core/error.h"

#include <QObject>
#include <QUrl>

namespace sidecast {

class FeedFetcher;
class Library;

// Subscribes to a podcast by URL: fetch, parse, store. Asynchronous; a failed subscription
// changes nothing in the library and reports a readable Error.
class Subscriber : public QObject
{
    Q_OBJECT
public:
    explicit Subscriber(Library *library, QObject *parent = nullptr);

    FeedFetcher *fetcher() const { return m_fetcher; }

    // Turns what a person typed into a feed URL: trims it, takes a bare absolute path as a file,
    // and a host without a scheme as https. Returns an invalid URL (and sets *why) when the text
    // cannot be a feed address.
    static QUrl normalizeInput(const QString &text, QString *why = nullptr);

    // Starts a subscription; ends with exactly one of subscribed() or failed().
    void subscribe(const QUrl &url);
    int pending() const { return m_pending; }

Q_SIGNALS:
    void subscribed(qint64 podcastId, const QString &title, int episodeCount);
    void failed(const sidecast::Error &error);
    void pendingChanged();

private:
    void finish(const Error &error);

    Library *m_library;
    FeedFetcher *m_fetcher;
    int m_pending = 0;
};

} // namespace sidecast
