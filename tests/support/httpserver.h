#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <atomic>
#include <functional>

namespace sidecast::test {

// A small HTTP/1.1 server on a loopback address for tests and benchmarks: canned routes with
// status, headers and body, redirects, gzip, latency, slow bodies and connections dropped
// mid-answer; it counts the connections open at once. Runs on the event loop of its thread (a
// benchmark moves it to a thread of its own); one connection per request.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;                       // with the query
        QHash<QByteArray, QByteArray> headers; // names lower-cased
    };

    struct Response
    {
        int status = 200;
        QByteArray reason; // empty: the usual phrase for the status
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        int delayMs = 0;             // wait before answering
        bool dropConnection = false; // close without answering (after delayMs)
        qint64 dropAfterBytes = -1;  // send this many body bytes, then close
        bool gzip = false;           // compress the body when the client accepts gzip

        void addHeader(const QByteArray &name, const QByteArray &value)
        {
            headers.append(qMakePair(name, value));
        }
    };

    using Handler = std::function<Response(const Request &)>;

    explicit HttpServer(QObject *parent = nullptr);

    // On 127.0.0.1 (or another address of 127.0.0.0/8: each is a host of its own), any free
    // port unless one is given.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }
    QUrl url(const QString &path) const;

    // Added to every answer's delay.
    void setLatency(int milliseconds) { m_latencyMs = milliseconds; }
    // Connections open right now and the most ever open at once (safe from any thread).
    int openConnections() const { return m_open.load(); }
    int maxOpenConnections() const { return m_maxOpen.load(); }
    void resetConnectionCount() { m_maxOpen = m_open.load(); }
    int requestCount() const { return m_requestCount.load(); }

    // The body as gzip (RFC 1952).
    static QByteArray gzip(const QByteArray &data);

    void route(const QByteArray &path, const Response &response);
    void route(const QByteArray &path, Handler handler);
    // Serves a file from disk with a content type.
    void routeFile(const QByteArray &path, const QString &filePath, const QByteArray &contentType);

    const QList<Request> &requests() const { return m_requests; }
    // A benchmark serving thousands of requests need not remember them.
    void setKeepRequests(bool keep) { m_keepRequests = keep; }
    int hits(const QByteArray &path) const;

    static Response redirect(int status, const QByteArray &location);

private:
    void onNewConnection();
    void handle(QTcpSocket *socket, const Request &request);
    void connectionEnded(QTcpSocket *socket);

    QTcpServer m_server;
    int m_latencyMs = 0;
    bool m_keepRequests = true;
    std::atomic<int> m_open{0};
    std::atomic<int> m_maxOpen{0};
    std::atomic<int> m_requestCount{0};
    QHash<QByteArray, Handler> m_routes;
    QList<Request> m_requests;
};

} // namespace sidecast::test
