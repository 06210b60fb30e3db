#pragma once

namespace sidecast::bench {

// sidecast-bench refresh [--feeds N] [--items N] [--latency-ms N] [--hosts N] [--json]
// A loopback server spread over several addresses of 127.0.0.0/8 serves N feeds with an injected
// latency; reports the first refresh of a library that has the subscriptions but no episodes, a
// second refresh where every feed answers 304, and the size of the database.
int refresh(int argc, char *argv[]);

// sidecast-bench listing [--podcasts N] [--episodes N] [--json]
// Builds a library of N podcasts with M episodes each, then times opening it (with the podcast
// list the sidebar shows) and reading the first page of a podcast and of "all new episodes".
int listing(int argc, char *argv[]);

} // namespace sidecast::bench
