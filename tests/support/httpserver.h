#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>

namespace sidecast::test {

// A small HTTP/1.1 server on 127.0.0.1 for tests: canned routes with status, headers and body,
// redirects, slow bodies and connections dropped mid-answer. Runs on the test's event loop.
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

        void addHeader(const QByteArray &name, const QByteArray &value)
        {
            headers.append(qMakePair(name, value));
        }
    };

    using Handler = std::function<Response(const Request &)>;

    explicit HttpServer(QObject *parent = nullptr);

    bool listen(); // on 127.0.0.1, any free port
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &path) const;

    void route(const QByteArray &path, const Response &response);
    void route(const QByteArray &path, Handler handler);
    // Serves a file from disk with a content type.
    void routeFile(const QByteArray &path, const QString &filePath, const QByteArray &contentType);

    const QList<Request> &requests() const { return m_requests; }
    int hits(const QByteArray &path) const;

    static Response redirect(int status, const QByteArray &location);

private:
    void onNewConnection();
    void handle(QTcpSocket *socket, const Request &request);

    QTcpServer m_server;
    QHash<QByteArray, Handler> m_routes;
    QList<Request> m_requests;
};

} // namespace sidecast::test
