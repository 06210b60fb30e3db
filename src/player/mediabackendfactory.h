#pragma once

#include "mediabackend.h"

#include <QStringList>

#include <memory>

namespace sidecast {

// The media backends this build has, by name: "gstreamer" (when built with GStreamer) and "qt".
QStringList availableMediaBackends();

// The backend used when nothing is asked for: GStreamer on Linux while Qt is older than 6.10
// (QMediaPlayer keeps the pitch at other speeds only from 6.10 on), Qt Multimedia otherwise.
QString defaultMediaBackend();

// Creates the backend named by the environment variable SIDECAST_MEDIA_BACKEND, else by
// preferred (a setting), else the default. An unknown or unavailable name falls back to the
// default with a warning. Never null.
std::unique_ptr<MediaBackend> createMediaBackend(const QString &preferred = {});

} // namespace sidecast
