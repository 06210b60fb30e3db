#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace sidecast::storage {

// The schema is the sum of these steps, applied in order; PRAGMA user_version records how many
// have run. Never edit a released step: append a new one.
struct Migration
{
    int version;
    QStringList statements;
};

const QList<Migration> &migrations();
int latestSchemaVersion();

} // namespace sidecast::storage
