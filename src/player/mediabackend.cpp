#include "mediabackend.h"

namespace sidecast {

MediaBackend::~MediaBackend() = default;

} // namespace sidecast
