#include "episode.h"

namespace sidecast {

QString Episode::identity() const
{
    if (!guid.isEmpty())
        return guid;
    if (enclosure.isValid())
        return enclosure.url.toString();
    if (!link.isEmpty())
        return link.toString();
    return title;
}

} // namespace sidecast
