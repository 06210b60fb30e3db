#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace sidecast {

// The one error value every subsystem reports; the UI and the error log show `message`.
struct Error
{
    enum class Kind
    {
        None,
        Network,   // DNS, refused, timeout, TLS, dropped connection
        Http,      // the server answered with an error status
        NotAFeed,  // the bytes are not a feed we can read
        Storage,   // the database refused
        Playback,  // the media could not be played
        Duplicate, // already subscribed
        InvalidInput,
    };

    Kind kind = Kind::None;
    QUrl url;
    QString message;
    int httpStatus = 0;
    QDateTime when = QDateTime::currentDateTimeUtc();

    bool isError() const { return kind != Kind::None; }
    static Error make(Kind kind, const QUrl &url, const QString &message, int httpStatus = 0)
    {
        Error e;
        e.kind = kind;
        e.url = url;
        e.message = message;
        e.httpStatus = httpStatus;
        return e;
    }
    static QString kindName(Kind kind);
    static Kind kindFromName(const QString &name); // None for a name it does not know
};

} // namespace sidecast

Q_DECLARE_METATYPE(sidecast::Error)
