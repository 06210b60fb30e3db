#pragma once

#include <QString>
#include <QStringView>

#include <optional>

// The small values feeds write as element text or attributes, read the way
// shared/specs/feed-json.md and podcast-namespace.md describe. Pure functions; each returns
// its "the feed does not say" value for text it cannot read.
namespace sidecast::feedvalues {

// itunes:explicit: "true"/"yes"/"explicit" and "false"/"no"/"clean", any case.
std::optional<bool> parseExplicit(QStringView text);

// podcast:locked and other yes/no flags ("yes"/"true", "no"/"false"), any case.
std::optional<bool> parseYesNo(QStringView text);

// A whole number above zero (itunes:season, podcast:season); 0 otherwise.
int parsePositiveInteger(QStringView text);

// A decimal number above zero (itunes:episode, podcast:episode: "12", "12.5"); 0 otherwise.
double parsePositiveDecimal(QStringView text);

// A decimal number of zero or more (seconds, bitrates: "73", "60.5"); -1 otherwise.
double parseNonNegativeDecimal(QStringView text);

// An enclosure's byte count; anything that is not a positive count is 0 (unknown).
qint64 parseLength(QStringView text);

// A MIME type in lower case ("audio/mpeg"); empty when the text is not type/subtype.
QString normalizeMimeType(QStringView text);

// itunes:episodeType: "full", "trailer" or "bonus"; empty otherwise.
QString parseEpisodeType(QStringView text);

// itunes:type: "episodic" or "serial"; empty otherwise.
QString parseShowType(QStringView text);

} // namespace sidecast::feedvalues
