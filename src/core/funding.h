#pragma once

#include <QString>
#include <QUrl>

namespace sidecast {

// A way to support the show: podcast:funding, or an older atom:link rel="payment".
struct Funding
{
    QUrl url;
    QString title; // what the publisher calls it ("Support the show!"); may be empty

    friend bool operator==(const Funding &, const Funding &) = default;
};

} // namespace sidecast
