#pragma once

#include "core/feed.h"

#include <QJsonObject>

// A parsed Feed as the JSON object of shared/specs/feed-json.md (what `sidecast-cli parse`
// prints): every key always present, null or [] where the feed gives nothing, episodes in
// document order.
namespace sidecast::feedjson {

QJsonObject toJson(const Feed &feed);
QJsonObject toJson(const Episode &episode);

} // namespace sidecast::feedjson
