#include "mediabackend.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPlayer, "sidecast.player", QtWarningMsg)

namespace sidecast {

MediaBackend::~MediaBackend() = default;

} // namespace sidecast
