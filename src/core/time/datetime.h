#pragma once

#include <QDateTime>
#include <QStringView>

namespace sidecast::timeutil {

// Parses the date shapes real feeds use (RFC 822/2822 with their variants, ISO 8601/RFC 3339).
// Returns a UTC QDateTime, or an invalid one when the text is not a date we can read.
QDateTime parseFeedDate(QStringView text);

} // namespace sidecast::timeutil
