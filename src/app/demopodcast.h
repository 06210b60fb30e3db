#pragma once

#include "core/error.h"

namespace sidecast {

class Library;

// The bundled "52 Weeks of Cloud" demo: feed, audio and cover, compiled into the executable.
namespace demo {

// On the first start with an empty library: copies the demo files into the library folder and
// subscribes to them, so there is something to listen to offline. Runs once per library; a user
// who removes the demo does not get it back. Returns the new podcast id, or 0 when nothing was
// installed.
qint64 installIfFirstStart(Library &library, Error *error = nullptr);

// Copies the bundled files into `directory`; returns the file URL of the feed there.
QUrl extractTo(const QString &directory, Error *error = nullptr);

} // namespace demo
} // namespace sidecast
