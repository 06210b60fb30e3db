#pragma once

#include <QString>

namespace sidecast {

// podcast:soundbite: a short excerpt the publisher suggests for previews.
struct Soundbite
{
    double startSecs = 0;
    double durationSecs = 0;
    QString title; // may be empty

    friend bool operator==(const Soundbite &, const Soundbite &) = default;
};

} // namespace sidecast
