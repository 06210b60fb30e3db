#include "error.h"

namespace sidecast {

QString Error::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::NotAFeed:
        return QStringLiteral("not-a-feed");
    case Kind::Storage:
        return QStringLiteral("storage");
    case Kind::Playback:
        return QStringLiteral("playback");
    case Kind::Duplicate:
        return QStringLiteral("duplicate");
    case Kind::InvalidInput:
        return QStringLiteral("invalid-input");
    }
    return QStringLiteral("unknown");
}

Error::Kind Error::kindFromName(const QString &name)
{
    for (auto k : {Kind::Network, Kind::Http, Kind::NotAFeed, Kind::Storage, Kind::Playback,
                   Kind::Duplicate, Kind::InvalidInput}) {
        if (kindName(k) == name)
            return k;
    }
    return Kind::None;
}

} // namespace sidecast
