#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace sidecast::bench {

// A synthetic but realistic podcast feed, made in memory so that every run and every machine
// measures the same bytes: RSS 2.0 with the iTunes, content and podcast namespaces, and show
// notes written the way publishers write them (HTML in CDATA, escaped HTML in <description>).
struct FeedSpec
{
    int episodes = 3000;
    // Same seed, same bytes: the text rotates through fixed tables driven by this seed.
    quint64 seed = 0x5eedcafe;
};

QByteArray generateFeed(const FeedSpec &spec);

} // namespace sidecast::bench
