#pragma once

#include <QStringList>

namespace sidecast::bench {

// `sidecast-bench parse`: FeedParser::parse against a bare QXmlStreamReader scan of the same
// generated feed, in one process, so the ratio holds across machines. `arguments` starts with
// the command's name. Returns the process exit status.
int runParseBench(const QStringList &arguments);

} // namespace sidecast::bench
