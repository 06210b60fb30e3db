#pragma once

#include "core/alternateenclosure.h"
#include "core/chapter.h"
#include "core/enclosure.h"
#include "core/funding.h"
#include "core/person.h"
#include "core/soundbite.h"
#include "core/transcript.h"

#include <QList>
#include <QString>
#include <QStringList>

// The list-valued columns of the library (see migration 3): each list is compact JSON text in its
// row. The format is the library's own, independent of what `sidecast-cli parse` prints. Text
// that is not such JSON reads as an empty list.
namespace sidecast::storage {

QString toJsonColumn(const QList<Enclosure> &items);
QString toJsonColumn(const QList<Chapter> &items);
QString toJsonColumn(const QList<Transcript> &items);
QString toJsonColumn(const QList<Person> &items);
QString toJsonColumn(const QList<Soundbite> &items);
QString toJsonColumn(const QList<AlternateEnclosure> &items);
QString toJsonColumn(const QList<Funding> &items);
QString toJsonColumn(const QList<QStringList> &paths);

void fromJsonColumn(const QString &text, QList<Enclosure> &items);
void fromJsonColumn(const QString &text, QList<Chapter> &items);
void fromJsonColumn(const QString &text, QList<Transcript> &items);
void fromJsonColumn(const QString &text, QList<Person> &items);
void fromJsonColumn(const QString &text, QList<Soundbite> &items);
void fromJsonColumn(const QString &text, QList<AlternateEnclosure> &items);
void fromJsonColumn(const QString &text, QList<Funding> &items);
void fromJsonColumn(const QString &text, QList<QStringList> &paths);

} // namespace sidecast::storage
