#pragma once

#include <QString>
#include <QUrl>

namespace sidecast {

// podcast:person, on the show or on one episode.
struct Person
{
    QString name;
    QString role = QStringLiteral("host"); // lower case, as the taxonomy spells it
    QString group = QStringLiteral("cast");
    QUrl href; // a page about the person
    QUrl img;  // a picture of the person

    friend bool operator==(const Person &, const Person &) = default;
};

} // namespace sidecast
