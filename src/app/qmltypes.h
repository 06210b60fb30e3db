#pragma once

// QML registrations for C++ types that live in layers below app/ (they know nothing of QML).

#include "net/refresher.h"
#include "player/chaptercontroller.h"
#include "player/playbackcontroller.h"
#include "player/sleeptimer.h"

#include <QtQml/qqml.h>

namespace sidecast {

struct PlaybackControllerForeign
{
    Q_GADGET
    QML_FOREIGN(sidecast::PlaybackController)
    QML_NAMED_ELEMENT(PlaybackController)
    QML_UNCREATABLE("Use AppContext.player")
};

struct SleepTimerForeign
{
    Q_GADGET
    QML_FOREIGN(sidecast::SleepTimer)
    QML_NAMED_ELEMENT(SleepTimer)
    QML_UNCREATABLE("Use AppContext.sleepTimer")
};

struct RefresherForeign
{
    Q_GADGET
    QML_FOREIGN(sidecast::Refresher)
    QML_NAMED_ELEMENT(Refresher)
    QML_UNCREATABLE("Use AppContext.refresher")
};

struct ChapterControllerForeign
{
    Q_GADGET
    QML_FOREIGN(sidecast::ChapterController)
    QML_NAMED_ELEMENT(ChapterController)
    QML_UNCREATABLE("Use AppContext.chapters")
};

} // namespace sidecast
