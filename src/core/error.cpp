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

} // namespace sidecast
