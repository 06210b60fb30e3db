#include "httpserver.h"

#include <QFile>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <zlib.h>

namespace sidecast::test {

namespace {

QByteArray reasonFor(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 410:
        return "Gone";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    m_server.setMaxPendingConnections(1000);
    return m_server.listen(address, port);
}

QUrl HttpServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://%1:%2%3").arg(address().toString()).arg(port()).arg(path));
}

QByteArray HttpServer::gzip(const QByteArray &data)
{
    z_stream stream{};
    // 15 window bits + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return {};
    QByteArray out(int(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.truncate(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return rc == Z_STREAM_END ? out : QByteArray();
}

void HttpServer::connectionEnded(QTcpSocket *socket)
{
    // Counted once, when the answer is out or the client left, whichever comes first.
    if (socket->property("sidecastCounted").toBool())
        return;
    socket->setProperty("sidecastCounted", true);
    --m_open;
}

void HttpServer::route(const QByteArray &path, const Response &response)
{
    m_routes.insert(path, [response](const Request &) { return response; });
}

void HttpServer::route(const QByteArray &path, Handler handler)
{
    m_routes.insert(path, std::move(handler));
}

void HttpServer::routeFile(const QByteArray &path, const QString &filePath,
                           const QByteArray &contentType)
{
    m_routes.insert(path, [filePath, contentType](const Request &) {
        Response r;
        QFile file(filePath);
        if (!file.open(QIODevice::ReadOnly)) {
            r.status = 500;
            r.body = "test fixture missing: " + filePath.toUtf8();
            return r;
        }
        r.body = file.readAll();
        r.addHeader("Content-Type", contentType);
        return r;
    });
}

int HttpServer::hits(const QByteArray &path) const
{
    int n = 0;
    for (const Request &r : m_requests)
        n += r.path == path ? 1 : 0;
    return n;
}

HttpServer::Response HttpServer::redirect(int status, const QByteArray &location)
{
    Response r;
    r.status = status;
    r.addHeader("Location", location);
    return r;
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        const int open = ++m_open;
        for (int seen = m_maxOpen.load();
             open > seen && !m_maxOpen.compare_exchange_weak(seen, open);) {
        }
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            connectionEnded(socket);
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            buffer->remove(0, end + 4);
            Request request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                           lines.at(i).mid(colon + 1).trimmed());
            }
            ++m_requestCount;
            if (m_keepRequests)
                m_requests.append(request);
            handle(socket, request);
        });
    }
}

void HttpServer::handle(QTcpSocket *socket, const Request &request)
{
    const QByteArray pathOnly = request.path.left(
        request.path.indexOf('?') >= 0 ? request.path.indexOf('?') : request.path.size());
    Response response;
    if (auto it = m_routes.constFind(pathOnly); it != m_routes.constEnd()) {
        response = (*it)(request);
    } else {
        response.status = 404;
        response.body = "no such path";
    }

    if (response.gzip && request.headers.value("accept-encoding").contains("gzip")) {
        response.body = gzip(response.body);
        response.addHeader("Content-Encoding", "gzip");
    }

    QPointer<QTcpSocket> guard(socket);
    auto send = [this, guard, response, head = request.method == "HEAD"] {
        if (!guard)
            return;
        connectionEnded(guard);
        if (response.dropConnection) {
            guard->abort();
            return;
        }
        QByteArray out =
            "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
            (response.reason.isEmpty() ? reasonFor(response.status) : response.reason) + "\r\n";
        bool hasLength = false;
        for (const auto &[name, value] : response.headers) {
            out += name + ": " + value + "\r\n";
            hasLength |= name.compare("content-length", Qt::CaseInsensitive) == 0;
        }
        if (!hasLength)
            out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        out += "Connection: close\r\n\r\n";
        if (!head) {
            if (response.dropAfterBytes >= 0) {
                out += response.body.left(response.dropAfterBytes);
                guard->write(out);
                guard->flush();
                guard->abort();
                return;
            }
            out += response.body;
        }
        guard->write(out);
        guard->disconnectFromHost();
    };
    if (response.delayMs + m_latencyMs > 0)
        QTimer::singleShot(response.delayMs + m_latencyMs, socket, send);
    else
        send();
}

} // namespace sidecast::test
